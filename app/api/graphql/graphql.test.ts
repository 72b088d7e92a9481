import { describe, expect, it } from "vitest";
import { createGroup } from "@/lib/groups";
import { createProject } from "@/lib/projects";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { GET, POST } from "./route";

const QUERY = `query($full_path: ID!) { project(fullPath: $full_path) { id name fullPath httpUrlToRepo webUrl group { fullPath } } }`;

async function setup(visibility: "private" | "public") {
  const owner = await makeUser();
  const group = await createGroup(owner, { name: unique("Graph"), path: unique("graph"), visibility });
  const project = await createProject(owner, { name: "Atlas", path: "atlas", namespaceId: group.id, visibility });
  return { owner, group, project, token: await tokenFor(owner.id) };
}

const ask = (token: string | undefined, body: unknown) => call(POST, "/api/graphql", { method: "POST", token, body });

describe("POST /api/graphql", () => {
  it("answers GitLab's project query with global ids and Ferry's URLs", async () => {
    const { group, project, token } = await setup("private");
    const fullPath = `${group.fullPath}/atlas`;
    const answer = await ask(token, { query: QUERY, variables: { full_path: fullPath } });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      data: {
        project: {
          id: `gid://gitlab/Project/${project.id}`,
          name: "Atlas",
          fullPath,
          httpUrlToRepo: `http://ferry.test/${fullPath}.git`,
          webUrl: `http://ferry.test/${fullPath}`,
          group: { fullPath: group.fullPath },
        },
      },
    });
    // GET with the query in the URL, as GitLab also takes.
    const viaGet = await call(GET, `/api/graphql?query=${encodeURIComponent(QUERY)}&variables=${encodeURIComponent(JSON.stringify({ full_path: fullPath }))}`, { token });
    expect(viaGet.body).toEqual(answer.body);
  });

  it("tells nobody of a private project: null for an anonymous caller and for a stranger", async () => {
    const { group } = await setup("private");
    const variables = { full_path: `${group.fullPath}/atlas` };
    expect((await ask(undefined, { query: QUERY, variables })).body).toEqual({ data: { project: null } });
    const stranger = await tokenFor((await makeUser()).id);
    expect((await ask(stranger, { query: QUERY, variables })).body).toEqual({ data: { project: null } });
    const group2 = await ask(stranger, { query: `{ group(fullPath: "${group.fullPath}") { id } }` });
    expect(group2.body).toEqual({ data: { group: null } });
  });

  it("refuses a wrong token with 401, and a token without an API scope with 403", async () => {
    expect((await ask("glpat-not-a-token", { query: "{ project(fullPath: \"a/b\") { id } }" })).status).toBe(401);
    const { owner } = await setup("public");
    const readRepository = await tokenFor(owner.id, ["read_repository"]);
    expect((await ask(readRepository, { query: "{ project(fullPath: \"a/b\") { id } }" })).status).toBe(403);
  });

  it("answers bad queries with GitLab's errors and runs nothing: syntax, unknown fields, mutations, depth, size", async () => {
    const { token } = await setup("public");
    const errorsOf = async (body: unknown) => {
      const answer = await ask(token, body);
      expect(answer.status).toBe(200);
      const { data, errors } = answer.body as { data?: unknown; errors?: { message: string }[] };
      expect(data ?? null, JSON.stringify(body)).toBeNull();
      return (errors ?? []).map((error) => error.message);
    };
    expect((await errorsOf({ query: "{ project(fullPath: " }))[0]).toMatch(/Syntax Error/);
    expect((await errorsOf({ query: "{ project(fullPath: \"a/b\") { secret } }" }))[0]).toMatch(/Cannot query field "secret"/);
    expect((await errorsOf({ query: "mutation { destroy }" }))[0]).toMatch(/not configured to execute mutation/);
    expect(await errorsOf({ query: "" })).toEqual(["No query string was present"]);
    expect(await errorsOf({ query: `{ project(fullPath: "a/b") { id } } ${"#".repeat(10_001)}` })).toEqual(["Query too large"]);
    expect(await errorsOf({ query: QUERY, variables: [1] })).toEqual(["Variables must be an object"]);
    // A body that is not JSON is the client's error, told as such.
    const raw = await call(POST, "/api/graphql", { method: "POST", token, form: { query: "x" } });
    expect(raw.status).toBe(400);
  });
});
