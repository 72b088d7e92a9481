import { buildSchema, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";

/** Field resolvers by type and field, as a schema module gives them: `{ Query: { project: (parent, args, ctx) => … } }`. */
export type Resolvers<C> = Record<string, Record<string, GraphQLFieldResolver<never, C, never>>>;

export interface SchemaModule<C> {
  typeDefs: string;
  resolvers: Resolvers<C>;
}

/**
 * A schema from modules' SDL (later ones may `extend type`) with their resolvers set on the fields, in graphql-js
 * alone: a resolver for a type or field the SDL lacks is a programming error, thrown at once rather than ignored.
 */
export function executableSchema<C>(modules: readonly SchemaModule<C>[]): GraphQLSchema {
  const schema = buildSchema(modules.map((part) => part.typeDefs).join("\n"));
  for (const part of modules) {
    for (const [typeName, fields] of Object.entries(part.resolvers)) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`GraphQL resolvers for ${typeName}, which is not an object type of the schema`);
      const defined = type.getFields();
      for (const [fieldName, resolve] of Object.entries(fields)) {
        const field = defined[fieldName];
        if (!field) throw new Error(`GraphQL resolver for ${typeName}.${fieldName}, which the schema does not have`);
        field.resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
      }
    }
  }
  return schema;
}
