import { describe, expect, it } from "vitest";
import { getDb, labels, milestones } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { GET as getLabels } from "./groups/[id]/labels/route";
import { GET as getMilestones } from "./groups/[id]/milestones/route";

describe("/api/v4/groups/:id/labels and /milestones", () => {
  it("answers in GitLab's shapes with filters and pagination, and hides private groups from strangers", async () => {
    const [owner, stranger] = await Promise.all([makeUser(), makeUser()]);
    const group = await createGroup(owner, { name: "Content", path: unique("content") });
    await getDb().insert(labels).values([
      { groupId: group.id, title: "bug", color: "#d9534f", description: "Something is broken" },
      { groupId: group.id, title: "feature", color: "#eeeeee" },
      { groupId: group.id, title: "docs", color: "#5cb85c" },
    ]);
    await getDb().insert(milestones).values([
      { groupId: group.id, iid: 1, title: "v1.0", state: "closed", startDate: "2020-01-01", dueDate: "2020-02-01" },
      { groupId: group.id, iid: 2, title: "v2.0", state: "active", dueDate: "2999-01-01" },
    ]);
    const token = await tokenFor(owner.id);
    const params = { id: String(group.id) };

    const all = await call(getLabels, `/api/v4/groups/${group.id}/labels?per_page=2`, { token, params });
    expect(all.headers.get("x-total")).toBe("3");
    expect(all.body).toEqual([
      expect.objectContaining({ name: "bug", color: "#d9534f", description: "Something is broken", text_color: "#FFFFFF", is_project_label: false }),
      expect.objectContaining({ name: "docs" }),
    ]);
    const searched = await call(getLabels, `/api/v4/groups/${group.id}/labels?search=feat`, { token, params });
    expect((searched.body as { name: string; text_color: string }[]).map((l) => [l.name, l.text_color])).toEqual([["feature", "#1F1E24"]]);

    const active = await call(getMilestones, `/api/v4/groups/${group.id}/milestones?state=active`, { token, params });
    expect(active.body).toEqual([expect.objectContaining({ iid: 2, title: "v2.0", state: "active", due_date: "2999-01-01", expired: false, group_id: group.id })]);
    const closed = await call(getMilestones, `/api/v4/groups/${group.id}/milestones?iids[]=1`, { token, params });
    expect(closed.body).toEqual([expect.objectContaining({ iid: 1, state: "closed", start_date: "2020-01-01", expired: true, web_url: `http://ferry.test/groups/${group.fullPath}/-/milestones/1` })]);
    expect((await call(getMilestones, `/api/v4/groups/${group.id}/milestones?state=bogus`, { token, params })).status).toBe(400);

    const strangerToken = await tokenFor(stranger.id);
    expect((await call(getLabels, `/api/v4/groups/${group.id}/labels`, { token: strangerToken, params })).status).toBe(404);
  });
});
