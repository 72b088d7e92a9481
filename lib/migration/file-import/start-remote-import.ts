import { STATUS_CODES } from "node:http";
import { getConfig } from "@/lib/config";
import { failureDetail, presignS3Url, remoteFileHeaders, remoteUrlProblem, type RemoteResponse, type S3Object } from "@/lib/gitlab";
import { sourcePolicy, type Settings } from "@/lib/settings";
import type { Viewer } from "@/lib/viewer";
import { REMOTE_ARCHIVE_NAME, remoteFileLimit, remoteFileProblem, sealRemoteArchive } from "./remote-archive";
import { checkProjectImport, createProjectImport, type CheckedProjectImport, type StartedProjectImport } from "./start-project-import";
import { admitFileImport, refuse, type FileImportRefusal } from "./start-file-import";

type Started = StartedProjectImport | { refusal: FileImportRefusal };

/**
 * How long the HEAD may take. GitLab allows 1 s; object stores under load, and this machine's CI beside other jobs,
 * answer slower than that now and then, and a refused import costs the user a retry, so a few seconds are allowed.
 */
const HEAD_TIMEOUT_MS = 5_000;
/** GitLab's URL_EXPIRATION for remote-import-s3: longer than an import may take (24 h), so it cannot expire midway. */
const S3_URL_EXPIRES_SECONDS = 28 * 3600;

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : undefined);

/**
 * The request's parameters as the project import's checks read them (a form's fields): scalars as text, and
 * `override_params` whether it came as a JSON object or as `override_params[key]` form keys.
 */
function fieldsOf(params: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (name === "override_params" && value && typeof value === "object" && !Array.isArray(value)) {
      for (const [key, item] of Object.entries(value)) {
        const scalar = text(item);
        if (scalar !== undefined) fields[`override_params[${key}]`] = scalar;
      }
      continue;
    }
    const scalar = text(value);
    if (scalar !== undefined) fields[name] = scalar;
  }
  return fields;
}

/** Grape's answer to required parameters left out: `{"error": "region is missing, bucket_name is missing"}`. */
function missing(fields: Record<string, string>, names: string[]): { refusal: FileImportRefusal } | null {
  const absent = names.filter((name) => !fields[name]?.trim());
  return absent.length > 0 ? refuse(400, absent.map((name) => `${name} is missing`).join(", "), "error") : null;
}

/** The checks both endpoints make before the file's: the switch and rate limit, required params, the project's. */
async function admit(viewer: Viewer, params: Record<string, unknown>, required: string[]): Promise<{ fields: Record<string, string>; checked: CheckedProjectImport; settings: Settings } | { refusal: FileImportRefusal }> {
  const admitted = await admitFileImport(viewer, "projectImport");
  if ("refusal" in admitted) return admitted;
  const fields = fieldsOf(params);
  const absent = missing(fields, required);
  if (absent) return absent;
  const checked = await checkProjectImport(viewer, fields);
  if ("refusal" in checked) return checked;
  return { fields, checked, settings: admitted.settings };
}

/** The project and its import, whose worker fetches the file: at most the size the headers announced, within the limit. */
function startFetching(viewer: Viewer, checked: CheckedProjectImport, url: string, headers: RemoteResponse["headers"], limit: number): Promise<Started> {
  const announced = Number(headers["content-length"]);
  const maxBytes = Number.isSafeInteger(announced) && announced > 0 ? Math.min(announced, limit) : limit;
  const pending = sealRemoteArchive({ url, overrides: checked.overrides, maxBytes });
  return createProjectImport(viewer, checked, { remote: { fileName: REMOTE_ARCHIVE_NAME, store: null, pending } });
}

/**
 * GitLab's `POST /projects/remote-import`: the project import's checks, then the file's URL (https, through the URL
 * policy) and a HEAD of it: unless the answer looks like S3's, a length above 0 and within the limit and a tar or
 * gzip content type, each refusal a 400 with GitLab's message. Then the project, `scheduled`, and a worker that
 * downloads, checks and imports the archive (see fetch-remote-archive.ts). The URL is kept sealed, never in clear.
 */
export async function startRemoteImport(viewer: Viewer, params: Record<string, unknown>): Promise<Started> {
  const admitted = await admit(viewer, params, ["url", "path"]);
  if ("refusal" in admitted) return admitted;
  const url = admitted.fields.url!.trim();
  const policy = await sourcePolicy();
  const problem = await remoteUrlProblem(url, policy);
  if (problem) return refuse(400, problem);
  let head: RemoteResponse;
  try {
    head = await remoteFileHeaders(url, policy, HEAD_TIMEOUT_MS);
  } catch (error) {
    return refuse(400, `Failed to retrive headers: ${failureDetail(error)}`);
  }
  const limit = remoteFileLimit(admitted.settings);
  // GitLab leaves S3's answers to remote-import-s3's checks; a presigned GET URL's HEAD is refused by S3 anyway.
  const s3 = head.headers.server === "AmazonS3" && Boolean(head.headers["x-amz-request-id"]);
  if (!s3) {
    const refused = remoteFileProblem(head.headers["content-length"], head.headers["content-type"], limit);
    if (refused) return refuse(400, refused);
  }
  return startFetching(viewer, admitted.checked, url, head.headers, limit);
}

/**
 * GitLab's `POST /projects/remote-import-s3`: the object's URL presigned (SigV4) with the request's keys, at AWS or
 * at FERRY_S3_ENDPOINT, its HEAD (presigned too) found and checked as remote-import checks a file, then the same
 * import from a presigned GET URL. The secret key only signs: it is kept nowhere.
 */
export async function startRemoteImportS3(viewer: Viewer, params: Record<string, unknown>): Promise<Started> {
  const admitted = await admit(viewer, params, ["region", "bucket_name", "file_key", "access_key_id", "secret_access_key", "path"]);
  if ("refusal" in admitted) return admitted;
  const { fields, checked } = admitted;
  const object: S3Object = {
    region: fields.region!.trim(),
    bucket: fields.bucket_name!.trim(),
    key: fields.file_key!,
    accessKeyId: fields.access_key_id!.trim(),
    secretAccessKey: fields.secret_access_key!,
    endpoint: getConfig().FERRY_S3_ENDPOINT,
  };
  const where = `'${object.key}' in '${object.bucket}'`;
  let url: string;
  try {
    url = presignS3Url(object, "GET", S3_URL_EXPIRES_SECONDS);
  } catch {
    return refuse(400, `Failed to open ${where}: the bucket or region is not valid`);
  }
  const policy = await sourcePolicy();
  const problem = await remoteUrlProblem(url, policy);
  if (problem) return refuse(400, problem);
  let head: RemoteResponse;
  try {
    head = await remoteFileHeaders(presignS3Url(object, "HEAD", 60), policy, HEAD_TIMEOUT_MS);
  } catch (error) {
    return refuse(400, `Failed to open ${where}: ${failureDetail(error)}`);
  }
  if (head.status === 404) return refuse(400, `File not found ${where}`);
  if (head.status < 200 || head.status >= 300) return refuse(400, `Failed to open ${where}: ${STATUS_CODES[head.status] ?? `status ${head.status}`}`);
  const limit = remoteFileLimit(admitted.settings);
  const refused = remoteFileProblem(head.headers["content-length"], head.headers["content-type"], limit);
  if (refused) return refuse(400, refused);
  return startFetching(viewer, checked, url, head.headers, limit);
}
