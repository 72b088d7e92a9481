import { afterAll, describe, expect, it } from "vitest";
import { STATUS } from "@/lib/migration";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser } from "@/test/helpers/factories";
import { POST as cancelImport } from "./[import_id]/cancel/route";
import { GET as listImportEntities } from "./[import_id]/entities/route";
import { GET as getImport } from "./[import_id]/route";
import { BULK_IMPORT_KEYS, demoteAdmins, docExample, expectLikeExample, makeAdmin, seedImport } from "./_test/support";

afterAll(demoteAdmins);

const cancel = (token: string, id: number | string) => call(cancelImport, `/api/v4/bulk_imports/${id}/cancel`, { token, method: "POST", params: { import_id: String(id) } });

describe("POST /api/v4/bulk_imports/:import_id/cancel", () => {
  it("cancels a running import and its entities, answering 200 with the import, canceled; a second cancel answers the same", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const seeded = await seedImport(user.id, { status: STATUS.started, entities: [{ status: STATUS.started }, { status: STATUS.created }, { status: STATUS.finished }] });

    const res = await cancel(token, seeded.id);
    expect(res.status).toBe(200);
    expectLikeExample(res.body, docExample("POST /bulk_imports/:id/cancel (GitLab 17.1+)"));
    expect(Object.keys(res.body as object).sort()).toEqual([...BULK_IMPORT_KEYS].sort());
    expect(res.body).toMatchObject({ id: seeded.id, status: "canceled" });

    expect((await call(getImport, "/x", { token, params: { import_id: String(seeded.id) } })).body).toMatchObject({ status: "canceled" });
    const entities = await call(listImportEntities, "/x?sort=asc", { token, params: { import_id: String(seeded.id) } });
    // Entities that had ended keep their status; the others are canceled with the import.
    expect((entities.body as { status: string }[]).map((e) => e.status)).toEqual(["canceled", "canceled", "finished"]);

    expect(await cancel(token, seeded.id)).toMatchObject({ status: 200, body: { status: "canceled" } });
  });

  it("refuses (422) to relabel an import that has already ended", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    for (const status of [STATUS.finished, STATUS.failed, STATUS.timeout]) {
      const seeded = await seedImport(user.id, { status });
      const res = await cancel(token, seeded.id);
      expect(res.status).toBe(422);
      expect((res.body as { message: string }).message).toMatch(/has already ended \((finished|failed|timeout)\) and cannot be canceled/);
      expect((await call(getImport, "/x", { token, params: { import_id: String(seeded.id) } })).body).toMatchObject({ status: Object.entries(STATUS).find(([, v]) => v === status)![0] });
    }
  });

  it("lets only the owner or an administrator cancel; others get 404, read_api tokens 403, bad ids 400", async () => {
    const [owner, stranger, admin] = await Promise.all([makeUser(), makeUser(), makeAdmin()]);
    const seeded = await seedImport(owner.id, { status: STATUS.created });
    expect(await cancel(await tokenFor(stranger.id), seeded.id)).toMatchObject({ status: 404, body: { message: "404 Not found" } });
    const readOnly = await tokenFor(owner.id, ["read_api"]);
    expect(await cancel(readOnly, seeded.id)).toMatchObject({ status: 403, body: { error: "insufficient_scope" } });
    expect(await cancel(await tokenFor(owner.id), "abc")).toMatchObject({ status: 400, body: { error: "import_id is invalid" } });
    expect((await call(cancelImport, "/x", { method: "POST", params: { import_id: String(seeded.id) } })).status).toBe(401);
    expect((await call(getImport, "/x", { token: await tokenFor(owner.id), params: { import_id: String(seeded.id) } })).body).toMatchObject({ status: "created" });
    expect(await cancel(await tokenFor(admin.id), seeded.id)).toMatchObject({ status: 200, body: { status: "canceled" } });
  });
});
