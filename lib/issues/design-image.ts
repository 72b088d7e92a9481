import fs from "node:fs";
import type { Readable } from "node:stream";
import { and, desc, eq } from "drizzle-orm";
import { designActions, designs, designVersions, getDb, issues } from "@/lib/db";
import { LFS_POINTER_MAX_BYTES, lfsObjectFile, openLfsObject, parseLfsPointer, projectLfsObjects, type LfsPointer } from "@/lib/lfs";
import { fileAt, GitNotFoundError, isImageName, openFile, repositoryPath } from "@/lib/repositories";
import { DESIGN_DELETION, type IssueDesign } from "./designs";
import { readableIssueSql, type IssueScope } from "./queries";

/** A design's image at one version, streamed: the LFS object the design repository points at, or the file itself. */
export interface DesignImage {
  filename: string;
  /** The version's commit in the design repository. */
  sha: string;
  size: number;
  binary: boolean;
  stream: Readable;
}

// A version is a commit id (GitLab's route takes 40 hex digits; 64 for a SHA-256 repository).
const VERSION_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
// Designs whose files the issue page reads at once: each read is two short git runs.
const PAGE_READS = 4;

/** Where GitLab's DesignManagement::Design#full_path keeps a design in the design repository. */
const designPath = (issueIid: number, filename: string) => `designs/issue-${issueIid}/${filename}`;

/**
 * The design's file at `sha`, read no further than a pointer can be: a larger file is no pointer, so it is the image
 * itself. Null when the repository, the commit or the file is not there.
 */
async function readDesignFile(projectId: number, sha: string, path: string): Promise<{ repo: string; pointer: LfsPointer | null } | null> {
  const repo = repositoryPath(projectId, "design");
  try {
    const head = await fileAt(repo, sha, path, { maxBytes: LFS_POINTER_MAX_BYTES });
    return { repo, pointer: head.content === null || head.symlink ? null : parseLfsPointer(head.content) };
  } catch (error) {
    if (error instanceof GitNotFoundError) return null;
    throw error;
  }
}

/**
 * The design `designId` of the scope's project (its issue readable by the viewer: GitLab's read_design), at the
 * version `sha` that touched it or at its latest; null for another project's design, an unknown version, or a
 * version that deleted it.
 */
async function designVersion(scope: IssueScope, designId: number, sha: string | undefined) {
  const project = scope.projects.length === 1 ? scope.projects[0]! : undefined;
  if (!project || !Number.isSafeInteger(designId) || designId < 1 || designId > 2_147_483_647) return null;
  if (sha !== undefined && !VERSION_SHA.test(sha)) return null;
  const [row] = await getDb()
    .select({ filename: designs.filename, issueIid: issues.iid, sha: designVersions.sha, event: designActions.event })
    .from(designs)
    .innerJoin(issues, eq(issues.id, designs.issueId))
    .innerJoin(designActions, eq(designActions.designId, designs.id))
    .innerJoin(designVersions, eq(designVersions.id, designActions.versionId))
    .where(and(eq(designs.id, designId), eq(designs.projectId, project.id), readableIssueSql(scope), sha === undefined ? undefined : eq(designVersions.sha, sha)))
    // The latest as listIssueDesigns orders versions; the design's actions come by design_actions_design_idx.
    .orderBy(desc(designVersions.createdAt), desc(designVersions.id))
    .limit(1);
  if (!row || row.event === DESIGN_DELETION) return null;
  return { projectId: project.id, ...row };
}

/**
 * A design's image (GitLab's `/-/design_management/designs/<id>[/<sha>]/raw_image`): the design repository's file at
 * that version, and the Git LFS object it points at when the project has that object (linked to it, not merely
 * stored for another project). Null for what GitLab answers 404: a design the viewer may not see, a deleted one, a
 * missing repository, file or object.
 */
export async function openDesignImage(scope: IssueScope, designId: number, options: { sha?: string; signal?: AbortSignal } = {}): Promise<DesignImage | null> {
  const version = await designVersion(scope, designId, options.sha?.toLowerCase());
  if (!version) return null;
  const path = designPath(version.issueIid, version.filename);
  const file = await readDesignFile(version.projectId, version.sha, path);
  if (!file) return null;
  const found = { filename: version.filename, sha: version.sha };
  if (!file.pointer) {
    try {
      return { ...found, ...(await openFile(file.repo, version.sha, path, { signal: options.signal })) };
    } catch (error) {
      if (error instanceof GitNotFoundError) return null;
      throw error;
    }
  }
  if (!(await projectLfsObjects(version.projectId, [file.pointer.oid])).has(file.pointer.oid)) return null;
  const object = await openLfsObject(file.pointer.oid);
  return object ? { ...found, ...object } : null;
}

/**
 * Which of an issue's designs have an image a page can show at their latest version: a raster image (SVG is code,
 * never shown inline) not deleted, whose file is in the design repository and, when it is a pointer, whose LFS object
 * the project has. Reads PAGE_READS designs at a time, then asks for every object in one query.
 */
export async function designsWithImages(projectId: number, issueIid: number, list: readonly IssueDesign[]): Promise<Set<number>> {
  const candidates = list.filter((design) => !design.deleted && design.latestSha !== null && isImageName(design.filename));
  const files = new Map<number, { pointer: LfsPointer | null }>();
  for (let at = 0; at < candidates.length; at += PAGE_READS) {
    const batch = candidates.slice(at, at + PAGE_READS);
    const read = await Promise.all(batch.map((design) => readDesignFile(projectId, design.latestSha!, designPath(issueIid, design.filename))));
    read.forEach((file, index) => file && files.set(batch[index]!.id, file));
  }
  const oids = [...files.values()].flatMap((file) => (file.pointer ? [file.pointer.oid] : []));
  const linked = await projectLfsObjects(projectId, oids);
  const present = new Set(await Promise.all([...linked.keys()].map(async (oid) => ((await fs.promises.stat(lfsObjectFile(oid)).catch(() => null))?.isFile() ? oid : null))));
  return new Set([...files].filter(([, file]) => !file.pointer || present.has(file.pointer.oid)).map(([id]) => id));
}
