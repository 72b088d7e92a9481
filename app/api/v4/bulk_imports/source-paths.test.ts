import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { bulkImports, getDb } from "@/lib/db";
import { ImportRequestError, startImports } from "@/lib/migration";
import { isGroupFullPath } from "@/lib/sources/target-rules";
import { makeUser, unique } from "@/test/helpers/factories";

// Paths that URL resolution would fold or that name nothing: `/groups/.` is `/groups/` on the source.
const NOT_FULL_PATHS = [".", "..", "x/..", "../x", "a/./b", "a//b", "/a", "a/", "", "a b", "https://gitlab.com/a", `${"a".repeat(2049)}`];

describe("source group full paths", () => {
  it("are segments of letters, digits, '_', '-' and '.', never empty, '.' or '..'", () => {
    for (const path of ["group", "group/sub", "a.b/c-d/e_f", "...x", "x..", ".hidden"]) expect(isGroupFullPath(path), path).toBe(true);
    for (const path of NOT_FULL_PATHS) expect(isGroupFullPath(path), path).toBe(false);
  });

  it("are checked by the importer page's start too (422 naming the row), before the source is called", async () => {
    const user = await makeUser();
    // An address that cannot be reached: a check that called the source would fail differently (or hang).
    const source = { url: "https://source.invalid", token: "glpat-unused" };
    for (const path of NOT_FULL_PATHS.filter((p) => p !== "")) {
      const attempt = startImports(user, source, [
        { sourceFullPath: "fine/group", destinationSlug: unique("d"), destinationNamespace: "", migrateProjects: false, migrateMemberships: true },
        { sourceFullPath: path, destinationSlug: unique("d"), destinationNamespace: "", migrateProjects: false, migrateMemberships: true },
      ]);
      await expect(attempt, path).rejects.toSatisfy((error) => error instanceof ImportRequestError && error.status === 422 && error.index === 1 && error.field === "sourceFullPath");
    }
    const [row] = await getDb().select({ n: sql<number>`count(*)::int` }).from(bulkImports).where(eq(bulkImports.userId, user.id));
    expect(row!.n).toBe(0);
  });
});
