import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, labels, milestones } from "@/lib/db";
import { STATUS } from "@/lib/migration";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { comparable, storedContent } from "@/test/exchange/compare";
import { exportGroupOverHttp } from "@/test/exchange/export-client";
import { runFerryExchange } from "@/test/exchange/ferry-exchange";
import { importSourceGroup } from "@/test/exchange/fixture-import";

const { source, ferry } = runFerryExchange("pgboss_ferry_to_ferry_test", { version: "17.8.0-ee", batchSize: 4, exportDelayMs: 20 });

describe("one Ferry migrating from another", () => {
  it("imports a group that Ferry imported from GitLab, relation by relation and field by field the same", async () => {
    const user = await makeUser();
    const fromGitlab = await importSourceGroup(source(), source().group(4351).path, user, unique("ferry-a"));
    expect(fromGitlab).toMatchObject({ status: STATUS.finished, hasFailures: false });
    const aRoot = [...fromGitlab.byPath.values()].find((g) => g.parentId === null)!;

    // This Ferry, as a source, to its own importer: the same database, two group trees.
    const token = await tokenFor(user.id);
    const slug = unique("ferry-b");
    const fromFerry = await importSourceGroup({ url: ferry().url, token }, aRoot.fullPath, user, slug);
    expect(fromFerry).toMatchObject({ status: STATUS.finished, hasFailures: false });
    expect(fromFerry.byPath.size).toBe(3);

    for (const [path, a] of fromGitlab.byPath) {
      const bPath = path.replace(source().group(4351).path, aRoot.fullPath);
      const b = fromFerry.byPath.get(bPath);
      expect(b, `copy of ${path}`).toBeDefined();
      expect({ name: b!.name, description: b!.description, visibility: b!.visibility }).toEqual({ name: a.name, description: a.description, visibility: a.visibility });
      // Every setting the source sent comes through, but those GitLab never exports (tokens, owner, timestamps...).
      const excluded = ["owner_id", "created_at", "updated_at", "runners_token", "runners_token_encrypted", "saml_discovery_token", "trial_ends_on", "shared_runners_minute_limit", "extra_shared_runners_minutes_limit", "repository_size_limit", "max_pages_size"];
      const settings = (group: typeof a) => Object.fromEntries(Object.entries(group.settings).filter(([key]) => !excluded.includes(key)));
      expect(settings(b!)).toEqual(settings(a));
      // The top-level group lands where the user asked; subgroups keep their paths.
      expect(b!.path).toBe(a.parentId === null ? slug : a.path);

      const [aExport, bExport] = await Promise.all([exportGroupOverHttp(ferry().url, token, a.id), exportGroupOverHttp(ferry().url, token, b!.id)]);
      expect([...bExport.keys()]).toEqual([...aExport.keys()]);
      for (const [relation, exported] of aExport) {
        expect(comparable(bExport.get(relation)!), `${relation} of ${bPath}`).toEqual(comparable(exported));
      }

      for (const table of [labels, milestones]) {
        const [aRows, bRows] = await Promise.all([a.id, b!.id].map((id) => getDb().select().from(table).where(eq(table.groupId, id)).orderBy(table.id)));
        expect(bRows!.length, `${path}`).toBe(aRows!.length);
        expect(bRows!.map(storedContent)).toEqual(aRows!.map(storedContent));
      }
    }
  }, 180_000);
});
