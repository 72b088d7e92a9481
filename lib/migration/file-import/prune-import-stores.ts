import fs from "node:fs";
import path from "node:path";
import { inArray } from "drizzle-orm";
import { bulkImports, getDb } from "@/lib/db";
import { logger } from "@/lib/log";
import { isTerminal } from "../status";
import { importsRoot, removeImportStore } from "./archive-store";

/** Longer than any upload or download may run (a remote archive's job expires after 6 hours). */
export const ABANDONED_MS = 12 * 3_600_000;
/** A store is moved into place just before the row that owns it commits: one without a row is left alone this long. */
const UNOWNED_GRACE_MS = 3_600_000;

/**
 * The sweep of FERRY_DATA_DIR/imports, for what a killed process left there. A worker removes an import's store just
 * after the commit that ends it, a web request its upload once it answers, a delivery its download: killed in between,
 * they leave it for ever, and a timed-out or cancelled import may never be processed again. Removed: the stores of
 * imports that have ended or no longer exist, and uploads (`upload-*`) and downloads (`remote-*`) older than any can run.
 */
export async function pruneImportStores(now = Date.now()): Promise<{ stores: number; partials: number }> {
  const root = importsRoot();
  const names = await fs.promises.readdir(root).catch(() => [] as string[]);
  const ageOf = async (name: string) => {
    const stat = await fs.promises.stat(path.join(root, name)).catch(() => null);
    return stat ? now - stat.mtimeMs : null;
  };

  const ids = names.filter((name) => /^\d+$/.test(name)).map(Number);
  const statuses = new Map<number, number>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await getDb()
      .select({ id: bulkImports.id, status: bulkImports.status })
      .from(bulkImports)
      .where(inArray(bulkImports.id, ids.slice(i, i + 1000)));
    for (const row of rows) statuses.set(row.id, row.status);
  }
  let stores = 0;
  for (const id of ids) {
    const status = statuses.get(id);
    const done = status === undefined ? ((await ageOf(String(id))) ?? 0) >= UNOWNED_GRACE_MS : isTerminal(status);
    if (!done) continue;
    await removeImportStore(id);
    stores += 1;
  }

  let partials = 0;
  for (const name of names.filter((n) => n.startsWith("upload-") || n.startsWith("remote-"))) {
    if (((await ageOf(name)) ?? 0) < ABANDONED_MS) continue;
    await fs.promises.rm(path.join(root, name), { recursive: true, force: true });
    partials += 1;
  }
  if (stores + partials > 0) logger.info({ stores, partials }, "import stores left behind removed");
  return { stores, partials };
}
