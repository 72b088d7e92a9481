import { createHash } from "node:crypto";
import fs from "node:fs";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { epics, getDb, notes, uploads } from "@/lib/db";
import { resolveUploadPath } from "@/lib/uploads";
import { importSourceGroup } from "@/test/exchange/fixture-import";
import { makeUser, unique } from "@/test/helpers/factories";
import { runImportWorker } from "@/test/helpers/import-worker";
import { runTestSource } from "@/test/helpers/test-source";
import { importResult } from "@/test/helpers/imports";
import { fromArchive, fromRecords, notExported, type ArchiveEntry, type TestSource } from "@/test/source";
import { STATUS, TRACKER_STATUS } from "../../index";

runImportWorker("pgboss_uploads_test");

const FIXTURES = "test/fixtures/ferry/uploads";
const PIXEL = fs.readFileSync(`${FIXTURES}/pixel.png`);
const NOTES = fs.readFileSync(`${FIXTURES}/notes.txt`);
const S1 = "72a497a02fe3ee09edae2ed06d390038";
const S2 = "0123456789abcdef0123456789abcdef";
const MISSING = "fedcba9876543210fedcba9876543210";
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

const ARCHIVE: ArchiveEntry[] = [
  { name: `./${S1}/pixel.png`, data: PIXEL },
  { name: `./${S1}/evil.png`, type: "symlink", linkName: "/etc/passwd" },
  { name: `./${S2}/notes.txt`, data: NOTES },
  { name: `../${S2}/escape.txt`, data: NOTES },
];

const source = runTestSource({ version: "17.8.0-ee", batchSize: 2, exportDelayMs: 20 }, (gitlab) => {
  gitlab.addUser({ id: 7101, username: "grace.hopper", name: "Grace Hopper" });
});

/** An epic whose description and note link to the group's uploads, relative and absolute, and to one that is gone. */
function epicLinking(sourcePath: string) {
  return {
    id: 9501,
    iid: 1,
    title: "Epic with attachments",
    description: `Screenshot: ![pixel](/uploads/${S1}/pixel.png)\n[notes](${source().url}/groups/${sourcePath}/-/uploads/${S2}/notes.txt) and [gone](/uploads/${MISSING}/gone.png)`,
    author_id: 7101,
    state: "opened",
    created_at: "2024-01-02T03:04:05.000Z",
    updated_at: "2024-01-02T03:04:05.000Z",
    notes: [{ id: 77, note: `See [the notes](/uploads/${S2}/notes.txt "notes").`, author_id: 7101, author: { name: "Grace Hopper" }, system: false, discussion_id: "d1" }],
  };
}

async function importGroup(relations: Parameters<TestSource["addGroup"]>[0]["relations"]) {
  const group = source().addGroup({ path: unique("uploads-src"), relations });
  const user = await makeUser();
  const imported = await importSourceGroup(source(), group.path, user, unique("uploads"));
  const entry = (await importResult(imported.bulkImportId)).get(group.path)!;
  const rows = await getDb().select().from(uploads).where(eq(uploads.groupId, entry.group!.id)).orderBy(uploads.secret, uploads.filename);
  return { group, imported, entry, rows };
}

