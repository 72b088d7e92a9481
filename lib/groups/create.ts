import { eq } from "drizzle-orm";
import { z } from "zod";
import { ACCESS_LEVELS, getDb, groupMembers, groups, VISIBILITIES, type Visibility } from "@/lib/db";
import type { Viewer } from "@/lib/viewer";
import { VISIBILITY_RANK } from "./access";
import { lockNamespacePaths, projectPathTaken } from "./namespace-paths";
import { groupNameError, groupPathError } from "./path-rules";
import { findGroup, type Group } from "./queries";

export const newGroupSchema = z.object({
  name: z.string().trim().superRefine((name, ctx) => {
    const error = groupNameError(name);
    if (error) ctx.addIssue({ code: "custom", message: error });
  }),
  path: z.string().trim(),
  // Any integer: one that names no group is the 404 below, as GitLab answers an unknown parent_id.
  parentId: z.number().int().nullable().optional(),
  description: z.string().max(500, "Description is too long (maximum is 500 characters).").optional().default(""),
  visibility: z.enum(VISIBILITIES).optional().default("private"),
});
export type NewGroup = z.input<typeof newGroupSchema>;

/** A refusal the user can act on, with the field it concerns (for forms) and the HTTP status (for the API). */
export class GroupError extends Error {
  constructor(
    message: string,
    public readonly field: "name" | "path" | "parentId" | "visibility" | null,
    public readonly status: 400 | 403 | 404 | 409 = 400,
  ) {
    super(message);
  }
}

/** Owners and maintainers may create subgroups (GitLab's default subgroup_creation_level). */
export const SUBGROUP_CREATION_MIN_LEVEL = ACCESS_LEVELS.maintainer;

export function canCreateSubgroup(viewer: Viewer, accessLevel: number | null): boolean {
  return viewer.isAdmin || (accessLevel ?? 0) >= SUBGROUP_CREATION_MIN_LEVEL;
}

/** The visibility a group can have under a parent: never more open than the parent's. */
export function capVisibility(wanted: Visibility, parent: Visibility | null): Visibility {
  if (!parent) return wanted;
  return VISIBILITY_RANK[wanted] > VISIBILITY_RANK[parent] ? parent : wanted;
}

export interface CreateGroupOptions {
  /** Extra GitLab settings to keep (imports pass the source's). */
  settings?: Record<string, unknown>;
  /** Whether the creator becomes Owner (imports add members from the source instead, plus the importer). */
  addCreatorAsOwner?: boolean;
  /** A transaction to run inside, so that an import creates its group atomically with its own records. */
  tx?: Parameters<Parameters<ReturnType<typeof getDb>["transaction"]>[0]>[0];
}

export async function createGroup(viewer: Viewer, input: NewGroup, options: CreateGroupOptions = {}): Promise<Group> {
  const parsed = newGroupSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GroupError(issue.message, (issue.path[0] as "name" | "path" | "visibility") ?? null);
  }
  const data = parsed.data;
  let parent: Group | undefined;
  if (data.parentId !== null && data.parentId !== undefined) {
    const found = await findGroup(viewer, data.parentId);
    if (!found) throw new GroupError("Parent group not found.", "parentId", 404);
    if (!canCreateSubgroup(viewer, found.accessLevel)) {
      throw new GroupError("You don't have permission to create a subgroup in this group.", "parentId", 403);
    }
    parent = found;
  }
  const pathError = groupPathError(data.path, !parent);
  if (pathError) throw new GroupError(pathError, "path");
  if (parent && VISIBILITY_RANK[data.visibility] > VISIBILITY_RANK[parent.visibility]) {
    throw new GroupError(`Visibility level ${data.visibility} is not allowed: the parent group is ${parent.visibility}.`, "visibility");
  }
  const fullPath = parent ? `${parent.fullPath}/${data.path}` : data.path;
  const fullName = parent ? `${parent.fullName} / ${data.name}` : data.name;

  const taken = () => new GroupError(`The path "${fullPath}" has already been taken.`, "path", 409);
  const run = async (tx: NonNullable<CreateGroupOptions["tx"]>) => {
    if (parent) {
      await lockNamespacePaths(tx, parent.id);
      // A project of the parent's at this path would make `parent/path` name two things.
      if (await projectPathTaken(tx, parent.id, data.path)) throw taken();
    }
    // A savepoint, so that a taken path inside a caller's transaction can be reported without aborting it.
    const created = await tx.transaction(async (inner) => {
      const [row] = await inner
        .insert(groups)
        .values({
          parentId: parent?.id ?? null,
          name: data.name,
          path: data.path,
          fullPath,
          fullName,
          description: data.description,
          visibility: data.visibility,
          settings: options.settings ?? {},
        })
        .onConflictDoNothing()
        .returning();
      return row;
    });
    if (!created) throw taken();
    const [withIds] = await tx
      .update(groups)
      .set({ traversalIds: [...(parent?.traversalIds ?? []), created.id] })
      .where(eq(groups.id, created.id))
      .returning();
    if (options.addCreatorAsOwner !== false) {
      await tx.insert(groupMembers).values({ groupId: created.id, userId: viewer.id, accessLevel: ACCESS_LEVELS.owner, createdById: viewer.id });
    }
    return withIds!;
  };
  return options.tx ? run(options.tx) : getDb().transaction(run);
}
