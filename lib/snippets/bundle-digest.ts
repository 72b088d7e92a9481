import { createHash } from "node:crypto";

/** Ruby's `Time#to_s` of a UTC time, as GitLab interpolates it into a snippet's digest: `2019-11-05 15:06:06 UTC`. */
const rubyTime = (at: Date) => `${at.toISOString().slice(0, 19).replace("T", " ")} UTC`;

/**
 * The name of a snippet's bundle in a project archive, `snippets/<hexdigest>.bundle`: GitLab's Snippet#hexdigest,
 * SHA256 of title, description, created_at and updated_at, which its importer computes again from the restored
 * snippet (the exporter names the bundle by it, the importer finds it by it).
 */
export function snippetBundleDigest(snippet: { title: string; description: string | null; createdAt: Date; updatedAt: Date }): string {
  return createHash("sha256").update(`${snippet.title}${snippet.description ?? ""}${rubyTime(snippet.createdAt)}${rubyTime(snippet.updatedAt)}`).digest("hex");
}
