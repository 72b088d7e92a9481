/**
 * GitLab's upload secrets are 32 hex digits (`SecureRandom.hex`); some older ones have 10. The group's avatar comes in
 * the uploads archive under `avatar/` instead of a secret, and is kept under that name.
 */
const SECRET = /^(?:[0-9a-f]{32}|[0-9a-f]{10})$/;
export const AVATAR_SECRET = "avatar";

export const isUploadSecret = (value: string) => SECRET.test(value);

// A name the file system can hold as it is (GitLab does not migrate longer ones either, see its known issue 406685).
const MAX_FILENAME_BYTES = 255;

/** Why a file name cannot be an upload's, or null when it can. */
export function filenameProblem(filename: string): string | null {
  if (filename === "" || filename === "." || filename === "..") return "The file name is empty.";
  if (filename.includes("/") || filename.includes("\\")) return "The file name contains a path separator.";
  if (/[\x00-\x1f\x7f]/.test(filename)) return "The file name contains control characters.";
  if (Buffer.byteLength(filename) > MAX_FILENAME_BYTES) return `The file name is longer than ${MAX_FILENAME_BYTES} bytes.`;
  return null;
}

/**
 * A percent-encoded part of a URL or header (a path segment, a file name), decoded; as it came when it is not valid
 * percent-encoding.
 */
export function decodeUrlPart(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/** The key an imported upload keeps: its path on the source, `<secret>/<filename>`, as links there name it. */
export const uploadKey = (secret: string, filename: string) => `${secret}/${filename}`;
