import { execFile } from "node:child_process";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type http from "node:http";
import { desc, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { bulkImports, getDb, issues } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { STATUS } from "@/lib/migration";
import { projectFixtureCount, projectFixtureMembers, tarGzOf } from "@/lib/migration/file-import/test-archives";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { waitForImports } from "@/test/helpers/imports";
import { captureLogs, startFileServer, type ServedFile } from "@/test/helpers/remote-file-server";
import { runFerryExchange } from "@/test/exchange/ferry-exchange";
import { POST } from "./route";

const QUEUE = "pgboss_project_remote_import_s3_test";
const REGION = "eu-west-3";
const BUCKET = "ferry-exports";
const ACCESS_KEY_ID = "AKIAFERRYTEST0000001";
const SECRET_ACCESS_KEY = `wJalrXUtnFEMI/K7MDENG/${unique("secret")}`;

const rfc3986 = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();

/**
 * S3's check of a presigned request (SigV4, query parameters), recomputed here from the request as it arrived:
 * 403 for a wrong or expired signature, another key or region, null when it is S3's to serve.
 */
function verifySigV4(req: Pick<http.IncomingMessage, "method" | "url" | "headers">, keys = { id: ACCESS_KEY_ID, secret: SECRET_ACCESS_KEY, region: REGION }, now = Date.now()): number | null {
  const url = new URL(req.url ?? "/", "https://s3.test");
  const query = url.searchParams;
  const [keyId, date, region, service, terminal] = (query.get("X-Amz-Credential") ?? "").split("/");
  if (query.get("X-Amz-Algorithm") !== "AWS4-HMAC-SHA256" || keyId !== keys.id || region !== keys.region || service !== "s3" || terminal !== "aws4_request") return 403;
  const amzDate = query.get("X-Amz-Date") ?? "";
  const signedAt = Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));
  if (!amzDate.startsWith(date!) || !(now <= signedAt + Number(query.get("X-Amz-Expires")) * 1000)) return 403;
  if (query.get("X-Amz-SignedHeaders") !== "host") return 403;
  const canonicalPath = url.pathname.split("/").map((segment) => rfc3986(decodeURIComponent(segment))).join("/");
  const canonicalQuery = [...query.entries()]
    .filter(([name]) => name !== "X-Amz-Signature")
    .map(([name, value]) => `${rfc3986(name)}=${rfc3986(value)}`)
    .sort()
    .join("&");
  const canonical = [req.method, canonicalPath, canonicalQuery, `host:${req.headers.host}\n`, "host", "UNSIGNED-PAYLOAD"].join("\n");
  const scope = `${date}/${region}/s3/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, createHash("sha256").update(canonical).digest("hex")].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${keys.secret}`, date!), region!), "s3"), "aws4_request");
  const expected = Buffer.from(hmac(key, toSign).toString("hex"));
  const given = Buffer.from(query.get("X-Amz-Signature") ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : 403;
}

const S3_HEADERS = { server: "AmazonS3", "x-amz-request-id": "4442587FB7D0A2F9", "content-type": "application/x-gzip" };
const objects = new Map<string, ServedFile>();
// The store answers at FERRY_S3_ENDPOINT, path-style: its address must be known before the configuration is read.
const store = await startFileServer(objects, (req) => (req.url?.startsWith(`/${BUCKET}/`) ? verifySigV4(req) : null));
process.env.FERRY_S3_ENDPOINT = store.url;
afterAll(() => store.close());
const { ferry } = runFerryExchange(QUEUE);
const logs = captureLogs();

