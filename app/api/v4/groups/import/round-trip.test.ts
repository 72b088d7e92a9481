import { Gitlab } from "@gitbeaker/rest";
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bulkImportEntities, bulkImports, getDb, groups } from "@/lib/db";
import { findFileExport } from "@/lib/exchange";
import { STATUS } from "@/lib/migration";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { waitForImports } from "@/test/helpers/imports";
import { comparable } from "@/test/exchange/compare";
import { exportGroupOverHttp } from "@/test/exchange/export-client";
import { runFerryExchange } from "@/test/exchange/ferry-exchange";
import { importSourceGroup } from "@/test/exchange/fixture-import";

const { source, ferry } = runFerryExchange("pgboss_file_import_round_trip_test", { version: "17.8.0-ee", batchSize: 4, exportDelayMs: 20 });

describe("a group exported by file and imported back, through @gitbeaker/rest unchanged", () => {
  it("comes back relation by relation the same, subgroups included", async () => {
    const user = await makeUser();
    // A group tree with every group relation Ferry holds: GitLab's fixture group, moved in by direct transfer.
    const original = await importSourceGroup(source(), source().group(4351).path, user, unique("original"));
    expect(original).toMatchObject({ status: STATUS.finished, hasFailures: false });
    const root = [...original.byPath.values()].find((g) => g.parentId === null)!;

    const token = await tokenFor(user.id);
    const api = new Gitlab({ host: ferry().url, token });
    expect(await api.GroupImportExports.scheduleExport(root.id)).toEqual({ message: "202 Accepted" });
    for (let i = 0; i < 300 && (await findFileExport({ kind: "group", id: root.id }, user.id))?.status !== "finished"; i++) await new Promise((r) => setTimeout(r, 100));
    const archive = (await api.GroupImportExports.download(root.id)) as Blob;

    const path = unique("copy");
    expect(await api.GroupImportExports.import({ content: archive, filename: "export.tar.gz" }, path, { name: root.name })).toEqual({ message: "202 Accepted" });
    const [bulkImport] = await getDb().select().from(bulkImports).where(eq(bulkImports.userId, user.id)).orderBy(desc(bulkImports.id)).limit(1);
    const [ended] = await waitForImports([bulkImport!.id]);
    expect(ended).toMatchObject({ status: STATUS.finished, hasFailures: false });

    const entities = await getDb().select({ namespaceId: bulkImportEntities.namespaceId }).from(bulkImportEntities).where(eq(bulkImportEntities.bulkImportId, bulkImport!.id));
    expect(entities).toHaveLength(original.byPath.size);
    for (const [fullPath, a] of original.byPath) {
      const [b] = await getDb().select().from(groups).where(eq(groups.fullPath, a.fullPath.replace(root.fullPath, path)));
      expect(b, `copy of ${fullPath}`).toBeDefined();
      expect({ name: b!.name, description: b!.description, visibility: b!.visibility }).toEqual({ name: a.name, description: a.description, visibility: a.visibility });
      const [aExport, bExport] = await Promise.all([exportGroupOverHttp(ferry().url, token, a.id), exportGroupOverHttp(ferry().url, token, b!.id)]);
      expect([...bExport.keys()]).toEqual([...aExport.keys()]);
      for (const [relation, exported] of aExport) {
        expect(comparable(bExport.get(relation)!), `${relation} of ${fullPath}`).toEqual(comparable(exported));
      }
    }
  }, 240_000);
});
