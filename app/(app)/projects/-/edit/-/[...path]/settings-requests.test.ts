import { describe, expect, it } from "vitest";
import { ACCESS_LEVELS, getDb, groupMembers } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { createProject, findProject } from "@/lib/projects";
import { defaultBranch, repositoryExists, repositoryPath } from "@/lib/repositories";
import { makeUser, unique } from "@/test/helpers/factories";
import { git } from "@/test/helpers/git-client";
import { changePathFromForm, deleteFromForm, setArchivedFromForm, updateGeneralFromForm } from "./settings-requests";

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.append(key, value);
  return data;
};

async function setup() {
  const owner = await makeUser();
  const group = await createGroup(owner, { name: unique("G"), path: unique("g"), visibility: "internal" });
  const project = await createProject(owner, { name: "Settings", path: "settings-proj", namespaceId: group.id, visibility: "private", initializeWithReadme: true });
  const maintainer = await makeUser();
  await getDb().insert(groupMembers).values({ groupId: group.id, userId: maintainer.id, accessLevel: ACCESS_LEVELS.maintainer });
  return { owner, group, project, maintainer, id: String(project.id) };
}

describe("the project settings forms", () => {
  it("saves the general settings, moving HEAD to the chosen default branch", async () => {
    const { owner, project, id } = await setup();
    const repo = repositoryPath(project.id, "project");
    await git(repo, ["branch", "develop", "main"]);
    const saved = await updateGeneralFromForm(owner, form({ project_id: id, name: "Renamed", topics: "go, web,Go", description: "New text", visibility: "internal", default_branch: "develop" }));
    // The page loads again, for its header and tabs to show the new name and branch.
    expect(saved).toMatchObject({ success: "Project 'Renamed' was successfully updated.", location: `/${project.fullPath}/-/edit?updated=general` });
    expect(await findProject(owner, project.id)).toMatchObject({ name: "Renamed", topics: ["go", "web"], description: "New text", visibility: "internal", defaultBranch: "develop" });
    expect(await defaultBranch(repo)).toBe("develop");
  });

  it("shows refusals beside their field, keeps visibility an Owner's, and a branch the repository lacks changes nothing", async () => {
    const { owner, maintainer, project, id } = await setup();
    expect(await updateGeneralFromForm(owner, form({ project_id: id, name: "Open", visibility: "public" }))).toMatchObject({
      fieldErrors: { visibility: "Visibility level public is not allowed in a internal group." },
      values: { name: "Open", visibility: "public" },
    });
    expect(await updateGeneralFromForm(owner, form({ project_id: id, name: "(bad)" }))).toMatchObject({ fieldErrors: { name: expect.stringMatching(/^Name can contain only/) } });
    expect(await updateGeneralFromForm(owner, form({ project_id: id, name: "Kept", default_branch: "nope" }))).toMatchObject({ error: "Could not set the default branch. Do you have a branch named 'nope'?" });
    expect((await findProject(owner, project.id))!.name).toBe("Settings");
    // A Maintainer's form has no visibility (the radios are disabled); sent anyway, it is refused.
    expect(await updateGeneralFromForm(maintainer, form({ project_id: id, name: "By maintainer" }))).toMatchObject({ success: expect.any(String) });
    expect(await updateGeneralFromForm(maintainer, form({ project_id: id, name: "By maintainer", visibility: "internal" }))).toMatchObject({ error: expect.stringMatching(/not allowed/) });
    // Someone who may not change the settings finds no project.
    const developer = await makeUser();
    await getDb().insert(groupMembers).values({ groupId: project.namespaceId, userId: developer.id, accessLevel: ACCESS_LEVELS.developer });
    expect(await updateGeneralFromForm(developer, form({ project_id: id, name: "Dev" }))).toEqual({ error: "Project not found, or you may no longer change its settings." });
  });

  it("changes the path, refusing a taken or reserved one", async () => {
    const { owner, group, id } = await setup();
    await createProject(owner, { name: "Other", path: "other", namespaceId: group.id });
    expect(await changePathFromForm(owner, form({ project_id: id, path: "other" }))).toMatchObject({ state: { fieldErrors: { path: "Path has already been taken" } } });
    expect(await changePathFromForm(owner, form({ project_id: id, path: "tree" }))).toMatchObject({ state: { fieldErrors: { path: "Path tree is a reserved name" } } });
    expect(await changePathFromForm(owner, form({ project_id: id, path: "moved" }))).toEqual({ fullPath: `${group.fullPath}/moved` });
  });

  it("archives and unarchives for an Owner only", async () => {
    const { owner, maintainer, project, id } = await setup();
    expect(await setArchivedFromForm(maintainer, form({ project_id: id, archived: "true" }))).toMatchObject({ error: expect.stringMatching(/not allowed/) });
    expect(await setArchivedFromForm(owner, form({ project_id: id, archived: "true" }))).toMatchObject({ success: expect.stringMatching(/archived/), location: `/${project.fullPath}/-/edit?updated=archived` });
    expect((await findProject(owner, project.id))!.archived).toBe(true);
    expect(await setArchivedFromForm(owner, form({ project_id: id, archived: "false" }))).toMatchObject({ success: "The project was unarchived." });
    expect((await findProject(owner, project.id))!.archived).toBe(false);
  });

  it("deletes the project once its full path is typed, for an Owner only, and goes to its group", async () => {
    const { owner, maintainer, group, project, id } = await setup();
    expect(await deleteFromForm(owner, form({ project_id: id, confirm_path: "settings-proj" }))).toMatchObject({ state: { fieldErrors: { confirm_path: `Type ${project.fullPath} to confirm.` } } });
    expect(await deleteFromForm(maintainer, form({ project_id: id, confirm_path: project.fullPath }))).toMatchObject({ state: { error: expect.stringMatching(/not allowed/) } });
    expect(await deleteFromForm(owner, form({ project_id: id, confirm_path: project.fullPath }))).toEqual({ groupPath: group.fullPath });
    expect(await findProject(owner, project.id)).toBeUndefined();
    expect(await repositoryExists(project.id, "project")).toBe(false);
  });
});
