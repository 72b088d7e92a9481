import { describe, expect, it } from "vitest";
import { getDb, labels, milestones } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { GET as getMilestone } from "../milestones/[milestone_id]/route";
import { GET as getMilestones } from "../milestones/route";
import { GET as getLabel } from "./[label_id]/route";
import { GET as getLabels } from "./route";

type Json = Record<string, unknown>;

describe("/api/v4/groups/:id/labels and /milestones, with their ancestors'", () => {
  it("lists a subgroup's labels with its ancestors' unless asked not to, finds one by id or title, and its milestones with include_ancestors", async () => {
    const owner = await makeUser();
    const root = await createGroup(owner, { name: "Root", path: unique("root") });
    const team = await createGroup(owner, { name: "Team", path: unique("team"), parentId: root.id });
    const [own, inherited] = await getDb()
      .insert(labels)
      .values([
        { groupId: team.id, title: "team only" },
        { groupId: root.id, title: "everyone" },
      ])
      .returning();
    const [mine, theirs] = await getDb()
      .insert(milestones)
      .values([
        { groupId: team.id, iid: 1, title: "Sprint" },
        { groupId: root.id, iid: 1, title: "Quarter" },
      ])
      .returning();
    const token = await tokenFor(owner.id, ["read_api"]);
    const at = (extra: Record<string, string> = {}) => ({ id: String(team.id), ...extra });
    const names = async (query: string) => ((await call(getLabels, `/x?${query}`, { token, params: at() })).body as Json[]).map((l) => l.name);
    expect(await names("")).toEqual(["everyone", "team only"]);
    expect(await names("include_ancestor_groups=false")).toEqual(["team only"]);
    const byTitle = await call(getLabel, "/x", { token, params: at({ label_id: "everyone" }) as { id: string; label_id: string } });
    expect(byTitle.body).toMatchObject({ id: inherited!.id, is_project_label: false });
    const byId = await call(getLabel, "/x", { token, params: at({ label_id: String(own!.id) }) as { id: string; label_id: string } });
    expect(byId.body).toMatchObject({ id: own!.id, name: "team only" });
    expect((await call(getLabel, "/x", { token, params: at({ label_id: "nope" }) as { id: string; label_id: string } })).body).toEqual({ message: "404 Label Not Found" });

    const titles = async (query: string) => ((await call(getMilestones, `/x?${query}`, { token, params: at() })).body as Json[]).map((m) => [m.title, m.group_id, m.web_url]);
    expect(await titles("")).toEqual([["Sprint", team.id, `http://ferry.test/groups/${team.fullPath}/-/milestones/1`]]);
    expect(await titles("include_ancestors=true")).toEqual([
      ["Sprint", team.id, `http://ferry.test/groups/${team.fullPath}/-/milestones/1`],
      ["Quarter", root.id, `http://ferry.test/groups/${root.fullPath}/-/milestones/1`],
    ]);
    const one = await call(getMilestone, "/x", { token, params: at({ milestone_id: String(mine!.id) }) as { id: string; milestone_id: string } });
    expect(one.body).toMatchObject({ id: mine!.id, group_id: team.id });
    expect((await call(getMilestone, "/x", { token, params: at({ milestone_id: String(theirs!.id) }) as { id: string; milestone_id: string } })).status).toBe(404);
  });
});
