import { createHash } from "node:crypto";
import fs from "node:fs";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bulkImportExports, getDb, uploads } from "@/lib/db";
import { createGroup, saveGroupAvatar, type Group } from "@/lib/groups";
import { STATUS, TRACKER_STATUS } from "@/lib/migration";
import { groupUploadPath, resolveUploadPath, storeUploadFile } from "@/lib/uploads";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { importResult } from "@/test/helpers/imports";
import { exportGroupOverHttp, parseArchiveFile } from "@/test/exchange/export-client";
import { runFerryExchange } from "@/test/exchange/ferry-exchange";
import { importSourceGroup } from "@/test/exchange/fixture-import";
import { fromArchive } from "@/test/source";
import { findDownload } from "./export-download";
import { startExport } from "./start-export";
import { EXPORT_STATUS } from "./status";

const { source, ferry } = runFerryExchange("pgboss_uploads_export_test", { version: "17.8.0-ee", batchSize: 1, exportDelayMs: 20 });

const FIXTURES = "test/fixtures/ferry/uploads";
const PIXEL = fs.readFileSync(`${FIXTURES}/pixel.png`);
const NOTES = fs.readFileSync(`${FIXTURES}/notes.txt`);
const AVATAR = fs.readFileSync("test/fixtures/ferry/group-avatar.png");
const S1 = "72a497a02fe3ee09edae2ed06d390038";
const S2 = "0123456789abcdef0123456789abcdef";
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

async function addUpload(group: Group, secret: string, filename: string, data: Buffer) {
  const storagePath = groupUploadPath(group.id, secret, filename);
  const stored = await storeUploadFile(storagePath, [data], { maxBytes: 1024 * 1024 });
  const [row] = await getDb().insert(uploads).values({ groupId: group.id, secret, filename, storagePath, size: stored.size, sha256: stored.sha256 }).returning();
  return row!;
}

describe("uploads exported by Ferry", () => {
  it("are one uploads.tar.gz of <secret>/<filename> entries and the avatar, never batched, files gone from disk left out", async () => {
    const user = await makeUser();
    const group = await createGroup(user, { name: "Exported", path: unique("exported") });
    await saveGroupAvatar(group.id, AVATAR, "logo.png");
    await addUpload(group, S1, "pixel.png", PIXEL);
    const gone = await addUpload(group, S2, "gone.txt", NOTES);
    fs.rmSync(resolveUploadPath(gone.storagePath));
    await addUpload(group, S2, "notes with spaces and a name long enough to need a pax header in the tar archive, past 100 bytes.txt", NOTES);
    const portable = { kind: "group" as const, id: group.id, fullPath: group.fullPath };

    // The worker runs the export's jobs.
    await startExport(portable, user.id, { batched: true });
    const uploadsExport = () => getDb().select().from(bulkImportExports).where(and(eq(bulkImportExports.groupId, group.id), eq(bulkImportExports.userId, user.id), eq(bulkImportExports.relation, "uploads")));
    const deadline = Date.now() + 20_000;
    while ((await uploadsExport())[0]?.status === EXPORT_STATUS.started && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const [done] = await uploadsExport();
    expect(done).toMatchObject({ status: EXPORT_STATUS.finished, batched: false, batchesCount: 0, totalObjectsCount: 3 });

    const found = await findDownload(portable, user.id, "uploads", null);
    if (!("file" in found)) throw new Error(JSON.stringify(found));
    expect(found.file.filename).toBe("uploads.tar.gz");
    const records = await parseArchiveFile(fs.readFileSync(found.file.path));
    expect(records).toEqual([
      { name: "avatar/logo.png", size: AVATAR.length, sha256: sha256(AVATAR) },
      { name: `${S1}/pixel.png`, size: PIXEL.length, sha256: sha256(PIXEL) },
      { name: `${S2}/notes with spaces and a name long enough to need a pax header in the tar archive, past 100 bytes.txt`, size: NOTES.length, sha256: sha256(NOTES) },
    ]);
    expect(await findDownload(portable, user.id, "uploads", 1)).toEqual({ refusal: { status: 400, message: "Export is not batched" } });
  });

  it("come over when another Ferry imports the group from this one, with the same secrets and bytes", async () => {
    const user = await makeUser();
    const sourceGroup = source().addGroup({ path: unique("up-src"), relations: { uploads: fromArchive([{ name: `${S1}/pixel.png`, data: PIXEL }, { name: `${S2}/notes.txt`, data: NOTES }]) } });
    const fromGitlab = await importSourceGroup(source(), sourceGroup.path, user, unique("ferry-a"));
    expect(fromGitlab).toMatchObject({ status: STATUS.finished, hasFailures: false });
    const a = fromGitlab.byPath.get(sourceGroup.path)!;

    const token = await tokenFor(user.id);
    const exported = await exportGroupOverHttp(ferry().url, token, a.id);
    // Batches of one on the source: the two files arrived in either order.
    expect(exported.get("uploads")?.batched).toBe(false);
    expect(exported.get("uploads")?.records.sort((x, y) => String(x.name).localeCompare(String(y.name)))).toEqual([
      { name: `${S2}/notes.txt`, size: NOTES.length, sha256: sha256(NOTES) },
      { name: `${S1}/pixel.png`, size: PIXEL.length, sha256: sha256(PIXEL) },
    ]);

    const fromFerry = await importSourceGroup({ url: ferry().url, token }, a.fullPath, user, unique("ferry-b"));
    expect(fromFerry).toMatchObject({ status: STATUS.finished, hasFailures: false });
    const b = fromFerry.byPath.get(a.fullPath)!;
    const entry = (await importResult(fromFerry.bulkImportId)).get(a.fullPath)!;
    expect(entry.trackers.get("uploads")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 2, importedObjectsCount: 2 });
    const rows = (group: Group) => getDb().select({ secret: uploads.secret, filename: uploads.filename, size: uploads.size, sha256: uploads.sha256 }).from(uploads).where(eq(uploads.groupId, group.id)).orderBy(uploads.secret);
    expect(await rows(b)).toEqual(await rows(a));
    expect(await rows(b)).toHaveLength(2);
  }, 120_000);
});
