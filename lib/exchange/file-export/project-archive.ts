import { and, asc, eq, gt } from "drizzle-orm";
import type { TarInput } from "@/lib/archive";
import { getDb, snippets } from "@/lib/db";
import { snippetBundleDigest } from "@/lib/snippets";
import { projectSelfRelation } from "../relations/projects/project-self";
import { bundleEntry } from "../relations/projects/repository";
import { findRelation, treeRelationsFor } from "../relations/registry";
import type { FileRelation } from "../relations/support/types";
import { collectionText, singleText } from "../serialize";
import { spooledMember, textMember } from "./spool";
import { versionMembers } from "./group-archive";

export interface ProjectArchiveOptions {
  /** `description` of POST /projects/:id/export: the description the archive gives the project instead of its own. */
  description?: string;
}

const SNIPPET_PAGE = 500;

/** Every snippet repository of the project, `./snippets/<digest>.bundle`, one bundle at a time. */
async function* snippetBundles(projectId: number): AsyncGenerator<TarInput> {
  // GitLab's SnippetsRepoSaver always makes the directory, repositories or not.
  yield { name: "./snippets/", type: "directory", size: 0 };
  let after = 0;
  for (;;) {
    const rows = await getDb()
      .select({ id: snippets.id, title: snippets.title, description: snippets.description, createdAt: snippets.createdAt, updatedAt: snippets.updatedAt })
      .from(snippets)
      .where(and(eq(snippets.projectId, projectId), gt(snippets.id, after)))
      .orderBy(asc(snippets.id))
      .limit(SNIPPET_PAGE);
    for (const row of rows) {
      const entry = await bundleEntry(row.id, "snippet", `./snippets/${snippetBundleDigest(row)}.bundle`);
      if (entry) yield entry;
    }
    if (rows.length < SNIPPET_PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** A file relation's entries under the archive's names for them (`renamed` returns the new name). */
async function* renamedEntries(name: string, projectId: number, renamed: (entry: string) => string): AsyncGenerator<TarInput> {
  const relation = findRelation("project", name) as FileRelation | undefined;
  if (!relation) return;
  for await (const entry of relation.entries(projectId)) yield { ...entry, name: renamed(entry.name) };
}

async function* bundle(projectId: number, kind: "project" | "wiki" | "design", name: string): AsyncGenerator<TarInput> {
  const entry = await bundleEntry(projectId, kind, name);
  if (entry) yield entry;
}

/**
 * GitLab's project export archive (Projects::ImportExport::ExportService, reference §1.1), its savers in GitLab's
 * order: version, avatar and uploads, the tree (`tree/project.json` with the project's attributes and
 * `tree/project/<relation>.ndjson` per relation, its members among them), the repository, wiki and design bundles,
 * the LFS objects with `lfs-objects.json`, and every snippet repository. Members are yielded one at a time: each
 * relation spooled through `scratch`, each file and bundle streamed from disk.
 */
export async function* projectArchiveMembers(projectId: number, scratch: string, options: ProjectArchiveOptions = {}): AsyncGenerator<TarInput> {
  yield* versionMembers();
  const self = await projectSelfRelation.record(projectId);
  if (!self) throw new Error(`project ${projectId} is gone`);
  if (options.description !== undefined) self.description = options.description;
  yield textMember("./tree/project.json", JSON.stringify(self));
  for (const relation of treeRelationsFor("project")) {
    const text = relation.kind === "collection" ? collectionText(relation, projectId) : singleText(relation, projectId);
    yield await spooledMember(`./tree/project/${relation.name}.ndjson`, text.chunks, scratch);
  }
  // The uploads relation holds the avatar as `avatar/<file>` and each upload as `<secret>/<file>`.
  yield* renamedEntries("uploads", projectId, (name) => (name.startsWith("avatar/") ? `./${name}` : `./uploads/${name}`));
  yield* bundle(projectId, "project", "./project.bundle");
  yield* bundle(projectId, "wiki", "./project.wiki.bundle");
  yield* renamedEntries("lfs_objects", projectId, (name) => (name === "lfs_objects.json" ? "./lfs-objects.json" : `./lfs-objects/${name}`));
  yield* snippetBundles(projectId);
  yield* bundle(projectId, "design", "./project.design.bundle");
}
