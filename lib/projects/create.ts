import { ACCESS_LEVELS, getDb, projectMembers, projects, type Tx, type Visibility } from "@/lib/db";
import { findGroup, lockNamespacePaths, projectPathFromName, type GroupWithAccess } from "@/lib/groups";
import { logger } from "@/lib/log";
import { createRepository, removeRepository } from "@/lib/repositories";
import { getUserById } from "@/lib/users";
import type { Viewer } from "@/lib/viewer";
import { canCreateProjectIn } from "./abilities";
import { ProjectError } from "./errors";
import { checkDefaultBranch, checkDescription, checkName, checkPath, checkTopics, checkVisibility, claimPathAndName, keptSettings, uniqueViolation } from "./rules";
import { findProject, type ProjectWithAccess } from "./queries";
import { visibilityLevel } from "./visibility";

export interface NewProject {
  /** At least one of name and path: the name defaults to the path, the path is made from the name. */
  name?: string;
  path?: string;
  /** The group the project goes in (GitLab's namespace_id). */
  namespaceId: number;
  description?: string;
  visibility?: Visibility;
  defaultBranch?: string;
  topics?: string[];
  initializeWithReadme?: boolean;
  /** GitLab settings by REST name (see settings.ts): kept with the project's source attributes. */
  settings?: Record<string, unknown>;
}

export const DEFAULT_BRANCH = "main";

export interface CreateProjectOptions {
  /**
   * Runs in the creating transaction once the row and its repository exist: what must commit with the project or
   * not at all (an import recording which project it created, so that a replay finds it instead of making a second).
   */
  inTransaction?(tx: Tx, projectId: number): Promise<void>;
}

/**
 * Creates a project and its repository, or nothing: the row is inserted in a transaction that commits only once the
 * repository exists on disk, and a repository made for a transaction that then fails is removed again.
 */
export async function createProject(viewer: Viewer, input: NewProject, options: CreateProjectOptions = {}): Promise<ProjectWithAccess> {
  const name = (input.name ?? "").trim() || (input.path ?? "").trim();
  const path = (input.path ?? "").trim() || projectPathFromName(name);
  if (!name) throw new ProjectError("name", "can't be blank");
  checkName(name);
  checkPath(path);
  const description = input.description ?? "";
  checkDescription(description);
  const defaultBranch = input.defaultBranch?.trim() || DEFAULT_BRANCH;
  checkDefaultBranch(defaultBranch);
  const topics = checkTopics(input.topics ?? []);
  const namespace = await creatableNamespace(viewer, input.namespaceId);
  const visibility = input.visibility ?? "private";
  checkVisibility(visibility, namespace);

  const readme = input.initializeWithReadme ? await readmeFor(viewer, name, description) : undefined;
  let createdId: number | undefined;
  try {
    const id = await getDb().transaction(async (tx: Tx) => {
      await lockNamespacePaths(tx, namespace.id);
      await claimPathAndName(tx, namespace.id, { path, name });
      const [row] = await tx
        .insert(projects)
        .values({
          namespaceId: namespace.id,
          name,
          path,
          description,
          visibilityLevel: visibilityLevel(visibility),
          defaultBranch,
          topics,
          creatorId: viewer.anonymous ? null : viewer.id,
          sourceAttributes: keptSettings(input.settings),
        })
        .returning({ id: projects.id })
        .catch(uniqueViolation);
      createdId = row!.id;
      await addCreatorAsMaintainer(tx, viewer, namespace, row!.id);
      await createRepository(row!.id, { kind: "project", defaultBranch, readme });
      await options.inTransaction?.(tx, row!.id);
      return row!.id;
    });
    const created = await findProject(viewer, id);
    if (!created) throw new Error(`project ${id} was created but cannot be read back`);
    return created;
  } catch (error) {
    if (createdId !== undefined) await discardRepository(createdId);
    throw error;
  }
}

/**
 * The group named by namespace_id, if the viewer may create projects in it. GitLab answers an unknown group and one
 * the user may not create in alike, so that the answer does not tell whether a hidden group exists.
 */
async function creatableNamespace(viewer: Viewer, namespaceId: number): Promise<GroupWithAccess> {
  const group = await findGroup(viewer, namespaceId);
  if (!group || !canCreateProjectIn(viewer, group)) throw new ProjectError("namespace", "is not valid");
  return group;
}

/**
 * A member of the group below Maintainer who creates a project (a Developer, where the group's project_creation_level
 * lets Developers create) becomes its Maintainer, as on GitLab, so that the project's settings are theirs. Members
 * already Maintainer or above through the group keep only that; an administrator who is no member stays none.
 */
async function addCreatorAsMaintainer(tx: Tx, viewer: Viewer, namespace: GroupWithAccess, projectId: number): Promise<void> {
  if (viewer.anonymous || namespace.accessLevel === null || namespace.accessLevel >= ACCESS_LEVELS.maintainer) return;
  await tx.insert(projectMembers).values({ projectId, userId: viewer.id, accessLevel: ACCESS_LEVELS.maintainer, createdById: viewer.id });
}

/** GitLab's README for `initialize_with_readme`: the name as a title, then the description; by the creator. */
async function readmeFor(viewer: Viewer, name: string, description: string) {
  const user = await getUserById(viewer.id);
  if (!user) throw new ProjectError("base", "The user creating the project no longer exists.", 404);
  return {
    content: description ? `# ${name}\n\n${description}\n` : `# ${name}\n`,
    authorName: user.name,
    authorEmail: user.email,
    message: "Initial commit",
  };
}

async function discardRepository(projectId: number): Promise<void> {
  try {
    await removeRepository(projectId, "project");
  } catch (error) {
    // Nothing points at it any more; a later creation under this id cannot happen (ids are not reused).
    logger.error({ err: error, projectId }, "could not remove the repository of a project whose creation failed");
  }
}
