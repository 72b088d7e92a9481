import { describe, expect, it } from "vitest";
import { startImports, STATUS } from "@/lib/migration";
import { makeUser, unique } from "@/test/helpers/factories";
import { waitForImports } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { DEFAULT_TOKEN, startTestSource } from "@/test/source";
import { expectCompleteImport } from "./import-check";
import { chaosSeed, seededRandom } from "./seeded-random";

const QUEUE = "pgboss_chaos_flaky";
runImportWorker(QUEUE);

describe("chaos: a flaky source", () => {
  it("answers a fifth of all requests with 5xx, 429 or a dropped connection, and the import still ends complete", async () => {
    const seed = chaosSeed();
    console.log(`chaos flaky-source: seed ${seed} (CHAOS_SEED=${seed} replays it)`);
    const source = await startTestSource({ version: "17.8.0-ee", batchSize: 3, exportDelayMs: 20 });
    source.faults.random = seededRandom(seed);
    // Transient, as a real flaky source's faults are: a request fails at most twice in a row, within every retry budget.
    source.faults.maxInARow = 2;
    // Every endpoint, the start-time checks' included. Drawn one after the other, and some spared by the bound on a
    // run of faults: about a fifth of all requests in the end.
    source.faults.serverError({ endpoint: /./, status: 500, chance: 0.08 });
    source.faults.serverError({ endpoint: /./, status: 502, chance: 0.05 });
    source.faults.serverError({ endpoint: /./, status: 503, chance: 0.04 });
    source.faults.rateLimit({ endpoint: /./, retryAfter: 1, chance: 0.03 });
    source.faults.reset({ endpoint: /./, when: "before-response", chance: 0.03 });
    source.faults.reset({ endpoint: /./, when: "mid-body", chance: 0.04 });
    try {
      const [started] = await startImports(await makeUser(), { url: source.url, token: DEFAULT_TOKEN }, [
        { sourceFullPath: source.group(4351).path, destinationSlug: unique("flaky"), destinationNamespace: "", migrateProjects: false, migrateMemberships: true },
      ]);
      const [bulkImport] = await waitForImports([started!.bulkImportId], 150_000);
      const faulted = source.requests.filter((r) => r.faults.length > 0).length;
      console.log(`chaos flaky-source: ${faulted} of ${source.requests.length} requests faulted (${((100 * faulted) / source.requests.length).toFixed(1)}%)`);
      expect(faulted).toBeGreaterThanOrEqual(10);
      expect(bulkImport!.status).toBe(STATUS.finished);
      expect(bulkImport!.hasFailures).toBe(false);
      await expectCompleteImport(source, started!.bulkImportId, [4351, 4352, 4353]);
    } finally {
      await source.close();
    }
  }, 180_000);
});
