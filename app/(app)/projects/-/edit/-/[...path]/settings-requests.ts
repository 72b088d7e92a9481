import type { ActionState } from "@/lib/forms";
import { formValues } from "@/lib/forms";
import { VISIBILITIES, type Visibility } from "@/lib/db";
import { canAdminProject, deleteProject, findProject, ProjectError, setArchived, updateProject, type ProjectChanges, type ProjectField, type ProjectWithAccess } from "@/lib/projects";
import type { PublicUser } from "@/lib/users";
import { projectPageUrl } from "@/components/projects/project-urls";

/**
 * The settings page's forms, each a function of the user and the submitted form (the actions are these plus a
 * redirect). Every one finds the project again by the id the form carries and leaves the checks to
 * lib/projects: a form kept open after the user lost their role is refused like any other request.
 */

const text = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === "string" ? value : undefined;
};

/** What the page says after a change that loaded it again (`?updated=`). */
export function updatedNotice(updated: string | undefined, projectName: string): string | undefined {
  if (updated === "general") return `Project '${projectName}' was successfully updated.`;
  if (updated === "archived") return "The project was archived: it is read-only now.";
  if (updated === "unarchived") return "The project was unarchived.";
  return undefined;
}

const NOT_FOUND: ActionState = { error: "Project not found, or you may no longer change its settings." };

async function projectOf(user: PublicUser, form: FormData): Promise<ProjectWithAccess | undefined> {
  const id = Number(text(form, "project_id"));
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  const project = await findProject(user, id);
  return project && canAdminProject(user, project) ? project : undefined;
}

/** A refusal shown beside its field when the form has one (`fields`: the form's name for each attribute). */
function refusal(error: unknown, fields: Partial<Record<ProjectField, string>>, values: Record<string, string>): ActionState {
  if (!(error instanceof ProjectError)) throw error;
  if (error.status === 403) return { error: "You are not allowed to make this change: it needs a higher role in the project.", values };
  const field = fields[error.field];
  return field ? { fieldErrors: { [field]: error.message }, values } : { error: error.message, values };
}

/** General: name, topics, description, visibility (sent only when the user may change it) and default branch. */
export async function updateGeneralFromForm(user: PublicUser, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const project = await projectOf(user, form);
  if (!project) return NOT_FOUND;
  const changes: ProjectChanges = { name: text(form, "name") ?? project.name, description: text(form, "description") ?? project.description, topics: [text(form, "topics") ?? ""] };
  const visibility = text(form, "visibility");
  if (visibility !== undefined) {
    if (!(VISIBILITIES as readonly string[]).includes(visibility)) return { fieldErrors: { visibility: "Choose a visibility level." }, values };
    changes.visibility = visibility as Visibility;
  }
  const branch = text(form, "default_branch");
  if (branch) changes.defaultBranch = branch;
  try {
    const updated = await updateProject(user, project, changes);
    // The header and the tabs show the name and the default branch: the page loads again and says what happened.
    return { success: updatedNotice("general", updated.name), location: `${projectPageUrl(updated.fullPath, "edit")}?updated=general` };
  } catch (error) {
    return refusal(error, { name: "name", description: "description", topics: "topics", visibility_level: "visibility", default_branch: "default_branch" }, values);
  }
}

/** Advanced → Change path: the project's new address, or why not. */
export async function changePathFromForm(user: PublicUser, form: FormData): Promise<{ fullPath: string } | { state: ActionState }> {
  const values = formValues(form);
  const project = await projectOf(user, form);
  if (!project) return { state: NOT_FOUND };
  const path = (text(form, "path") ?? "").trim();
  if (path === project.path) return { state: { fieldErrors: { path: "This is already the project's path." }, values } };
  try {
    return { fullPath: (await updateProject(user, project, { path })).fullPath };
  } catch (error) {
    return { state: refusal(error, { path: "path" }, values) };
  }
}

/** Advanced → Archive or Unarchive (an Owner's): `archived` says which. */
export async function setArchivedFromForm(user: PublicUser, form: FormData): Promise<ActionState> {
  const project = await projectOf(user, form);
  if (!project) return NOT_FOUND;
  const archived = text(form, "archived") === "true";
  try {
    await setArchived(user, project, archived);
  } catch (error) {
    return refusal(error, {}, {});
  }
  const updated = archived ? "archived" : "unarchived";
  return { success: updatedNotice(updated, project.name), location: `${projectPageUrl(project.fullPath, "edit")}?updated=${updated}` };
}

/**
 * Advanced → Delete project (an Owner's), confirmed by typing the project's full path, as GitLab asks. Where to go
 * afterwards: the group the project was in.
 */
export async function deleteFromForm(user: PublicUser, form: FormData): Promise<{ groupPath: string } | { state: ActionState }> {
  const values = formValues(form);
  const project = await projectOf(user, form);
  if (!project) return { state: NOT_FOUND };
  if ((text(form, "confirm_path") ?? "").trim() !== project.fullPath) return { state: { fieldErrors: { confirm_path: `Type ${project.fullPath} to confirm.` }, values } };
  try {
    await deleteProject(user, project);
  } catch (error) {
    return { state: refusal(error, {}, values) };
  }
  return { groupPath: project.namespace.fullPath };
}
