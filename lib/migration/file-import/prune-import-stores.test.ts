import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bulkImports, getDb } from "@/lib/db";
import { makeUser, unique } from "@/test/helpers/factories";
import { FILE_IMPORT_SOURCE_TYPE } from "../engine/context";
import { STATUS } from "../status";
import { importsRoot } from "./archive-store";
import { ABANDONED_MS, pruneImportStores } from "./prune-import-stores";

async function fileImport(status: number): Promise<number> {
  const user = await makeUser();
  const [row] = await getDb()
    .insert(bulkImports)
    .values({ userId: user.id, sourceType: FILE_IMPORT_SOURCE_TYPE, sourceUrl: `file:///${unique()}/x.tar.gz`, sourceVersion: "17.8.0", tokenCiphertext: "", status })
    .returning({ id: bulkImports.id });
  return row!.id;
}

/** A directory under FERRY_DATA_DIR/imports with a file in it, last changed `ageMs` ago. */
function leave(name: string, ageMs = 0): string {
  const dir = path.join(importsRoot(), name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "relations.ndjson"), '{"id":1}\n');
  const when = new Date(Date.now() - ageMs);
  fs.utimesSync(dir, when, when);
  return dir;
}

describe("the sweep of import stores a killed process left behind", () => {
  it("removes the stores of ended imports and keeps those of running ones", async () => {
    const finished = leave(String(await fileImport(STATUS.finished)));
    const canceled = leave(String(await fileImport(STATUS.canceled)));
    const timedOut = leave(String(await fileImport(STATUS.timeout)));
    const running = leave(String(await fileImport(STATUS.started)));
    const created = leave(String(await fileImport(STATUS.created)));
    await pruneImportStores();
    for (const dir of [finished, canceled, timedOut]) expect(fs.existsSync(dir), dir).toBe(false);
    for (const dir of [running, created]) expect(fs.existsSync(dir), dir).toBe(true);
  });

  it("removes a store no import owns only once it is an hour old: a new one's row may not have committed yet", async () => {
    // Ids far past any a test creates.
    const id = 2_000_000_000 + Math.floor(Math.random() * 100_000_000);
    const young = leave(String(id), 10 * 60_000);
    const old = leave(String(id + 1), 2 * 3_600_000);
    await pruneImportStores();
    expect(fs.existsSync(young)).toBe(true);
    expect(fs.existsSync(old)).toBe(false);
    fs.rmSync(young, { recursive: true, force: true });
  });

  it("removes uploads and downloads older than any can run, and keeps those under way", async () => {
    const oldUpload = leave(`upload-${randomUUID()}`, ABANDONED_MS + 60_000);
    const oldDownload = leave(`remote-1-${randomUUID()}`, ABANDONED_MS + 60_000);
    const upload = leave(`upload-${randomUUID()}`, 3_600_000);
    const download = leave(`remote-1-${randomUUID()}`, 3_600_000);
    const result = await pruneImportStores();
    expect(result.partials).toBeGreaterThanOrEqual(2);
    expect(fs.existsSync(oldUpload)).toBe(false);
    expect(fs.existsSync(oldDownload)).toBe(false);
    expect(fs.existsSync(upload)).toBe(true);
    expect(fs.existsSync(download)).toBe(true);
    for (const dir of [upload, download]) fs.rmSync(dir, { recursive: true, force: true });
  });
});
