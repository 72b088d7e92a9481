import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appSettings, bulkImports, getDb, projects } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import type { TestServer } from "@/lib/gitlab/test-server";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { startFileServer } from "@/test/helpers/remote-file-server";
import { POST as remoteImportS3 } from "../remote-import-s3/route";
import { POST as remoteImport } from "./route";

// A real installation's policy: no private, loopback or link-local addresses (this file's own process).
process.env.FERRY_ALLOW_LOCAL_SOURCES = "false";
process.env.FERRY_ALLOW_INSECURE_SOURCES = "true";
process.env.FERRY_S3_ENDPOINT = "https://127.0.0.1:9";

let server: TestServer;
beforeAll(async () => {
  server = await startFileServer(new Map([["/archive.tar.gz", { body: Buffer.from("x") }]]));
});
afterAll(() => server.close());

const post = async (route: typeof remoteImport, body: Record<string, unknown>, token: string) => {
  const response = await route(new Request("http://ferry.test/api/v4/projects/remote-import", { method: "POST", headers: { "private-token": token, "content-type": "application/json" }, body: JSON.stringify(body) }), { params: Promise.resolve({}) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe("POST /projects/remote-import under the default URL policy", () => {
  it("refuses loopback, private and link-local addresses, by literal or by name, before any connection, and http even when sources may use it", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const group = await createGroup(user, { name: unique("policy"), path: unique("policy") });
    const ask = (url: string) => post(remoteImport, { url, path: unique("p"), namespace: group.fullPath }, token);
    const blocked = (reason: string) => ({ status: 400, body: { message: `File url is blocked: ${reason}` } });
    // More requests than project_import's 6 a minute.
    const limit = (projectImportLimit: number) => getDb().insert(appSettings).values({ id: 1, projectImportLimit }).onConflictDoUpdate({ target: appSettings.id, set: { projectImportLimit } });
    await limit(0);
    try {
      expect(await ask(`${server.url}/archive.tar.gz`)).toEqual(blocked("Requests to localhost are not allowed"));
      expect(await ask(`https://localhost:${server.port}/archive.tar.gz`)).toEqual(blocked("Requests to localhost are not allowed"));
      expect(await ask("https://10.20.30.40/archive.tar.gz")).toEqual(blocked("Requests to the local network are not allowed"));
      expect(await ask("https://[fd00::1]/archive.tar.gz")).toEqual(blocked("Requests to the local network are not allowed"));
      expect(await ask("https://169.254.169.254/latest/meta-data")).toEqual(blocked("Requests to the link local network are not allowed"));
      expect(await ask(`http://127.0.0.1:${server.port}/archive.tar.gz`)).toEqual(blocked("Only allowed schemes are https"));
      expect(await ask("https://user:pass@example.com/archive.tar.gz")).toEqual(blocked("URI is invalid"));
      // remote-import-s3 at an endpoint on loopback: the same policy, before its HEAD.
      const s3 = { region: "us-east-1", bucket_name: "b", file_key: "k.tar.gz", access_key_id: "AKIA", secret_access_key: "s", path: unique("p"), namespace: group.fullPath };
      expect(await post(remoteImportS3, s3, token)).toEqual(blocked("Requests to localhost are not allowed"));
    } finally {
      await limit(6);
    }

    expect(server.requests).toEqual([]);
    expect(await getDb().select().from(bulkImports).where(eq(bulkImports.userId, user.id))).toEqual([]);
    expect(await getDb().select().from(projects).where(eq(projects.namespaceId, group.id))).toEqual([]);
  });
});
