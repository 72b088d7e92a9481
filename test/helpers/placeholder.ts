import { getDb } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { createProject } from "@/lib/projects";
import { mapSourceUser } from "@/lib/users";
import { makeUser, unique } from "./factories";

const SOURCE = "https://gitlab.example.com";
let nextId = 3_000_000 + Math.floor(Math.random() * 3_000_000);

/** A root group of a fresh owner, as an import from GitLab made it, with a placeholder for one source user, Ada. */
export async function groupWithPlaceholder() {
  const owner = await makeUser();
  const group = await createGroup(owner, { name: unique("Root"), path: unique("root") });
  const ada = { id: nextId++, username: unique("ada"), name: "Ada", publicEmail: null };
  const placeholder = await getDb().transaction((tx) => mapSourceUser(tx, { sourceUrl: SOURCE, rootGroupId: group.id, sourceUser: ada }));
  return { owner, group, placeholder };
}

/** The same, with a project in the group: what imported issues and merge requests belong to. */
export async function projectWithPlaceholder() {
  const imported = await groupWithPlaceholder();
  const project = await createProject(imported.owner, { name: "App", namespaceId: imported.group.id });
  return { ...imported, project };
}
