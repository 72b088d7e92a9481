import { blobAt, blobInfo, rawType, streamBlob, type FileBlob } from "@/lib/repositories";
import { booleanParam } from "./booleans";
import { contentDisposition, gitlabHeaders, headOnly, jsonWithBase64Content, NO_CACHE_HEADERS, streamedFile } from "./file-responses";
import { ParamError, readAll } from "./param-error";
import { repositoryRoute } from "./repository-route";
import { json } from "./responses";

// GitLab's Gitlab::PathTraversal: `..` as a whole part (either separator), or a line break.
const TRAVERSAL = /(^\.{1,2}$|^\.\.[/\\]|[/\\]\.\.$|[/\\]\.\.[/\\]|\n)/;

/**
 * GitLab's FilePath validator: a path that climbs out (`../x`, `a/../../b`) or is absolute is a 400 before anything
 * is read. The raw endpoint takes a leading `/` (allow_initial_path_separator), which names the same file.
 */
function filePathParam(value: string, options: { leadingSlash?: boolean } = {}): string {
  const path = options.leadingSlash ? value.replace(/^\/+/, "") : value;
  if (TRAVERSAL.test(path) || path.startsWith("/")) throw new ParamError("file_path should be a valid file path");
  return path;
}

/** `ref`, which Grape declares allow_blank: false: absent is "ref is missing" when required, blank always "ref is empty". */
function refParam(q: URLSearchParams, required: boolean): string | undefined {
  const ref = q.get("ref");
  if (ref === null) {
    if (required) throw new ParamError("ref is missing");
    return undefined;
  }
  if (ref.trim() === "") throw new ParamError("ref is empty");
  return ref;
}

/** The fields of GitLab's blob_data, which the files endpoints send as X-Gitlab-* headers and in their JSON. */
function blobData(blob: FileBlob, ref: string | undefined) {
  return {
    file_name: blob.file_name,
    file_path: blob.file_path,
    size: blob.size,
    encoding: "base64",
    content_sha256: blob.content_sha256,
    ref: ref ?? "",
    blob_id: blob.blob_id,
    commit_id: blob.commit_id,
    last_commit_id: blob.last_commit_id,
    execute_filemode: blob.execute_filemode,
  };
}

const FILES = { readScopes: ["read_repository"] } as const;

/**
 * GET and HEAD /projects/:id/repository/files/:file_path?ref=: a file's metadata and content in base64 (HEAD: the
 * metadata as X-Gitlab-* headers only). Tokens with `read_repository` may read it, as on GitLab. An unknown ref is
 * "404 Commit Not Found", a missing file (or a directory) "404 File Not Found". Content past what a reader holds in
 * memory is streamed into the answer.
 */
export const fileRoute = repositoryRoute<"file_path">({ tail: "repository/files/:file_path", ...FILES }, async ({ request, url, repo, params }) => {
  const [path, ref] = readAll(
    () => filePathParam(params.file_path),
    () => refParam(url.searchParams, true)!,
  );
  const blob = await blobAt(repo, ref, path);
  const data = blobData(blob, ref);
  const headers = gitlabHeaders(data);
  if (request.method === "HEAD") return headOnly(headers);
  if (blob.content !== null) return json({ ...data, content: blob.content }, { headers });
  return jsonWithBase64Content(data, await streamBlob(repo, blob.blob_id, { signal: request.signal }), { headers });
});

/**
 * GET and HEAD /projects/:id/repository/files/:file_path/raw: the file as it is, streamed, at `ref` (the default
 * branch when absent), with GitLab's X-Gitlab-* headers. Text is text/plain, raster images themselves, anything else
 * a download. `lfs` is accepted; Ferry keeps no LFS objects, so a pointer file is sent as it is.
 */
export const rawFileRoute = repositoryRoute<"file_path">({ tail: "repository/files/:file_path/raw", ...FILES }, async ({ request, url, repo, params }) => {
  const [path, ref] = readAll(
    () => filePathParam(params.file_path, { leadingSlash: true }),
    () => refParam(url.searchParams, false),
    () => booleanParam(url.searchParams.get("lfs"), "lfs"),
  );
  const blob = await blobAt(repo, ref ?? "HEAD", path);
  const type = rawType(blob.file_name, blob.binary);
  const headers = gitlabHeaders(blobData(blob, ref));
  for (const [key, value] of Object.entries(NO_CACHE_HEADERS)) headers.set(key, value);
  headers.set("content-type", type.contentType);
  headers.set("content-disposition", contentDisposition(type.inline ? "inline" : "attachment", blob.file_name));
  headers.set("content-length", String(blob.size));
  if (request.method === "HEAD") return new Response(null, { status: 200, headers });
  return streamedFile(await streamBlob(repo, blob.blob_id, { signal: request.signal }), headers);
});

/** GET /projects/:id/repository/blobs/:sha: `{size, encoding, content, sha}`, the content streamed in base64. */
export const blobRoute = repositoryRoute<"sha">({ tail: "repository/blobs/:sha" }, async ({ request, repo, params }) => {
  const info = await blobInfo(repo, params.sha);
  const stream = await streamBlob(repo, info.id, { signal: request.signal });
  return jsonWithBase64Content({ size: info.size, encoding: "base64", content: null, sha: info.id }, stream);
});

/** GET /projects/:id/repository/blobs/:sha/raw: the blob as it is, streamed; "404 Blob Not Found" for anything else. */
export const rawBlobRoute = repositoryRoute<"sha">({ tail: "repository/blobs/:sha/raw" }, async ({ request, repo, params }) => {
  const info = await blobInfo(repo, params.sha);
  const type = rawType("", info.binary);
  const headers = new Headers({ ...NO_CACHE_HEADERS, "content-type": type.contentType, "content-disposition": contentDisposition(type.inline ? "inline" : "attachment"), "content-length": String(info.size) });
  return streamedFile(await streamBlob(repo, info.id, { signal: request.signal }), headers);
});
