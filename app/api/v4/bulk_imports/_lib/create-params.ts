import { booleanParam, ParamError, readParams } from "@/lib/api";
import { groupPathError, PATH_FORMAT_MESSAGE } from "@/lib/groups";
import type { EntityRequest, EntitySourceType, SourceConfig } from "@/lib/migration";
import { isGroupFullPath } from "@/lib/sources/target-rules";

export interface CreateParams {
  source: SourceConfig;
  requests: EntityRequest[];
}

const SOURCE_TYPES: readonly EntitySourceType[] = ["group_entity", "project_entity"];
// bulk_import_configurations: url and access_token are at most 255 characters in GitLab.
const MAX_CONFIG_LENGTH = 255;
const MAX_ENTITIES = 100;
const RELATIVE_PATH_HINT = (example: string) =>
  `must be a relative path and not include protocol, sub-domain, or domain information. For example, '${example}' not 'https://example.com/${example}'`;
const SLUG_MESSAGE =
  "can contain only letters, digits, '_', '-' and '.', cannot start with '-' and cannot end in '.', '.git' or '.atom'. For example, 'destination_slug' not 'destination/slug'";

type Params = Record<string, unknown>;
const isRecord = (value: unknown): value is Params => typeof value === "object" && value !== null && !Array.isArray(value);
const absent = (value: unknown) => value === undefined || value === null;
// Grape coerces numbers to String params; objects and arrays are invalid.
const asString = (value: unknown): string | undefined => (typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined);

/** `entities` as an array: a JSON array, form keys with indexes, or a single entity given without an index. */
function entityList(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) return keys.sort((a, b) => Number(a) - Number(b)).map((k) => value[k]);
  return [value];
}

function configuration(params: Params, errors: string[]): SourceConfig | undefined {
  const config = params.configuration;
  if (absent(config)) {
    errors.push("configuration is missing", "configuration[url] is missing", "configuration[access_token] is missing");
    return undefined;
  }
  if (!isRecord(config)) {
    errors.push("configuration is invalid");
    return undefined;
  }
  const values: Partial<Record<"url" | "access_token", string>> = {};
  for (const key of ["url", "access_token"] as const) {
    const name = `configuration[${key}]`;
    const value = asString(config[key]);
    if (absent(config[key])) errors.push(`${name} is missing`);
    else if (value === undefined) errors.push(`${name} is invalid`);
    else if (value.trim() === "") errors.push(`${name} is empty`);
    else if (value.length > MAX_CONFIG_LENGTH) errors.push(`${name} is too long (maximum is ${MAX_CONFIG_LENGTH} characters)`);
    else values[key] = value.trim();
  }
  return values.url && values.access_token ? { url: values.url, token: values.access_token } : undefined;
}

function fullPathParam(entity: Params, key: string, name: string, errors: string[], options: { allowEmpty: boolean; example: string }): string | undefined {
  const value = asString(entity[key]);
  if (absent(entity[key])) errors.push(`${name} is missing`);
  else if (value === undefined) errors.push(`${name} is invalid`);
  else if (value === "" && options.allowEmpty) return value;
  else if (value === "") errors.push(`${name} is empty`);
  else if (!isGroupFullPath(value)) errors.push(`${name} ${RELATIVE_PATH_HINT(options.example)}`);
  else return value;
  return undefined;
}

function slugParam(entity: Params, prefix: string, errors: string[]): string | undefined {
  const hasSlug = !absent(entity.destination_slug);
  const hasName = !absent(entity.destination_name);
  const names = `${prefix}[destination_slug], ${prefix}[destination_name]`;
  if (hasSlug && hasName) errors.push(`${names} are mutually exclusive`);
  if (!hasSlug && !hasName) errors.push(`${names} are missing, at least one parameter must be provided`);
  if (hasSlug === hasName) return undefined;
  const key = hasSlug ? "destination_slug" : "destination_name";
  const name = `${prefix}[${key}]`;
  const value = asString(entity[key]);
  if (value === undefined) errors.push(`${name} is invalid`);
  else if (value === "") errors.push(`${name} is empty`);
  else if (value.length > 255) errors.push(`${name} is too long (maximum is 255 characters)`);
  // Reserved names are a destination the user can change: the create checks answer those with 422, as the page does.
  else if (groupPathError(value, false) === PATH_FORMAT_MESSAGE) errors.push(`${name} ${SLUG_MESSAGE}`);
  else return value;
  return undefined;
}

function flagParam(entity: Params, key: string, prefix: string, errors: string[]): boolean {
  const raw = entity[key];
  if (absent(raw) || raw === "") return true;
  try {
    return booleanParam(raw, `${prefix}[${key}]`) ?? true;
  } catch (error) {
    if (!(error instanceof ParamError)) throw error;
    errors.push(...error.problems);
    return true;
  }
}

function entityRequest(entity: unknown, index: number, errors: string[]): EntityRequest | undefined {
  const prefix = `entities[${index}]`;
  if (!isRecord(entity)) {
    errors.push(`${prefix} is invalid`);
    return undefined;
  }
  const before = errors.length;
  const sourceType = asString(entity.source_type);
  if (absent(entity.source_type)) errors.push(`${prefix}[source_type] is missing`);
  else if (!SOURCE_TYPES.includes(sourceType as EntitySourceType)) errors.push(`${prefix}[source_type] does not have a valid value`);
  const sourceFullPath = fullPathParam(entity, "source_full_path", `${prefix}[source_full_path]`, errors, { allowEmpty: false, example: "source/full/path" });
  const destinationSlug = slugParam(entity, prefix, errors);
  // '' is a top-level group, as on GitLab self-managed.
  const destinationNamespace = fullPathParam(entity, "destination_namespace", `${prefix}[destination_namespace]`, errors, { allowEmpty: true, example: "destination/full/path" });
  const migrateProjects = flagParam(entity, "migrate_projects", prefix, errors);
  const migrateMemberships = flagParam(entity, "migrate_memberships", prefix, errors);
  if (errors.length > before) return undefined;
  return {
    sourceType: sourceType as EntitySourceType,
    sourceFullPath: sourceFullPath!,
    destinationSlug: destinationSlug!,
    destinationNamespace: destinationNamespace!,
    migrateProjects,
    migrateMemberships,
  };
}

/**
 * POST /bulk_imports parameters, checked as Grape checks them: the requests, or a ParamError (400) listing every
 * problem. A JSON body sent as a form (curl --data '{...}', as GitLab's docs show it) is read as JSON by readParams.
 */
export async function parseCreateParams(request: Request): Promise<CreateParams> {
  const params = await readParams(request);
  const errors: string[] = [];
  const source = configuration(params, errors);
  const list = entityList(params.entities);
  const requests: EntityRequest[] = [];
  if (absent(params.entities)) errors.push("entities is missing");
  else if (!list) errors.push("entities is invalid");
  else if (list.length === 0) errors.push("entities is empty");
  else if (list.length > MAX_ENTITIES) errors.push(`entities has too many elements (maximum is ${MAX_ENTITIES})`);
  else
    list.forEach((entity, index) => {
      const parsed = entityRequest(entity, index, errors);
      if (parsed) requests.push(parsed);
    });
  if (errors.length > 0 || !source) throw new ParamError(errors);
  return { source, requests };
}
