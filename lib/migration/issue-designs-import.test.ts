import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { designActions, designs, designVersions, getDb, issues, notes, users } from "@/lib/db";
import { findRelation, type CollectionRelation } from "@/lib/exchange";
import { importGroupProject } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { fromRecords, startTestSource } from "@/test/source";
import { issuesPipeline } from "./pipelines/projects/issues";
import { STATUS, TRACKER_STATUS } from "./index";

runImportWorker("pgboss_issue_designs_import_test");

const ROOT = 4351;
const VERSION_AUTHOR = 990_001;
const NOTE_AUTHOR = 990_002;
const at = (day: number) => `2021-02-0${day}T10:00:00.000Z`;
const designAttributes = (id: number, filename: string, position: number) => ({ id, project_id: 5, issue_id: 950, filename, relative_position: position, iid: position });

// An issue as GitLab's project export writes it: two designs (the second deleted by the second version), a comment on
// the first (an image diff note), and two versions by a source user, each with an action per design.
const position = { base_sha: null, start_sha: null, head_sha: "b".repeat(40), old_path: "designs/issue-1/homepage.png", new_path: "designs/issue-1/homepage.png", position_type: "image", width: 800, height: 600, x: 120, y: 40 };
const designNote = {
  id: 7001, note: "The logo is too small", noteable_type: "DesignManagement::Design", author_id: NOTE_AUTHOR, author: { name: "Dana Designer" }, discussion_id: "d7001", type: "DiffNote",
  position, original_position: position, system: false, internal: false, created_at: at(3), updated_at: at(3), events: [],
};
const action = (designId: number, versionId: number, event: string, design: Record<string, unknown>) => ({ design_id: designId, version_id: versionId, event, image_v432x230: { url: null }, design });
// GitLab writes an action's design with all of its attributes, as in `designs`.
const homepageDesign = { ...designAttributes(61, "homepage.png", 1), cached_markdown_version: 2031616 };
const flowDesign = designAttributes(62, "old-flow.png", 2);
const record = {
  id: 950, iid: 1, title: "Redesign the homepage", author_id: 1, state: "opened", created_at: at(1), updated_at: at(4), notes: [],
  designs: [{ ...homepageDesign, notes: [designNote] }, { ...flowDesign, notes: [] }],
  design_versions: [
    { id: 31, sha: "a".repeat(40), issue_id: 950, author_id: VERSION_AUTHOR, created_at: at(2), actions: [action(61, 31, "creation", homepageDesign), action(62, 31, "creation", flowDesign)] },
    { id: 32, sha: "b".repeat(40), issue_id: 950, author_id: VERSION_AUTHOR, created_at: at(4), actions: [action(61, 32, "modification", homepageDesign), action(62, 32, "deletion", flowDesign)] },
  ],
};

// A design GitLab would refuse (no file name): its issue fails alone, with the place of the bad field.
const bad = { id: 951, iid: 2, title: "Bad design", author_id: 1, notes: [], designs: [{ id: 63, filename: "" }] };

async function designCounts(issueId: number) {
  const { rows } = await getDb().execute<Record<string, number>>(sql`SELECT
    (SELECT count(*)::int FROM designs WHERE issue_id = ${issueId}) AS designs,
    (SELECT count(*)::int FROM design_versions WHERE issue_id = ${issueId}) AS versions,
    (SELECT count(*)::int FROM design_actions WHERE version_id IN (SELECT id FROM design_versions WHERE issue_id = ${issueId})) AS actions,
    (SELECT count(*)::int FROM notes WHERE noteable_type = 'DesignManagement::Design' AND noteable_id IN (SELECT id FROM designs WHERE issue_id = ${issueId})) AS notes`);
  return rows[0];
}

/** Ids of the instance a record was on, which the other instance replaces with its own. */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (!value || typeof value !== "object") return value;
  const ids = new Set(["id", "project_id", "issue_id", "design_id", "version_id", "author_id", "noteable_id"]);
  return Object.fromEntries(Object.entries(value).filter(([key]) => !ids.has(key)).map(([key, field]) => [key, withoutIds(field)]));
}

