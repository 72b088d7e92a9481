import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SourceClient } from "@/lib/gitlab";
import { DEFAULT_TOKEN, startTestSource, type TestSource } from "./server";

let source: TestSource;
beforeAll(async () => {
  source = await startTestSource({ groups: [], users: [{ id: 2, username: "outsider", name: "Outsider", publicEmail: null }], tokens: [{ token: DEFAULT_TOKEN, scopes: ["api"], userId: 1 }, { token: "glpat-outsider", scopes: ["read_api"], userId: 2 }] });
  const group = source.addGroup({ path: "graph", visibility: "private", access: { 1: 50 } });
  source.addProject({ groupId: group.id, path: "atlas", id: 77 });
});
afterAll(() => source.close());

const client = (token = DEFAULT_TOKEN) => new SourceClient({ url: source.url, token, allowInsecure: true, allowLocal: true, maxRetries: 0 });
const QUERY = "query($full_path: ID!) { project(fullPath: $full_path) { id fullPath httpUrlToRepo } group: group(fullPath: \"graph\") { id fullPath } }";

describe("the test source's GraphQL API", () => {
  it("answers the project and group queries GitLab's importers send, with global ids", async () => {
    expect(await client().graphql(QUERY, { full_path: "graph/atlas" })).toEqual({
      project: { id: "gid://gitlab/Project/77", fullPath: "graph/atlas", httpUrlToRepo: `${source.url}/graph/atlas.git` },
      group: { id: expect.stringMatching(/^gid:\/\/gitlab\/Group\/\d+$/), fullPath: "graph" },
    });
    expect(source.requests.at(-1)).toMatchObject({ method: "POST", route: "/api/graphql", status: 200 });
  });

  it("hides what the token's user may not see, and answers a bad query with errors", async () => {
    expect(await client("glpat-outsider").graphql(QUERY, { full_path: "graph/atlas" })).toEqual({ project: null, group: null });
    await expect(client().graphql("{ project(fullPath: \"graph/atlas\") { nothing } }")).rejects.toMatchObject({ kind: "bad_response" });
    await expect(client("glpat-unknown").graphql(QUERY, { full_path: "graph/atlas" })).rejects.toMatchObject({ kind: "unauthorized" });
  });
});
