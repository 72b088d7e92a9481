import { describe, expect, it } from "vitest";
import { ACCESS_LEVELS, getDb, projectMembers } from "@/lib/db";
import { userContributionsRelation } from "@/lib/exchange/relations/projects/user-contributions";
import { createGroup } from "@/lib/groups";
import { createProject } from "@/lib/projects";
import { makeUser, unique } from "@/test/helpers/factories";
import { RecordError } from "../../errors";
import type { EntityContext } from "../support/types";
import { userContributionsPipeline } from "./user-contributions";

const transform = (record: Record<string, unknown>) => userContributionsPipeline.transform(record, {} as EntityContext, "0");

describe("user_contributions records as GitLab writes them", () => {
  it("reads GitLab's shape: the id (an integer, or its string as GitLab's own importer takes it), username, name, public_email", () => {
    // The records of GitLab's UserContributionsPipeline spec: no public_email at all, the id as a string or a number.
    expect(transform({ id: "42", username: "alice", name: "Alice" })).toEqual({ id: 42, username: "alice", name: "Alice", publicEmail: null });
    expect(transform({ id: 42, username: "alice", name: "Alice" })).toEqual({ id: 42, username: "alice", name: "Alice", publicEmail: null });
    // import_export.yml's attributes: public_email, username, name.
    expect(transform({ id: 7, public_email: "bob@example.com", username: "bob", name: "Bob" })).toEqual({ id: 7, username: "bob", name: "Bob", publicEmail: "bob@example.com" });
    expect(transform({ id: 8, public_email: "", username: "carol", name: null })).toEqual({ id: 8, username: "carol", name: null, publicEmail: null });
  });

  it("never maps by a private email, which GitLab does not export", () => {
    expect(transform({ id: 9, email: "private@example.com", username: "dave", name: "Dave" })).toMatchObject({ id: 9, publicEmail: null });
  });

  it("refuses a record without a usable id or username, as a failure of that record", () => {
    for (const record of [{ username: "x" }, { id: "4x2", username: "x" }, { id: "0", username: "x" }, { id: 1.5, username: "x" }, { id: -3, username: "x" }, { id: 3 }]) {
      expect(() => transform(record), JSON.stringify(record)).toThrow(RecordError);
    }
  });
});

describe("Ferry's export of user_contributions", () => {
  it("writes GitLab's keys (id, public_email, username, name) and its importer reads them back", async () => {
    const owner = await makeUser();
    const member = await makeUser();
    const group = await createGroup(owner, { name: "Contributions", path: unique("contrib"), visibility: "private" });
    const project = await createProject(owner, { name: "Tool", path: "tool", namespaceId: group.id, visibility: "private" });
    await getDb().insert(projectMembers).values({ projectId: project.id, userId: member.id, accessLevel: ACCESS_LEVELS.developer }).onConflictDoNothing();
    const ids = await userContributionsRelation.ids(project.id);
    expect(ids).toContain(member.id);
    const records = await userContributionsRelation.records(project.id, ids);
    const exported = records.find((record) => record.id === member.id)!;
    expect(Object.keys(exported).sort()).toEqual(["id", "name", "public_email", "username"]);
    expect(exported).toEqual({ id: member.id, public_email: null, username: member.username, name: member.name });
    expect(transform(exported)).toEqual({ id: member.id, username: member.username, name: member.name, publicEmail: null });
  });
});
