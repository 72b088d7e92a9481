import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getConfig } from "@/lib/config";
import { bulkImports, getDb } from "@/lib/db";
import { STATUS } from "@/lib/migration";
import { makeUser, unique } from "@/test/helpers/factories";
import { runHousekeeping } from "./housekeeping";

describe("housekeeping", () => {
  it("gives back the disk of a failed file import's store that its worker, killed, left behind", async () => {
    const user = await makeUser();
    const [row] = await getDb()
      .insert(bulkImports)
      .values({ userId: user.id, sourceType: "file", sourceUrl: `file:///${unique()}/x.tar.gz`, sourceVersion: "17.8.0", tokenCiphertext: "", status: STATUS.failed })
      .returning({ id: bulkImports.id });
    const store = path.join(getConfig().dataDir, "imports", String(row!.id));
    fs.mkdirSync(store, { recursive: true });
    fs.writeFileSync(path.join(store, "relations.ndjson"), '{"id":1}\n');
    const result = await runHousekeeping();
    expect(result.importStores.stores).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(store)).toBe(false);
  });
});