describe("uploads pipeline", () => {
  it("imports a batched uploads export file by file, refuses bad entries one by one, and points epic and note links at Ferry's copies", async () => {
    const path = unique("uploads-src");
    const group = source().addGroup({ path, relations: { uploads: fromArchive(ARCHIVE), epics: fromRecords([epicLinking(path)]) } });
    const user = await makeUser();
    const imported = await importSourceGroup(source(), group.path, user, unique("uploads"));
    expect(imported).toMatchObject({ status: STATUS.finished, hasFailures: true });
    const entry = (await importResult(imported.bulkImportId)).get(group.path)!;
    const destination = entry.group!;

    // Two batches of two entries: each its own archive download.
    const downloads = source().requests.filter((r) => r.route === "/groups/:id/export_relations/download" && r.query.relation === "uploads" && r.path.includes(`/groups/${group.id}/`));
    expect(downloads.map((r) => [r.query.batch_number, r.status]).sort()).toEqual([["1", 200], ["2", 200]]);
    expect(entry.trackers.get("uploads")).toMatchObject({ status: TRACKER_STATUS.finished, stage: 1, batched: true, sourceObjectsCount: 4, fetchedObjectsCount: 4, importedObjectsCount: 2 });
    expect(entry.failures.filter((f) => f.relation === "uploads").map((f) => [f.sourceTitle, f.pipelineStep, f.exceptionClass]).sort()).toEqual([
      [`../${S2}/escape.txt`, "extractor", "Gitlab::PathTraversal::PathTraversalAttackError"],
      [`./${S1}/evil.png`, "extractor", "Gitlab::ImportExport::Error"],
    ]);

    const rows = await getDb().select().from(uploads).where(eq(uploads.groupId, destination.id)).orderBy(uploads.secret);
    expect(rows.map((r) => [r.secret, r.filename, r.size, r.sha256, r.importEntityId, r.importKey])).toEqual([
      [S2, "notes.txt", NOTES.length, sha256(NOTES), entry.entity.id, `${S2}/notes.txt`],
      [S1, "pixel.png", PIXEL.length, sha256(PIXEL), entry.entity.id, `${S1}/pixel.png`],
    ]);
    expect(fs.readFileSync(resolveUploadPath(rows[1]!.storagePath)).equals(PIXEL)).toBe(true);

    const ferry = `/groups/${destination.fullPath}/-/uploads`;
    const [epic] = await getDb().select().from(epics).where(eq(epics.groupId, destination.id));
    expect(epic!.description).toBe(`Screenshot: ![pixel](${ferry}/${S1}/pixel.png)\n[notes](${ferry}/${S2}/notes.txt) and [gone](/uploads/${MISSING}/gone.png)`);
    const [note] = await getDb().select().from(notes).where(and(eq(notes.noteableType, "Epic"), eq(notes.noteableId, epic!.id)));
    expect(note!.note).toBe(`See [the notes](${ferry}/${S2}/notes.txt "notes").`);
    expect(entry.trackers.get("uploads_references")).toMatchObject({ status: TRACKER_STATUS.finished, stage: 3, sourceObjectsCount: 2, importedObjectsCount: 2 });
  });

  it("imports an unbatched export (sources before 16.2) as one archive", async () => {
    source().config.version = "16.1.0-ee";
    try {
      const { entry, rows } = await importGroup({ uploads: fromArchive([{ name: `${S1}/pixel.png`, data: PIXEL }, { name: `${S2}/notes.txt`, data: NOTES }]) });
      expect(entry.trackers.get("uploads")).toMatchObject({ status: TRACKER_STATUS.finished, batched: false, sourceObjectsCount: 2, importedObjectsCount: 2 });
      expect(rows.map((r) => r.filename)).toEqual(["notes.txt", "pixel.png"]);
      expect(entry.failures).toEqual([]);
    } finally {
      source().config.version = "17.8.0-ee";
    }
  });

  it("finishes with nothing when the group has no uploads (GitLab exports an empty archive)", async () => {
    const { imported, entry, rows } = await importGroup({});
    expect(imported).toMatchObject({ status: STATUS.finished, hasFailures: false });
    expect(entry.trackers.get("uploads")).toMatchObject({ status: TRACKER_STATUS.finished, importedObjectsCount: 0 });
    expect(entry.trackers.get("uploads_references")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 0 });
    expect(rows).toEqual([]);
  });

  it("skips uploads, without failing the import, on a source whose export has no uploads relation", async () => {
    const { imported, entry, rows } = await importGroup({ uploads: notExported });
    expect(imported).toMatchObject({ status: STATUS.finished, hasFailures: false });
    expect(entry.trackers.get("uploads")).toMatchObject({ status: TRACKER_STATUS.skipped, message: "The source instance does not export uploads." });
    expect(entry.trackers.get("labels")?.status).toBe(TRACKER_STATUS.finished);
    expect(rows).toEqual([]);
  }, 90_000);

  it("skips uploads when the source reports the relation's export failed as unknown", async () => {
    source().faults.exportFailed({ relation: "uploads", error: "Unsupported export relation", times: 1 });
    const { imported, entry } = await importGroup({ uploads: fromArchive([{ name: `${S1}/pixel.png`, data: PIXEL }]) });
    expect(imported).toMatchObject({ status: STATUS.finished, hasFailures: false });
    expect(entry.trackers.get("uploads")).toMatchObject({ status: TRACKER_STATUS.skipped, message: "The source instance does not export uploads." });
  });
});
