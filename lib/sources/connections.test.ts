import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/crypto";
import { getDb, sourceConnections } from "@/lib/db";
import { isSourceError, SourceError } from "@/lib/gitlab";
import { makeUser } from "@/test/helpers/factories";
import { DEFAULT_TOKEN, startTestSource, type TestSource } from "@/test/source";
import { connect, disconnect, getConnection, getConnectionWithToken, listSourceGroups, NotConnectedError } from "./index";

// The test source listens on http://127.0.0.1: the URL policy must allow both, as an administrator would for tests.
// getConfig() reads the environment on first use, which comes after this.
process.env.FERRY_ALLOW_LOCAL_SOURCES = "true";
process.env.FERRY_ALLOW_INSECURE_SOURCES = "true";

let source: TestSource;

beforeAll(async () => {
  source = await startTestSource({
    version: "17.8.0-ee",
    groups: [],
    tokens: [
      { token: DEFAULT_TOKEN, scopes: ["api"], userId: 1 },
      { token: "glpat-read-only-token", scopes: ["read_api"], userId: 1 },
    ],
  });
  source.addGroups(45);
});

afterAll(async () => {
  await source?.close();
});

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    if (isSourceError(error)) return error;
    throw error;
  }
  throw new Error("expected a SourceError");
}

/** A plain web server that is not GitLab: a welcome page everywhere, as a mistyped URL might lead to. */
async function notGitlabServer() {
  const server = http.createServer((_req, res) => {
    res.writeHead(404, { "content-type": "text/html" });
    res.end("<!DOCTYPE html><title>Welcome to nginx!</title>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe("connect", () => {
  it("connects, stores the connection with the token encrypted, and shows it without the token", async () => {
    const user = await makeUser();
    const connection = await connect(user.id, `  ${source.url}/api/v4/ `, DEFAULT_TOKEN);
    const host = new URL(source.url).host;
    expect(connection).toEqual({ url: source.url, host, version: "17.8.0-ee", enterprise: true, sourceUsername: "root" });
    expect(await getConnection(user.id)).toEqual(connection);
    expect(await getConnectionWithToken(user.id)).toEqual({ ...connection, token: DEFAULT_TOKEN });

    const [row] = await getDb().select().from(sourceConnections).where(eq(sourceConnections.userId, user.id));
    expect(row).toBeDefined();
    expect(JSON.stringify(row)).not.toContain(DEFAULT_TOKEN);
    expect(row!.tokenCiphertext).toMatch(/^v1:/);
    expect(decryptSecret(row!.tokenCiphertext)).toBe(DEFAULT_TOKEN);
    expect(JSON.stringify(await getConnection(user.id))).not.toContain(DEFAULT_TOKEN);
  });

  it("keeps one connection per user: switching replaces it, a failed switch keeps the old one", async () => {
    const user = await makeUser();
    await connect(user.id, source.url, DEFAULT_TOKEN);
    const other = await startTestSource({ version: "16.4.1", groups: [], tokens: [{ token: "glpat-other-instance", scopes: ["api"], userId: 1 }] });
    try {
      await failure(connect(user.id, other.url, "glpat-wrong-token"));
      expect((await getConnection(user.id))?.url).toBe(source.url);
      const switched = await connect(user.id, other.url, "glpat-other-instance");
      expect(switched).toMatchObject({ url: other.url, version: "16.4.1", enterprise: false });
      expect(await getDb().select().from(sourceConnections).where(eq(sourceConnections.userId, user.id))).toHaveLength(1);
      expect((await getConnectionWithToken(user.id))?.token).toBe("glpat-other-instance");
    } finally {
      await other.close();
    }
  });

  it("disconnects", async () => {
    const user = await makeUser();
    await connect(user.id, source.url, DEFAULT_TOKEN);
    expect(await disconnect(user.id)).toBe(true);
    expect(await getConnection(user.id)).toBeNull();
    expect(await getConnectionWithToken(user.id)).toBeNull();
    expect(await disconnect(user.id)).toBe(false);
  });

  it("refuses a malformed URL", async () => {
    const user = await makeUser();
    const error = await failure(connect(user.id, "https://exa mple.com", DEFAULT_TOKEN));
    expect(error.kind).toBe("malformed_url");
    expect(error.message).toBe("The source URL is not valid: it could not be parsed. Enter the base URL of the GitLab instance, such as https://gitlab.example.com.");
    expect(await getConnection(user.id)).toBeNull();
  });

  it("says when nothing answers at the URL", async () => {
    const user = await makeUser();
    const closed = await notGitlabServer();
    await closed.close();
    const error = await failure(connect(user.id, closed.url, DEFAULT_TOKEN));
    expect(error.kind).toBe("unreachable");
    expect(error.message).toBe("The source instance could not be reached: connection refused.");
  });

  it("says when the URL is not a GitLab instance", async () => {
    const user = await makeUser();
    const server = await notGitlabServer();
    try {
      const error = await failure(connect(user.id, server.url, DEFAULT_TOKEN));
      expect(error.kind).toBe("not_gitlab");
      expect(error.message).toBe(
        "The source URL does not lead to a GitLab instance. Enter only the base URL of the source GitLab instance, such as https://gitlab.example.com.",
      );
    } finally {
      await server.close();
    }
  });

  it("refuses a source older than 14.0", async () => {
    const user = await makeUser();
    const old = await startTestSource({ version: "13.12.0", groups: [] });
    try {
      const error = await failure(connect(user.id, old.url, DEFAULT_TOKEN));
      expect(error.kind).toBe("version_too_old");
      expect(error.message).toBe("The source instance runs GitLab 13.12.0. The minimum supported version is 14.0.");
    } finally {
      await old.close();
    }
  });

  it("refuses a token the source does not know", async () => {
    const user = await makeUser();
    const error = await failure(connect(user.id, source.url, "glpat-not-a-real-token"));
    expect(error.kind).toBe("unauthorized");
    expect(error.status).toBe(401);
    expect(error.message).not.toContain("glpat-not-a-real-token");
    expect(await getConnection(user.id)).toBeNull();
  });

  it("refuses a token without the api scope", async () => {
    const user = await makeUser();
    const error = await failure(connect(user.id, source.url, "glpat-read-only-token"));
    expect(error.kind).toBe("insufficient_scope");
    expect(error.message).toBe("The personal access token must have the api scope (it has read_api). Create a token with the api scope.");
    expect(await getConnection(user.id)).toBeNull();
  });
});

describe("listSourceGroups", () => {
  it("lists the top-level groups the user owns, a page at a time, filtered", async () => {
    const user = await makeUser();
    await connect(user.id, source.url, DEFAULT_TOKEN);
    source.clearRequests();
    const first = await listSourceGroups(user.id, { page: 1, perPage: 20 });
    expect(first).toMatchObject({ sourceUrl: source.url, host: new URL(source.url).host, page: 1, perPage: 20, total: 45, hasNextPage: true });
    expect(first.groups).toHaveLength(20);
    expect(first.groups[0]).toEqual({
      id: expect.any(Number),
      name: "group-001",
      fullName: "group-001",
      path: "group-001",
      fullPath: "group-001",
      webUrl: `${source.url}/groups/group-001`,
      lastImport: null,
    });
    const request = source.requests.find((r) => r.path === "/api/v4/groups");
    expect(request?.query).toEqual({ top_level_only: "true", min_access_level: "50", page: "1", per_page: "20" });

    const last = await listSourceGroups(user.id, { page: 3, perPage: 20 });
    expect(last.groups.map((g) => g.fullPath)).toEqual(["group-041", "group-042", "group-043", "group-044", "group-045"]);
    expect(last.hasNextPage).toBe(false);

    const filtered = await listSourceGroups(user.id, { page: 1, perPage: 50, search: "GROUP-01" });
    expect(filtered.total).toBe(10);
    expect(filtered.groups.map((g) => g.fullPath)).toContain("group-010");
  });

  it("leaves out groups the user does not own", async () => {
    const user = await makeUser();
    const limited = await startTestSource({ groups: [] });
    try {
      limited.addGroup({ path: "owned" });
      limited.addGroup({ path: "maintained", access: { 1: 40 } });
      await connect(user.id, limited.url, DEFAULT_TOKEN);
      const page = await listSourceGroups(user.id, { page: 1, perPage: 20 });
      expect(page.groups.map((g) => g.fullPath)).toEqual(["owned"]);
    } finally {
      await limited.close();
    }
  });

  it("needs a connection, and reports a revoked token as a message", async () => {
    const user = await makeUser();
    await expect(listSourceGroups(user.id, { page: 1, perPage: 20 })).rejects.toBeInstanceOf(NotConnectedError);
    const revoking = await startTestSource({ groups: [], tokens: [{ token: "glpat-soon-revoked", scopes: ["api"], userId: 1 }] });
    try {
      await connect(user.id, revoking.url, "glpat-soon-revoked");
      revoking.store.tokens.delete("glpat-soon-revoked");
      const error = await failure(listSourceGroups(user.id, { page: 1, perPage: 20 }));
      expect(error.kind).toBe("unauthorized");
    } finally {
      await revoking.close();
    }
  });
});
