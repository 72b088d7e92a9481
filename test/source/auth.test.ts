import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_TOKEN, startTestSource, type TestSource } from "./server";
import { api, json } from "./test-client";

let source: TestSource;
beforeAll(async () => {
  source = await startTestSource({
    tokens: [
      { token: DEFAULT_TOKEN, scopes: ["api"], userId: 1 },
      { token: "read-only", scopes: ["read_api"], userId: 1 },
      { token: "user-only", scopes: ["read_user"], userId: 1 },
      { token: "expired", scopes: ["api"], userId: 1, expiresAt: "2020-01-01" },
    ],
  });
});
afterAll(() => source.close());

describe("authentication", () => {
  it("refuses a missing or unknown token with GitLab's 401", async () => {
    for (const token of [null, "nope"]) {
      const response = await api(source, "/groups", { token });
      expect(response.status).toBe(401);
      expect(await json(response)).toEqual({ message: "401 Unauthorized" });
    }
  });

  it("accepts the PRIVATE-TOKEN header, a Bearer token and the private_token parameter, and logs which", async () => {
    source.clearRequests();
    expect((await api(source, "/version")).status).toBe(200);
    expect((await api(source, "/version", { token: null, headers: { authorization: `Bearer ${DEFAULT_TOKEN}` } })).status).toBe(200);
    expect((await api(source, `/version?private_token=${DEFAULT_TOKEN}`, { token: null })).status).toBe(200);
    expect(source.requests.map((r) => r.tokenVia)).toEqual(["header", "bearer", "query"]);
    // What a test checks to prove a client keeps the token out of URLs:
    expect(source.requests.filter((r) => r.url.includes(DEFAULT_TOKEN)).map((r) => r.tokenVia)).toEqual(["query"]);
  });

  it("lets read_api read but not start an export", async () => {
    expect((await api(source, "/groups/4351", { token: "read-only" })).status).toBe(200);
    const post = await api(source, "/groups/4351/export_relations", { method: "POST", token: "read-only" });
    expect(post.status).toBe(403);
    expect(await json(post)).toMatchObject({ error: "insufficient_scope", scope: "api" });
  });

  it("lets read_user see the user but not the groups", async () => {
    expect((await api(source, "/user", { token: "user-only" })).status).toBe(200);
    expect((await api(source, "/groups", { token: "user-only" })).status).toBe(403);
  });

  it("refuses an expired token", async () => {
    const response = await api(source, "/version", { token: "expired" });
    expect(response.status).toBe(401);
    expect(await json(response)).toEqual({ error: "invalid_token", error_description: "Token has expired." });
  });

  it("answers an unknown route with 404 before authentication, like GitLab's catch-all", async () => {
    const response = await api(source, "/no/such/thing", { token: null });
    expect(response.status).toBe(404);
    expect(await json(response)).toEqual({ error: "404 Not Found" });
  });
});
