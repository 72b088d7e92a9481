import { and, asc, eq, or } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { externalUrl } from "@/lib/config";
import { bulkImportTrackers, getDb, issues, mergeRequests, notes } from "@/lib/db";
import { makeUser, unique } from "@/test/helpers/factories";
import { importResult, waitForImports } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { DEFAULT_TOKEN, fromRecords, startTestSource } from "@/test/source";
import { loadEntity } from "./engine/context";
import { referencesPipeline } from "./pipelines/projects/references";
import { startImports, STATUS, TRACKER_STATUS } from "./index";

runImportWorker("pgboss_references_import_test");

const ROOT = 4351;
const AT = "2021-03-04T05:06:07.000Z";

/** A text naming the migration's own project and group in every way GitLab writes references, and things to keep. */
function textOf(sourceUrl: string, group: string, extra: string): string {
  return [
    `Follow-up of ${sourceUrl}/${group}/app/-/issues/1 and [the MR](${sourceUrl}/${group}/app/-/merge_requests/3#note_5).`,
    `Epic: <${sourceUrl}/groups/${group}/-/epics/2>`,
    `Refs ${group}/app#1, ${group}/app!3, ${group}/app~bug, ${group}/app%"v 1", ${group}&2; short ones #1 !3 ~bug %"v 1".`,
    `cc @ada and @grace (${extra})`,
    "",
    "```",
    `${sourceUrl}/${group}/app/-/issues/1 ${group}/app#1 @ada`,
    "```",
    "",
    `Inline \`${sourceUrl}/${group}/app\` stays; so do ${sourceUrl}/other-group/app/-/issues/1 and other-group/app#1.`,
  ].join("\n");
}

describe("the references step", () => {
  it("points imported issues, merge requests and their notes at Ferry; code, other namespaces and placeholders' names stay; a second run changes nothing", async () => {
    const mapped = await makeUser();
    const source = await startTestSource({ version: "17.8.0", batchSize: 5, exportDelayMs: 20 });
    source.addUser({ id: 9001, username: "ada", name: "Ada Lovelace", publicEmail: mapped.email });
    source.addUser({ id: 9002, username: "grace", name: "Grace Hopper", publicEmail: `${unique("nobody")}@example.com` });
    try {
      const group = source.group(ROOT).path;
      const text = (extra: string) => textOf(source.url, group, extra);
      source.addProject({
        groupId: ROOT,
        path: "app",
        name: "App",
        relations: {
          issues: fromRecords([
            {
              id: 1, iid: 1, title: "One", description: text("issue"), state: "opened", author_id: 9001, created_at: AT, updated_at: AT,
              notes: [{ id: 11, note: text("note"), author_id: 9002, noteable_type: "Issue", created_at: AT, updated_at: AT }],
            },
          ]),
        },
      });
      const user = await makeUser();
      const slug = unique("dest");
      const [started] = await startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [
        { sourceFullPath: group, destinationSlug: slug, destinationNamespace: "", migrateProjects: true, migrateMemberships: false },
      ]);
      await waitForImports([started!.bulkImportId]);
      const app = (await importResult(started!.bulkImportId)).get(`${group}/app`)!;
      expect(app.entity.status).toBe(STATUS.finished);
      expect(app.trackers.get("references")).toMatchObject({ status: TRACKER_STATUS.finished, stage: 5, sourceObjectsCount: 2, importedObjectsCount: 2 });

      const ferry = externalUrl();
      const expected = (extra: string, ada = mapped.username) =>
        [
          `Follow-up of ${ferry}/${slug}/app/-/issues/1 and [the MR](${ferry}/${slug}/app/-/merge_requests/3#note_5).`,
          `Epic: <${ferry}/groups/${slug}/-/epics/2>`,
          `Refs ${slug}/app#1, ${slug}/app!3, ${slug}/app~bug, ${slug}/app%"v 1", ${slug}&2; short ones #1 !3 ~bug %"v 1".`,
          `cc @${ada} and @grace (${extra})`,
          "",
          "```",
          `${source.url}/${group}/app/-/issues/1 ${group}/app#1 @ada`,
          "```",
          "",
          `Inline \`${source.url}/${group}/app\` stays; so do ${source.url}/other-group/app/-/issues/1 and other-group/app#1.`,
        ].join("\n");
      const db = getDb();
      const projectId = app.entity.projectId!;
      const [issue] = await db.select().from(issues).where(eq(issues.projectId, projectId));
      expect(issue!.description).toBe(expected("issue"));
      expect(issue!.updatedAt.toISOString()).toBe(AT);
      const [note] = await db.select().from(notes).where(and(eq(notes.noteableType, "Issue"), eq(notes.noteableId, issue!.id)));
      expect(note!.note).toBe(expected("note"));
      expect(note!.updatedAt.toISOString()).toBe(AT);

      // Merge requests and their notes, as their import will leave them (seeded: it is not on this branch).
      const [mr] = await db
        .insert(mergeRequests)
        .values({ projectId, iid: 3, title: "Three", description: text("merge request"), sourceBranch: "feature", targetBranch: "main", importEntityId: app.entity.id, importKey: "id:3", updatedAt: new Date(AT) })
        .returning();
      await db.insert(notes).values([
        { projectId, noteableType: "MergeRequest", noteableId: mr!.id, note: text("merge request note"), importEntityId: app.entity.id, importKey: "mr:id:3/note:31", updatedAt: new Date(AT) },
        // Not imported by this entity: not this step's to touch.
        { projectId, noteableType: "MergeRequest", noteableId: mr!.id, note: text("written in Ferry") },
      ]);
      const loaded = (await loadEntity(app.entity.id))!;
      const run = () => referencesPipeline.run({ entity: loaded.context, db, client: undefined as never });
      expect(await run()).toEqual({ source: 4, fetched: 4, imported: 4 });
      const [mrAfter] = await db.select().from(mergeRequests).where(eq(mergeRequests.id, mr!.id));
      expect(mrAfter!.description).toBe(expected("merge request"));
      expect(mrAfter!.updatedAt.toISOString()).toBe(AT);
      const mrNotes = await db.select().from(notes).where(and(eq(notes.noteableType, "MergeRequest"), eq(notes.noteableId, mr!.id))).orderBy(asc(notes.id));
      expect(mrNotes.map((n) => n.note)).toEqual([expected("merge request note"), text("written in Ferry")]);

      // Idempotent: a replay (a job delivered twice) finds everything rewritten and writes the same texts.
      const snapshot = async () => ({
        issues: await db.select({ d: issues.description, u: issues.updatedAt }).from(issues).where(eq(issues.projectId, projectId)),
        mrs: await db.select({ d: mergeRequests.description }).from(mergeRequests).where(eq(mergeRequests.projectId, projectId)),
        // By noteable type and id: another test's notes on an epic or a snippet of the same id are not this project's.
        notes: await db
          .select({ n: notes.note, u: notes.updatedAt })
          .from(notes)
          .where(or(and(eq(notes.noteableType, "Issue"), eq(notes.noteableId, issue!.id)), and(eq(notes.noteableType, "MergeRequest"), eq(notes.noteableId, mr!.id))))
          .orderBy(asc(notes.id)),
      });
      const before = await snapshot();
      expect(await run()).toEqual({ source: 4, fetched: 4, imported: 4 });
      expect(await snapshot()).toEqual(before);
      const trackers = await db.select().from(bulkImportTrackers).where(eq(bulkImportTrackers.entityId, app.entity.id));
      expect(trackers.filter((t) => t.relation === "references")).toHaveLength(1);
    } finally {
      await source.close();
    }
  }, 120_000);
});
