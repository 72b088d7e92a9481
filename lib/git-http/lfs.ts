import fs from "node:fs";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { baseUrlOf } from "@/lib/api";
import { lfsObjectFile, projectLfsObjects } from "@/lib/lfs";
import { authorizeGit } from "./authorize";
import type { LfsAddress } from "./repository-url";
import { notFound } from "./responses";

const LFS_JSON = "application/vnd.git-lfs+json";
// A batch names each object in ~100 bytes: git-lfs sends 100 per request by default (lfs.transfer.batchSize).
const MAX_BATCH_BYTES = 1024 * 1024;
const MAX_OBJECTS = 1000;
const OID = /^[0-9a-f]{64}$/;
// An href stays good as long as the credentials the client sent with the batch do; this only tells git-lfs when to ask again.
const EXPIRES_IN = 3600;

/** An answer in the batch API's own format (git-lfs shows `message` to the user). */
function lfsJson(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": LFS_JSON, "cache-control": "no-cache", ...headers } });
}

const lfsError = (status: number, message: string) => lfsJson(status, { message, documentation_url: "https://github.com/git-lfs/git-lfs/blob/main/docs/api/batch.md" });

interface BatchRequest {
  operation: "download" | "upload";
  objects: { oid: string; size: number }[];
}

/** The request body, read within its bound, or why it is refused (422, as the batch API answers a bad request). */
async function readBatch(request: Request): Promise<BatchRequest | Response> {
  const chunks: Buffer[] = [];
  let size = 0;
  if (request.body) {
    for await (const chunk of Readable.fromWeb(request.body as unknown as WebReadableStream<Uint8Array>)) {
      size += (chunk as Buffer).length;
      if (size > MAX_BATCH_BYTES) return lfsError(413, `The batch request is larger than ${MAX_BATCH_BYTES} bytes.`);
      chunks.push(chunk as Buffer);
    }
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return lfsError(422, "The batch request is not JSON.");
  }
  const { operation, objects, transfers } = (body ?? {}) as { operation?: unknown; objects?: unknown; transfers?: unknown };
  if (operation !== "download" && operation !== "upload") return lfsError(422, "The batch request's operation must be download or upload.");
  if (transfers !== undefined && !(Array.isArray(transfers) && transfers.includes("basic"))) return lfsError(422, "Ferry offers the basic transfer adapter only.");
  if (!Array.isArray(objects) || objects.length > MAX_OBJECTS) return lfsError(422, `The batch request must list at most ${MAX_OBJECTS} objects.`);
  const valid = objects.every((o: unknown) => {
    const { oid, size: objectSize } = (o ?? {}) as { oid?: unknown; size?: unknown };
    return typeof oid === "string" && OID.test(oid) && Number.isSafeInteger(objectSize) && (objectSize as number) >= 0;
  });
  if (!valid) return lfsError(422, "Each object needs an oid (a SHA-256 in hex) and a size.");
  return { operation, objects: objects as BatchRequest["objects"] };
}

/**
 * The Git LFS batch API of a project (`POST <full path>.git/info/lfs/objects/batch`), for downloads: authorized as a
 * fetch of the repository is (lib/git-http/authorize.ts: a token as the Basic password, or anonymous on a public
 * project), each object the project has answered with its download href (GitLab's `gitlab-lfs/objects/<oid>`) and
 * the client's own Authorization header to send there, each other one with a 404 error. Uploads are not served: Ferry
 * takes LFS objects by import only, so `upload` is answered 501, as the API says a server that does not implement
 * an operation answers.
 */
async function serveBatch(request: Request, fullPath: string): Promise<Response> {
  if (request.method !== "POST") return notFound();
  const grant = await authorizeGit(request, fullPath, "project", "git-upload-pack");
  if (grant instanceof Response) return grant;
  const batch = await readBatch(request);
  if (batch instanceof Response) return batch;
  if (batch.operation === "upload") return lfsError(501, "Ferry serves Git LFS objects for download only; they arrive by import.");

  const sizes = await projectLfsObjects(grant.project.id, [...new Set(batch.objects.map((o) => o.oid))]);
  const base = `${baseUrlOf(request)}/${fullPath}.git/gitlab-lfs/objects`;
  const authorization = request.headers.get("authorization");
  const objects = batch.objects.map(({ oid, size }) => {
    const stored = sizes.get(oid);
    if (stored === undefined) return { oid, size, error: { code: 404, message: "Object does not exist on the server or you don't have permissions to access it" } };
    const download = { href: `${base}/${oid}`, expires_in: EXPIRES_IN, ...(authorization ? { header: { Authorization: authorization } } : {}) };
    return { oid, size: stored, authenticated: true, actions: { download } };
  });
  return lfsJson(200, { transfer: "basic", objects, hash_algo: "sha256" });
}

/** One object's content (`GET <full path>.git/gitlab-lfs/objects/<oid>`), authorized as the batch is, streamed from the store. */
async function serveObject(request: Request, fullPath: string, oid: string): Promise<Response> {
  if (request.method !== "GET") return notFound();
  const grant = await authorizeGit(request, fullPath, "project", "git-upload-pack");
  if (grant instanceof Response) return grant;
  if (!(await projectLfsObjects(grant.project.id, [oid])).has(oid)) return notFound();
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(lfsObjectFile(oid), "r");
  } catch {
    return notFound();
  }
  const { size } = await handle.stat();
  const body = Readable.toWeb(handle.createReadStream()) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers: { "content-type": "application/octet-stream", "content-length": String(size), "cache-control": "private, no-cache" } });
}

/** The Git LFS addresses of a project's repository (see parseLfsAddress). */
export function serveLfs(request: Request, address: LfsAddress): Promise<Response> {
  return address.action === "batch" ? serveBatch(request, address.fullPath) : serveObject(request, address.fullPath, address.oid);
}
