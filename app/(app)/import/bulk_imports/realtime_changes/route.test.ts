import { beforeEach, describe, expect, it, vi } from "vitest";
import { bulkImports, getDb } from "@/lib/db";
import type { PublicUser } from "@/lib/users";
import { makeUser } from "@/test/helpers/factories";

const session = vi.hoisted(() => ({ user: null as PublicUser | null }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => session.user }));

const { GET } = await import("./route");

const get = async (query = "") => {
  const response = await GET(new Request(`http://ferry.test/import/bulk_imports/realtime_changes${query}`));
  return { status: response.status, headers: response.headers, body: await response.json() };
};

async function makeImport(userId: number, status = 1) {
  const [row] = await getDb().insert(bulkImports).values({ userId, sourceUrl: "https://gitlab.example.com", sourceVersion: "17.0.0", tokenCiphertext: "x", status }).returning();
  return row!;
}

beforeEach(() => {
  session.user = null;
});

describe("GET /import/bulk_imports/realtime_changes", () => {
  it("answers 401 without a session and 400 for malformed ids", async () => {
    expect((await get()).status).toBe(401);
    session.user = await makeUser();
    expect(await get("?ids=1,x")).toMatchObject({ status: 400 });
  });

  it("answers GitLab's shape for the user's own imports, with GitLab's Poll-Interval header", async () => {
    const [user, other] = await Promise.all([makeUser(), makeUser()]);
    const [mine, theirs] = await Promise.all([makeImport(user.id, 2), makeImport(other.id)]);
    session.user = user;
    const response = await get(`?ids=${mine.id},${theirs.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("poll-interval")).toBe("3000");
    expect(response.body).toEqual([{ id: mine.id, status_name: "finished", has_failures: false, entities: [] }]);
  });
});
