import { describe, expect, it, vi } from "vitest";
import { exportRelationsRoutes } from "@/lib/exchange";
import { createGroup } from "@/lib/groups";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { callRaw } from "@/test/exchange/route-call";
import { POST as startExport } from "./groups/[id]/export_relations/route";
import { GET as status } from "./groups/[id]/export_relations/status/route";
import { GET as projectStatus } from "./projects/[id]/export_relations/status/route";

// The download is a Pages Router API route (for its Content-Length); the handler inside it is this one.
const download = exportRelationsRoutes("group").download;

// The admin setting is instance-wide; switching it in the shared test database would disturb other files' exports.
const settings = vi.hoisted(() => ({ directTransferEnabled: true }));
vi.mock("@/lib/settings", async (original) => ({
  ...(await original<typeof import("@/lib/settings")>()),
  getSettings: async () => ({ signupEnabled: true, allowLocalSources: false, allowInsecureSources: false, ...settings }),
}));

describe("export_relations while direct transfer is turned off", () => {
  it("answers 404 Not Found for an owner's group after the group checks, and for projects before anything", async () => {
    const owner = await makeUser();
    const group = await createGroup(owner, { name: "Off", path: unique("off") });
    const token = await tokenFor(owner.id);
    const params = { id: String(group.id) };

    settings.directTransferEnabled = true;
    const unknownProject = await callRaw(projectStatus, "/api/v4/projects/1/export_relations/status", { token, params: { id: "1" } });
    expect([unknownProject.status, await unknownProject.json()]).toEqual([404, { message: "404 Project Not Found" }]);
    expect((await callRaw(status, `/api/v4/groups/${group.id}/export_relations/status`, { token, params })).status).toBe(200);

    settings.directTransferEnabled = false;
    for (const response of [
      await callRaw(startExport, `/api/v4/groups/${group.id}/export_relations`, { token, method: "POST", params }),
      await callRaw(status, `/api/v4/groups/${group.id}/export_relations/status`, { token, params }),
      await callRaw(download, `/api/v4/groups/${group.id}/export_relations/download?relation=labels`, { token, params }),
      await callRaw(projectStatus, "/api/v4/projects/1/export_relations/status", { token, params: { id: "1" } }),
    ]) {
      expect([response.status, await response.json()]).toEqual([404, { message: "404 Not Found" }]);
    }
    // GitLab finds the group and checks the Owner role in an outer block, before the setting.
    const unknown = await callRaw(status, "/api/v4/groups/99999999/export_relations/status", { token, params: { id: "99999999" } });
    expect(await unknown.json()).toEqual({ message: "404 Group Not Found" });
    const other = await tokenFor((await makeUser()).id);
    expect((await callRaw(status, `/api/v4/groups/${group.id}/export_relations/status`, { token: other, params })).status).toBe(404);
  });
});
