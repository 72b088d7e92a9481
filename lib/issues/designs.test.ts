import { describe, expect, it } from "vitest";
import { designActions, designs, designVersions, getDb, issues, notes } from "@/lib/db";
import { projectWithPlaceholder } from "@/test/helpers/placeholder";
import { listIssueDesigns } from "./index";

describe("an issue's designs on its page", () => {
  it("lists each design in GitLab's order with its version count, latest version date, deletion and comment count", async () => {
    const { project, placeholder } = await projectWithPlaceholder();
    const db = getDb();
    const [issue, bare] = await db.insert(issues).values([{ projectId: project.id, iid: 1, title: "Designed" }, { projectId: project.id, iid: 2, title: "Bare" }]).returning();
    const [flow, home] = await db
      .insert(designs)
      .values([{ projectId: project.id, issueId: issue!.id, iid: 2, filename: "flow.png", relativePosition: 2 }, { projectId: project.id, issueId: issue!.id, iid: 1, filename: "home.png", relativePosition: 1 }])
      .returning();
    const [first, second] = await db
      .insert(designVersions)
      .values([{ issueId: issue!.id, sha: "a".repeat(40), authorId: placeholder, createdAt: new Date("2024-01-02T00:00:00Z") }, { issueId: issue!.id, sha: "b".repeat(40), createdAt: new Date("2024-01-07T00:00:00Z") }])
      .returning();
    await db.insert(designActions).values([
      { designId: home!.id, versionId: first!.id, event: 0 },
      { designId: flow!.id, versionId: first!.id, event: 0 },
      { designId: flow!.id, versionId: second!.id, event: 2 },
    ]);
    const note = { projectId: project.id, noteableType: "DesignManagement::Design", noteableId: home!.id };
    await db.insert(notes).values([{ ...note, note: "Bigger" }, { ...note, note: "Smaller" }, { ...note, note: "changed", system: true }]);

    expect(await listIssueDesigns(issue!.id)).toEqual([
      { id: home!.id, filename: "home.png", versionCount: 1, latestVersionAt: new Date("2024-01-02T00:00:00Z"), deleted: false, latestSha: "a".repeat(40), noteCount: 2 },
      { id: flow!.id, filename: "flow.png", versionCount: 2, latestVersionAt: new Date("2024-01-07T00:00:00Z"), deleted: true, latestSha: "b".repeat(40), noteCount: 0 },
    ]);
    expect(await listIssueDesigns(bare!.id)).toEqual([]);
  });
});
