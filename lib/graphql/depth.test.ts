import { buildSchema, parse, specifiedRules, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { maxDepthRule } from "./depth";

// A cyclic schema, as GitLab's is (a project's group's projects...): depth is the only bound.
const schema = buildSchema(`type Query { node: Node } type Node { id: ID child: Node }`);
const query = (depth: number) => `{ ${"node { ".repeat(1)}${"child { ".repeat(depth - 2)}id${" }".repeat(depth - 1)} }`;
const errors = (source: string) => validate(schema, parse(source), [...specifiedRules, maxDepthRule(5)]).map((error) => error.message);

describe("maxDepthRule", () => {
  it("takes a query up to the limit and refuses a deeper one, counting fields only", () => {
    expect(errors(query(5))).toEqual([]);
    expect(errors(query(6))).toEqual(["Query has depth of 6, which exceeds max depth of 5"]);
    expect(errors(`{ ... on Query { node { ... on Node { child { id } } } } }`)).toEqual([]);
  });

  it("follows fragments, and a fragment cycle neither loops nor passes", () => {
    expect(errors(`{ node { ...deep } } fragment deep on Node { child { child { child { child { id } } } } }`)).toEqual([
      "Query has depth of 6, which exceeds max depth of 5",
    ]);
    const cyclic = errors(`{ node { ...a } } fragment a on Node { child { ...b } } fragment b on Node { child { ...a } }`);
    expect(cyclic.some((message) => /Cannot spread fragment "a" within itself/.test(message))).toBe(true);
  });
});
