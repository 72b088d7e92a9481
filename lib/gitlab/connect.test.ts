import { afterEach, describe, expect, it } from "vitest";
import { connectSource } from "./connect";
import { SourceError } from "./errors";
import { recordingSleep, sendJson, startServer, type TestServer } from "./test-server";

const TOKEN = "glpat-connect-test-abcdef123456";
const USER = { id: 42, username: "root", name: "Administrator", email: "admin@example.com", is_admin: true };
const servers: TestServer[] = [];

interface FakeSource {
  version?: { status: number; body: unknown } | "html";
  metadata?: { status: number; body: unknown };
  token?: { status: number; body: unknown };
  user?: { status: number; body: unknown };
}

/** A source that answers the four calls connectSource makes, each as configured (404 when not). */
async function source(fake: FakeSource) {
  const server = await startServer((req, res) => {
    const path = req.url?.replace(/\?.*$/, "") ?? "";
    if (path === "/api/v4/version" && fake.version === "html") {
      res.writeHead(200, { "content-type": "text/html" });
      return res.end("<!DOCTYPE html><title>Not GitLab</title>");
    }
    const answer = {
      "/api/v4/version": fake.version,
      "/api/v4/metadata": fake.metadata,
      "/api/v4/personal_access_tokens/self": fake.token,
      "/api/v4/user": fake.user ?? { status: 200, body: USER },
    }[path];
    if (!answer || answer === "html") return sendJson(res, 404, { message: "404 Not Found" });
    sendJson(res, answer.status, answer.body);
  });
  servers.push(server);
  return server;
}

function connect(server: TestServer) {
  return connectSource({ url: `${server.url}/`, token: TOKEN, allowInsecure: true, allowLocal: true, sleep: recordingSleep().sleep });
}

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SourceError);
    return error as SourceError;
  }
  throw new Error("expected connectSource to fail");
}

const apiToken = { status: 200, body: { id: 4, name: "ferry", scopes: ["api", "read_repository"], active: true } };

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("connectSource", () => {
  it("connects to a recent enterprise source with an api token", async () => {
    const server = await source({ version: { status: 200, body: { version: "17.8.0-ee", revision: "abc" } }, token: apiToken });
    const connection = await connect(server);
    expect(connection).toEqual({
      url: server.url,
      version: { major: 17, minor: 8, patch: 0, suffix: "ee", raw: "17.8.0-ee" },
      versionString: "17.8.0-ee",
      isEnterprise: true,
      tokenScopes: ["api", "read_repository"],
      user: { id: 42, username: "root", name: "Administrator", email: "admin@example.com", isAdmin: true },
    });
    expect(server.requests.map((r) => r.url)).toEqual([
      "/api/v4/version",
      "/api/v4/personal_access_tokens/self",
      "/api/v4/user",
    ]);
    expect(server.requests.every((r) => r.headers["private-token"] === TOKEN)).toBe(true);
  });

  it("falls back to /metadata when /version is not found", async () => {
    const server = await source({
      metadata: { status: 200, body: { version: "16.4.1", revision: "x", kas: { enabled: false, externalUrl: null, version: null }, enterprise: false } },
      token: apiToken,
    });
    const connection = await connect(server);
    expect(connection.versionString).toBe("16.4.1");
    expect(connection.isEnterprise).toBe(false);
    expect(server.requests.map((r) => r.url).slice(0, 2)).toEqual(["/api/v4/version", "/api/v4/metadata"]);
  });

  it("does not fall back to /metadata for other failures", async () => {
    const server = await source({ version: { status: 401, body: { message: "401 Unauthorized" } } });
    const error = await failure(connect(server));
    expect(error.kind).toBe("unauthorized");
    expect(server.requests.map((r) => r.url)).toEqual(["/api/v4/version"]);
  });

  it("says the URL is not GitLab when neither endpoint exists", async () => {
    const server = await source({});
    const error = await failure(connect(server));
    expect(error.kind).toBe("not_gitlab");
    expect(error.message).toBe(
      "The source URL does not lead to a GitLab instance. Enter only the base URL of the source GitLab instance, such as https://gitlab.example.com.",
    );
  });

  it("says the URL is not GitLab when it answers HTML", async () => {
    const server = await source({ version: "html" });
    expect((await failure(connect(server))).kind).toBe("not_gitlab");
  });

  it.each([{ hello: "world" }, { version: 17 }, { version: "latest" }, ["17.0.0"], "17.0.0"])(
    "says %j is not GitLab",
    async (body) => {
      const server = await source({ version: { status: 200, body } });
      expect((await failure(connect(server))).kind).toBe("not_gitlab");
    },
  );

  it("refuses a source older than 14.0", async () => {
    const server = await source({ version: { status: 200, body: { version: "13.12.15-ee", revision: "x" } } });
    const error = await failure(connect(server));
    expect(error.kind).toBe("version_too_old");
    expect(error.message).toBe("The source instance runs GitLab 13.12.15-ee. The minimum supported version is 14.0.");
  });

  it("refuses GitLab's own documented example version, 8.13.0-pre", async () => {
    const server = await source({ version: { status: 200, body: { version: "8.13.0-pre", revision: "4e963fe" } } });
    expect((await failure(connect(server))).kind).toBe("version_too_old");
  });

  it("requires the api scope on sources that can report it", async () => {
    const server = await source({
      version: { status: 200, body: { version: "15.5.0" } },
      token: { status: 200, body: { id: 4, scopes: ["read_api", "read_repository"] } },
    });
    const error = await failure(connect(server));
    expect(error.kind).toBe("insufficient_scope");
    expect(error.message).toBe(
      "The personal access token must have the api scope (it has read_api, read_repository). Create a token with the api scope.",
    );
    expect(server.requests.map((r) => r.url)).not.toContain("/api/v4/user");
  });

  it("does not ask sources older than 15.5 for the token's scopes", async () => {
    const server = await source({ version: { status: 200, body: { version: "15.4.6-ee" } } });
    const connection = await connect(server);
    expect(connection.tokenScopes).toBeNull();
    expect(connection.isEnterprise).toBe(true);
    expect(server.requests.map((r) => r.url)).toEqual(["/api/v4/version", "/api/v4/user"]);
  });

  it("reports a revoked token on the scope check as unauthorized", async () => {
    const server = await source({
      version: { status: 200, body: { version: "16.0.0" } },
      token: { status: 401, body: { message: "401 Unauthorized" } },
    });
    expect((await failure(connect(server))).kind).toBe("unauthorized");
  });

  it("reports an unreachable source", async () => {
    const server = await source({});
    await server.close();
    servers.length = 0;
    const error = await failure(connect(server));
    expect(error.kind).toBe("unreachable");
    expect(error.message).toBe("The source instance could not be reached: connection refused.");
  });

  it("applies the URL policy before connecting", async () => {
    const server = await source({ version: { status: 200, body: { version: "17.0.0" } }, token: apiToken });
    const error = await failure(connectSource({ url: server.url, token: TOKEN, allowInsecure: true }));
    expect(error.kind).toBe("local_address");
    const insecure = await failure(connectSource({ url: server.url, token: TOKEN, allowLocal: true }));
    expect(insecure.kind).toBe("insecure_scheme");
    expect(server.requests).toHaveLength(0);
  });
});
