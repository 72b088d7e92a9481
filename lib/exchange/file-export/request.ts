import { uploadUrlProblem } from "@/lib/gitlab";
import type { FileExportOptions } from "@/lib/jobs";
import { throttled } from "@/lib/rate-limits";
import { sourcePolicy } from "@/lib/settings";
import type { PortableKind } from "@/lib/relations";
import type { Viewer } from "@/lib/viewer";
import { findExportable, type ExportRefusal, type Portable } from "../portable";
import { exportArchive, startFileExport } from "./lifecycle";

/** Why a request about a file export was refused, as GitLab answers it (`{"message": ...}` and a status). */
export type FileExportRefusal = ExportRefusal | { status: 429; message: "rate_limited" } | { status: 400; message: string };

const LIMITS = {
  group: { start: "groupExport", download: "groupDownloadExport" },
  project: { start: "projectExport", download: "projectDownloadExport" },
} as const;

const RATE_LIMITED = { status: 429, message: "rate_limited" } as const;

/**
 * Starts the viewer's export of a group or project into an archive, after GitLab's checks in GitLab's order:
 * permission, the administrator's switch, the per-user rate limit, then (projects) the upload URL, which the outbound
 * URL policy must allow (400 with its reason, as GitLab's StrategyError). The API and the Settings pages come here.
 */
export async function requestFileExport(kind: PortableKind, viewer: Viewer, idOrPath: string, options: FileExportOptions = {}): Promise<{ portable: Portable } | { refusal: FileExportRefusal }> {
  const lookup = await findExportable(kind, viewer, idOrPath, "fileExportEnabled");
  if ("refusal" in lookup) return lookup;
  if (await throttled(LIMITS[kind].start, `user:${viewer.id}`)) return { refusal: RATE_LIMITED };
  const problem = options.upload ? uploadUrlProblem(options.upload.url, await sourcePolicy()) : null;
  if (problem) return { refusal: { status: 400, message: problem } };
  await startFileExport(lookup.portable, viewer.id, options);
  return lookup;
}

/** The viewer's finished archive of a group or project to download, after the same checks (downloads: per portable). */
export async function requestExportDownload(kind: PortableKind, viewer: Viewer, idOrPath: string): Promise<{ archive: { path: string; fileName: string } } | { refusal: FileExportRefusal }> {
  const lookup = await findExportable(kind, viewer, idOrPath, "fileExportEnabled");
  if ("refusal" in lookup) return lookup;
  const { portable } = lookup;
  if (await throttled(LIMITS[kind].download, `user:${viewer.id}:${kind}:${portable.id}`)) return { refusal: RATE_LIMITED };
  const found = await exportArchive(portable, viewer.id);
  if ("archive" in found) return found;
  return { refusal: { status: 404, message: found.missing === "not_ready" ? `The ${kind} export file is not available yet` : "404 Not found or has expired" } };
}
