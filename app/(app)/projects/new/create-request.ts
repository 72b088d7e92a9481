import type { ActionState } from "@/lib/forms";
import { formValues } from "@/lib/forms";
import { ACCESS_LEVELS, VISIBILITIES, type Visibility } from "@/lib/db";
import { listGroups, type GroupWithAccess } from "@/lib/groups";
import { canCreateProjectIn, createProject, ProjectError, type ProjectField } from "@/lib/projects";
import type { PublicUser } from "@/lib/users";

/** The form's name for each attribute a ProjectError can name; the rest are the form's own error. */
const FORM_FIELDS: Partial<Record<ProjectField, string>> = { name: "name", path: "path", namespace: "namespace_id", visibility_level: "visibility", description: "description" };

const text = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === "string" ? value : "";
};

/**
 * The "New project" form's submission: the project made, or what to show again with the errors per field (GitLab's
 * wording: "Path has already been taken", "Path edit is a reserved name"...).
 */
export async function createProjectFromForm(user: PublicUser, form: FormData): Promise<{ fullPath: string } | { state: ActionState }> {
  const values = formValues(form);
  const namespaceId = Number(text(form, "namespace_id"));
  if (!Number.isSafeInteger(namespaceId) || namespaceId <= 0) return { state: { fieldErrors: { namespace_id: "Choose a group for the project." }, values } };
  const visibility = text(form, "visibility");
  if (!(VISIBILITIES as readonly string[]).includes(visibility)) return { state: { fieldErrors: { visibility: "Choose a visibility level." }, values } };
  try {
    const project = await createProject(user, {
      name: text(form, "name").trim(),
      path: text(form, "path").trim(),
      namespaceId,
      visibility: visibility as Visibility,
      description: text(form, "description"),
      initializeWithReadme: form.get("initialize_with_readme") === "on",
    });
    return { fullPath: project.fullPath };
  } catch (error) {
    if (!(error instanceof ProjectError)) throw error;
    const field = FORM_FIELDS[error.field];
    return { state: field ? { fieldErrors: { [field]: error.message }, values } : { error: error.message, values } };
  }
}

/**
 * The groups the user may create a project in (GitLab's create_projects: the group's project_creation_level, Developers
 * and up by default; administrators anywhere), by full path; the first 100, which is as many as a select can offer.
 */
export async function creatableNamespaces(user: PublicUser): Promise<GroupWithAccess[]> {
  const { rows } = await listGroups(user, { minAccessLevel: user.isAdmin ? undefined : ACCESS_LEVELS.developer, orderBy: "path", page: 1, perPage: 100 });
  return rows.filter((group) => canCreateProjectIn(user, group)).sort((a, b) => a.fullPath.localeCompare(b.fullPath));
}
