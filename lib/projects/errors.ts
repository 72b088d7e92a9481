/** The attributes a refusal can name, as GitLab's validation errors key them (`{"message": {"path": [...]}}`). */
export type ProjectField = "name" | "path" | "namespace" | "visibility_level" | "description" | "default_branch" | "topics" | "base";

const LABELS: Record<ProjectField, string> = {
  name: "Name",
  path: "Path",
  namespace: "Namespace",
  visibility_level: "Visibility level",
  description: "Description",
  default_branch: "Default branch",
  topics: "Topics",
  base: "",
};

/**
 * A refusal the user can act on. `detail` is GitLab's wording on the attribute ("has already been taken"), what the
 * API answers under the field; `message` the whole sentence ("Path has already been taken") for pages and logs.
 * `status`: 400 for invalid input, 403 when the user may not, 404 when what is named does not exist for them.
 */
export class ProjectError extends Error {
  constructor(
    public readonly field: ProjectField,
    public readonly detail: string,
    public readonly status: 400 | 403 | 404 = 400,
  ) {
    super(field === "base" ? detail : `${LABELS[field]} ${detail}`);
  }
}