const post = async (fields: Record<string, unknown>, token: string) => {
  const request = new Request("http://ferry.test/api/v4/projects/remote-import-s3", { method: "POST", headers: { "private-token": token, "content-type": "application/json" }, body: JSON.stringify(fields) });
  const response = await POST(request, { params: Promise.resolve({}) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

async function latestImport(userId: number) {
  const [row] = await getDb().select().from(bulkImports).where(eq(bulkImports.userId, userId)).orderBy(desc(bulkImports.id)).limit(1);
  return row;
}

/** Every row of the tables an import writes to, and the queue's jobs, as text: what a secret must be absent from. */
async function everyStoredRow(): Promise<string> {
  const tables = ["bulk_imports", "bulk_import_entities", "bulk_import_failures", "bulk_import_trackers", "projects", "source_users"];
  const texts: string[] = [];
  for (const table of [...tables.map((t) => `"${t}"`), `"${QUEUE}".job`]) {
    const result = await getDb().execute(sql.raw(`SELECT t::text AS row FROM ${table} t`));
    texts.push(...(result.rows as { row: string }[]).map((r) => r.row));
  }
  return texts.join("\n");
}

describe("POST /projects/remote-import-s3", () => {
  it("checks signatures as S3 does: AWS's documented presigned URL passes the test store's check, a changed one does not", () => {
    // "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)", Amazon S3 API reference.
    const keys = { id: "AKIAIOSFODNN7EXAMPLE", secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", region: "us-east-1" };
    const query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host";
    const signature = "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
    const request = (path: string, sig: string) => ({ method: "GET", url: `${path}?${query}&X-Amz-Signature=${sig}`, headers: { host: "examplebucket.s3.amazonaws.com" } });
    const at = Date.parse("2013-05-24T01:00:00Z");
    expect(verifySigV4(request("/test.txt", signature), keys, at)).toBeNull();
    expect(verifySigV4(request("/test2.txt", signature), keys, at)).toBe(403);
    expect(verifySigV4(request("/test.txt", signature), keys, Date.parse("2013-05-26T00:00:00Z"))).toBe(403);
  });

  it("imports an object through a SigV4 presigned URL the store verifies, and keeps the secret key nowhere", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const group = await createGroup(user, { name: unique("s3"), path: unique("s3") });
    const key = `exports/${unique("p")}/my export ü.tar.gz`;
    objects.set(`/${BUCKET}/${key.split("/").map(encodeURIComponent).join("/")}`, { body: await tarGzOf(projectFixtureMembers("complex")), head: S3_HEADERS, headers: S3_HEADERS });
    const fields = { region: REGION, bucket_name: BUCKET, file_key: key, access_key_id: ACCESS_KEY_ID, secret_access_key: SECRET_ACCESS_KEY, path: unique("s3"), namespace: group.fullPath };

    const answer = await post(fields, token);
    expect(answer).toMatchObject({ status: 201, body: { import_status: "scheduled", path: fields.path } });
    const bulkImport = await latestImport(user.id);
    expect((await waitForImports([bulkImport!.id]))[0]).toMatchObject({ status: STATUS.finished });
    const [count] = await getDb().select({ n: sql<number>`count(*)::int` }).from(issues).where(eq(issues.projectId, answer.body.id as number));
    expect(count!.n).toBe(projectFixtureCount("complex", "issues"));
    // The store saw a signed HEAD, then a signed GET, each accepted by the recomputed signature.
    const asked = store.requests.filter((r) => r.url.startsWith(`/${BUCKET}/exports/`));
    expect(asked.map((r) => r.method)).toEqual(["HEAD", "GET"]);
    expect(asked.every((r) => r.url.includes("X-Amz-Signature="))).toBe(true);

    // Refused by the store: a wrong secret (403 from the signature check) and a key it does not have.
    expect(await post({ ...fields, path: unique("s3"), secret_access_key: "not-the-secret" }, token)).toEqual({ status: 400, body: { message: `Failed to open '${key}' in '${BUCKET}': Forbidden` } });
    expect(await post({ ...fields, path: unique("s3"), file_key: "exports/none.tar.gz" }, token)).toEqual({ status: 400, body: { message: `File not found 'exports/none.tar.gz' in '${BUCKET}'` } });

    const stored = await everyStoredRow();
    expect(stored).toContain(fields.path);
    for (const secret of [SECRET_ACCESS_KEY, encodeURIComponent(SECRET_ACCESS_KEY), "X-Amz-Signature", ACCESS_KEY_ID]) expect(stored).not.toContain(secret);
    expect(logs.join("")).not.toContain(SECRET_ACCESS_KEY);
  });

  it("answers Grape's errors for missing parameters, and S3's object checks as remote-import's", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const group = await createGroup(user, { name: unique("s3"), path: unique("s3") });
    expect(await post({}, token)).toEqual({ status: 400, body: { error: "region is missing, bucket_name is missing, file_key is missing, access_key_id is missing, secret_access_key is missing, path is missing" } });
    expect(await post({ region: REGION, bucket_name: BUCKET, file_key: "k", access_key_id: ACCESS_KEY_ID, path: "p", namespace: group.fullPath }, token)).toEqual({ status: 400, body: { error: "secret_access_key is missing" } });
    const key = `${unique("k")}.tar.gz`;
    objects.set(`/${BUCKET}/${key}`, { body: Buffer.from("x"), head: { ...S3_HEADERS, "content-type": "binary/octet-stream" } });
    const fields = { region: REGION, bucket_name: BUCKET, file_key: key, access_key_id: ACCESS_KEY_ID, secret_access_key: SECRET_ACCESS_KEY, path: unique("s3"), namespace: group.fullPath };
    expect(await post(fields, token)).toEqual({ status: 400, body: { message: "Content type 'binary/octet-stream' not allowed. (Allowed: application/gzip, application/x-tar, application/x-gzip)" } });
    expect(await latestImport(user.id)).toBeUndefined();
  });

  it("serves python-gitlab's remote_import and remote_import_s3", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const group = await createGroup(user, { name: unique("py"), path: unique("py") });
    const archive = await tarGzOf(projectFixtureMembers("complex"));
    const key = `${unique("py")}.tar.gz`;
    objects.set(`/${BUCKET}/${key}`, { body: archive, head: S3_HEADERS, headers: S3_HEADERS });
    // The same object by a URL of its own (presigned by hand here would be S3's; any https URL does for remote_import).
    objects.set(`/plain/${key}`, { body: archive });
    const script = `
import json, sys, time
import gitlab
gl = gitlab.Gitlab(sys.argv[1], private_token=sys.argv[2])
def wait(output):
    state = gl.projects.get(output["id"], lazy=True).imports.get()
    while state.import_status not in ("finished", "failed"):
        time.sleep(0.2)
        state.refresh()
    return [output["import_status"], state.import_status, state.import_error]
a = gl.projects.remote_import(sys.argv[3], sys.argv[4], name="From URL", namespace=sys.argv[5])
b = gl.projects.remote_import_s3(sys.argv[6], "${REGION}", "${BUCKET}", sys.argv[7], "${ACCESS_KEY_ID}", sys.argv[8], name="From S3", namespace=sys.argv[5])
print(json.dumps({"url": wait(a), "s3": wait(b)}))
`;
    const args = [ferry().url, token, `${store.url}/plain/${key}`, unique("url"), group.fullPath, unique("s3"), key, SECRET_ACCESS_KEY];
    const run = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
      execFile("/usr/bin/python3", ["-c", script, ...args], { encoding: "utf8", timeout: 120_000 }, (_error, stdout, stderr) => resolve({ stdout, stderr }));
    });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ url: ["scheduled", "finished", null], s3: ["scheduled", "finished", null] });
    expect(logs.join("")).not.toContain(SECRET_ACCESS_KEY);
  }, 240_000);
});