describe("issue designs, by direct transfer", () => {
  it("loads an issue's designs, versions, actions and design notes as rows, replays nothing twice, and exports them as GitLab does", async () => {
    const source = await startTestSource({ version: "17.8.0", batchSize: 5, exportDelayMs: 20 });
    try {
      source.addProject({ groupId: ROOT, path: "designed", name: "Designed", fixtureProject: "complex", relations: { releases: fromRecords([]), issues: fromRecords([record, bad]) } });
      const { bulkImport, project } = await importGroupProject(source, ROOT, "designed");
      expect(project.entity.status).toBe(STATUS.finished);
      expect(project.trackers.get("issues")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 2, importedObjectsCount: 1 });
      expect(project.failures.filter((failure) => failure.relation === "issues").map((failure) => failure.exceptionMessage)).toEqual([expect.stringMatching(/designs\[0\]: filename can't be blank/)]);

      const db = getDb();
      const projectId = project.entity.projectId!;
      const [issue] = await db.select().from(issues).where(and(eq(issues.projectId, projectId), eq(issues.iid, 1)));
      // Rows now: nothing of them stays in the issue's kept record.
      expect(issue!.sourceAttributes).not.toHaveProperty("designs");
      expect(issue!.sourceAttributes).not.toHaveProperty("design_versions");

      const designRows = await db.select().from(designs).where(eq(designs.issueId, issue!.id)).orderBy(asc(designs.relativePosition));
      expect(designRows.map((d) => [d.projectId, d.filename, d.iid, d.relativePosition, d.sourceAttributes])).toEqual([
        [projectId, "homepage.png", 1, 1, { cached_markdown_version: 2031616 }],
        [projectId, "old-flow.png", 2, 2, {}],
      ]);
      const versionRows = await db.select().from(designVersions).where(eq(designVersions.issueId, issue!.id)).orderBy(asc(designVersions.createdAt));
      expect(versionRows.map((v) => [v.sha, v.createdAt.toISOString(), v.sourceAttributes])).toEqual([["a".repeat(40), at(2), {}], ["b".repeat(40), at(4), {}]]);
      // The version author is a placeholder of the source user, the same one for both versions.
      const [author] = await db.select().from(users).where(eq(users.id, versionRows[0]!.authorId!));
      expect(author!.userType).toBe("placeholder");
      expect(versionRows[1]!.authorId).toBe(author!.id);
      const actionRows = await db.select().from(designActions).where(inArray(designActions.versionId, versionRows.map((v) => v.id))).orderBy(asc(designActions.versionId), asc(designActions.designId));
      const [homepage, flow] = designRows.map((d) => d.id);
      const [first, second] = versionRows.map((v) => v.id);
      expect(actionRows.map((a) => [a.versionId, a.designId, a.event, a.imageV432x230])).toEqual([[first, homepage, 0, null], [first, flow, 0, null], [second, homepage, 1, null], [second, flow, 2, null]]);

      const designNotes = await db.select({ note: notes, authorName: users.name, authorType: users.userType }).from(notes).innerJoin(users, eq(users.id, notes.authorId)).where(and(eq(notes.noteableType, "DesignManagement::Design"), inArray(notes.noteableId, [homepage!, flow!])));
      expect(designNotes).toHaveLength(1);
      expect(designNotes[0]!.note).toMatchObject({ noteableId: homepage, projectId, note: "The logo is too small", type: "DiffNote", discussionId: "d7001", position, originalPosition: position });
      expect(designNotes[0]!.authorType).toBe("placeholder");
      expect(designNotes[0]!.note.authorId).not.toBe(author!.id);

      // A replayed chunk (a job delivered twice) inserts nothing twice.
      const entity = { portable: "project", entityId: project.entity.id, bulkImportId: bulkImport!.id, sourceUrl: source.url, projectId, groupId: null } as Parameters<typeof issuesPipeline.load>[2];
      const before = await designCounts(issue!.id);
      expect(before).toEqual({ designs: 2, versions: 2, actions: 4, notes: 1 });
      await db.transaction((tx) => issuesPipeline.load(tx, [issuesPipeline.transform(record, entity, `id:${record.id}`)], entity));
      expect(await designCounts(issue!.id)).toEqual(before);

      // The export gives GitLab's shape back, the same record but for the ids of each instance.
      const relation = findRelation("project", "issues") as CollectionRelation;
      const [exported] = await relation.records(projectId, [issue!.id]);
      const exportedDesigns = exported!.designs as Record<string, unknown>[];
      const withoutNotes = (list: Record<string, unknown>[]) => list.map((design) => Object.fromEntries(Object.entries(design).filter(([field]) => field !== "notes")));
      expect(withoutIds(withoutNotes(exportedDesigns))).toEqual(withoutIds(withoutNotes(record.designs)));
      expect(exportedDesigns.map((design) => design.notes)).toEqual([
        [expect.objectContaining({ note: designNote.note, noteable_type: "DesignManagement::Design", noteable_id: homepage, type: "DiffNote", position, original_position: position, discussion_id: "d7001", created_at: at(3), author: { name: expect.any(String) } })],
        [],
      ]);
      expect(withoutIds(exported!.design_versions)).toEqual(withoutIds(record.design_versions));
      const [exportedVersion] = exported!.design_versions as Record<string, unknown>[];
      expect(exportedVersion).toMatchObject({ id: first, author_id: author!.id, actions: [{ design_id: homepage, version_id: first, design: { id: homepage } }, { design_id: flow, version_id: first, design: { id: flow } }] });
      // Read again, it is the same issue's designs.
      const summary = ({ designs: list, versions }: ReturnType<typeof issuesPipeline.transform>["designs"]) => ({
        designs: list.map((d) => [d.filename, d.iid, d.relativePosition, d.sourceAttributes, d.notes.map((n) => [n.note, n.diff.type, n.diff.position])]),
        versions: versions.map((v) => [v.sha, v.createdAt?.toISOString(), v.sourceAttributes, v.actions]),
      });
      expect(summary(issuesPipeline.transform(exported!, entity, "again").designs)).toEqual(summary(issuesPipeline.transform(record, entity, "again").designs));
    } finally {
      await source.close();
    }
  }, 180_000);
});
