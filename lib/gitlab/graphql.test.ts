import { afterEach, describe, expect, it } from "vitest";
import { SourceClient } from "./client";
import { graphqlPages } from "./graphql-pages";
import { startServer, type TestServer } from "./test-server";

const TOKEN = "glpat-graphql-test";
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const client = (url: string) => new SourceClient({ url, token: TOKEN, allowInsecure: true, allowLocal: true, maxRetries: 0 });
const reply = (res: import("node:http").ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

// Nodes 1..5 two a page, cursors as GitLab's: opaque strings handed back as `cursor`.
const NODES = [1, 2, 3, 4, 5].map((id) => ({ id: `gid://gitlab/User/${id}` }));
const PAGED = `query($full_path: ID!, $cursor: String, $per_page: Int) { project(fullPath: $full_path) { items(first: $per_page, after: $cursor) { nodes { id } pageInfo { endCursor hasNextPage } } } }`;

describe("SourceClient.graphql", () => {
  it("posts the query and variables to /api/graphql with the token, and gives the data", async () => {
    server = await startServer((_req, res) => reply(res, 200, { data: { project: { id: "gid://gitlab/Project/7" } } }));
    const data = await client(server.url).graphql<{ project: { id: string } }>("query($p: ID!) { project(fullPath: $p) { id } }", { p: "g/p" });
    expect(data).toEqual({ project: { id: "gid://gitlab/Project/7" } });
    const [request] = server.requests;
    expect(request).toMatchObject({ method: "POST", url: "/api/graphql" });
    expect(request!.headers["private-token"]).toBe(TOKEN);
    expect(JSON.parse(request!.body)).toEqual({ query: "query($p: ID!) { project(fullPath: $p) { id } }", variables: { p: "g/p" } });
  });

  it("turns GitLab's errors without data into a bad_response naming them, and HTTP errors into their kind", async () => {
    server = await startServer((req, res) =>
      req.headers["private-token"] === TOKEN ? reply(res, 200, { errors: [{ message: "Field 'x' doesn't exist on type 'Project'" }] }) : reply(res, 401, { message: "401 Unauthorized" }),
    );
    await expect(client(server.url).graphql("{ project(fullPath: \"a/b\") { x } }")).rejects.toMatchObject({ kind: "bad_response", message: expect.stringContaining("Field 'x' doesn't exist") });
    const stranger = new SourceClient({ url: server.url, token: "glpat-other", allowInsecure: true, allowLocal: true, maxRetries: 0 });
    await expect(stranger.graphql("{ a }")).rejects.toMatchObject({ kind: "unauthorized" });
  });
});

describe("graphqlPages", () => {
  it("follows endCursor while hasNextPage, passing cursor and per_page", async () => {
    server = await startServer((_req, res, body) => {
      const { variables } = JSON.parse(body) as { variables: { cursor: string | null; per_page: number } };
      const start = variables.cursor ? Number(variables.cursor) : 0;
      const page = NODES.slice(start, start + variables.per_page);
      const next = start + page.length;
      reply(res, 200, { data: { project: { items: { nodes: page, pageInfo: { endCursor: String(next), hasNextPage: next < NODES.length } } } } });
    });
    const pages: string[][] = [];
    for await (const nodes of graphqlPages<{ id: string }>(client(server.url), PAGED, { full_path: "g/p" }, (data) => (data as { project: { items: never } | null }).project?.items, { perPage: 2 })) {
      pages.push(nodes.map((node) => node.id));
    }
    expect(pages).toEqual([["gid://gitlab/User/1", "gid://gitlab/User/2"], ["gid://gitlab/User/3", "gid://gitlab/User/4"], ["gid://gitlab/User/5"]]);
    expect(server.requests.map((r) => (JSON.parse(r.body) as { variables: { cursor: unknown } }).variables.cursor)).toEqual([null, "2", "4"]);
  });

  it("stops on a missing portable, refuses a cursor that does not move, and bounds the pages", async () => {
    server = await startServer((_req, res) => reply(res, 200, { data: { project: { items: { nodes: NODES.slice(0, 1), pageInfo: { endCursor: "same", hasNextPage: true } } } } }));
    const select = (data: unknown) => (data as { project: { items: never } | null }).project?.items;
    const drain = async (options: { maxPages?: number } = {}) => {
      const seen: unknown[] = [];
      for await (const nodes of graphqlPages(client(server!.url), PAGED, {}, select, options)) seen.push(...nodes);
      return seen;
    };
    await expect(drain()).rejects.toMatchObject({ kind: "bad_response", message: expect.stringContaining("same page cursor twice") });
    expect(await drain({ maxPages: 1 })).toHaveLength(1);
    await server.close();
    server = await startServer((_req, res) => reply(res, 200, { data: { project: null } }));
    expect(await drain()).toEqual([]);
  });
});
