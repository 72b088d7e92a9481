import { and, eq, inArray, sql } from "drizzle-orm";
import type { Owner } from "@/lib/content";
import { groupMembers, projectMembers, type Tx } from "@/lib/db";
import { mapSourceUser, type SourceUserInput } from "@/lib/users";
import { RecordError } from "../../errors";
import { fetchSourceUsers, storedSourceUserNames } from "../../source-users";
import { ownerOf, ownerScope } from "../support/owner";
import { optionalDate, optionalTimestamp } from "../support/record-fields";
import type { NdjsonPipeline } from "../support/types";
import { sourceWebUrl } from "../support/source-urls";
import { readMembersByGraphql } from "./members-graphql";

// Gitlab::Access.options_with_owner plus Minimal access and Planner, which newer sources export.
const ACCESS_LEVELS = new Set([5, 10, 15, 20, 30, 40, 50]);

interface MemberRow {
  sourceUser: SourceUserInput;
  accessLevel: number;
  expiresAt: string | null;
  createdAt: Date | undefined;
}

function sourceUserOf(record: Record<string, unknown>): SourceUserInput {
  const user = record.user;
  if (!user || typeof user !== "object" || Array.isArray(user)) throw new RecordError("user can't be blank");
  const { id, username, name, public_email: publicEmail, email } = user as Record<string, unknown>;
  if (typeof id !== "number" || !Number.isInteger(id)) throw new RecordError("user id must be an integer");
  if (typeof username !== "string" || username.trim() === "") throw new RecordError("user username can't be blank");
  const mail = typeof publicEmail === "string" && publicEmail ? publicEmail : typeof email === "string" && email ? email : null;
  return { id, username, name: typeof name === "string" && name ? name : null, publicEmail: mail };
}

interface Membership {
  userId: number;
  accessLevel: number;
  expiresAt: string | null;
  createdById: number;
  createdAt: Date | undefined;
}

/** A membership of the owner unless the user has one already: a group's in group_members, a project's in project_members. */
async function addMembership(tx: Tx, owner: Owner, membership: Membership): Promise<void> {
  if (owner.groupId !== undefined) {
    await tx
      .insert(groupMembers)
      .values({ groupId: owner.groupId, ...membership })
      .onConflictDoNothing({ target: [groupMembers.groupId, groupMembers.userId] });
  } else {
    await tx
      .insert(projectMembers)
      .values({ projectId: owner.projectId, ...membership })
      .onConflictDoNothing({ target: [projectMembers.projectId, projectMembers.userId] });
  }
}

/**
 * Stage 1: the owner's direct members from the `members` export (`members: [:user]`, the user as id, public_email and
 * username), or for a project from GraphQL in the same shape. Each source user maps to a local account by confirmed email or to a placeholder of the top-level group.
 * Like GitLab's MembersPipeline, the importing user is left alone (they stay Owner) and a member who already has an
 * equal or higher role through a parent group (a project's: its group or above) gets no direct membership. Re-runs
 * insert nothing twice: an owner has at most one membership per user, and the mapping of a source user is stable.
 */
export const membersPipeline: NdjsonPipeline<MemberRow> = {
  kind: "ndjson",
  relation: "members",
  // Into an existing project (a relation import) the members only say who the archive's users are, as GitLab's
  // MembersMapper does for its relation import: authors map to the accounts they name, and no membership is added.
  applies: (entity) => entity.migrateMemberships || entity.skipExistingIids === true,
  transform(record) {
    const accessLevel = record.access_level;
    if (typeof accessLevel !== "number" || !ACCESS_LEVELS.has(accessLevel)) throw new RecordError("access_level is not included in the list");
    return {
      sourceUser: sourceUserOf(record),
      accessLevel,
      expiresAt: optionalDate(record, "expires_at"),
      createdAt: optionalTimestamp(record, "created_at"),
    };
  },
  async load(tx, rows, entity) {
    const owner = ownerOf(entity);
    const { groupIds } = await ownerScope(tx, owner);
    const rootGroupId = groupIds[0]!;
    // The groups whose memberships it inherits: a group's ancestors, a project's group and the group's ancestors.
    const ancestors = owner.groupId !== undefined ? groupIds.slice(0, -1) : groupIds;
    // One order for every transaction, so concurrent entities of one top-level group cannot deadlock on the mappings.
    const sorted = [...rows].sort((a, b) => a.sourceUser.id - b.sourceUser.id);
    // The export has no names; `prepare` asked the source for them, so that placeholders carry the person's name.
    const names = await storedSourceUserNames(tx, entity.sourceUrl, sorted.map((row) => row.sourceUser.id));
    for (const row of sorted) {
      const sourceUser = Object.assign({}, row.sourceUser, { name: row.sourceUser.name ?? names.get(row.sourceUser.id) ?? null });
      const userId = await mapSourceUser(tx, { sourceUrl: entity.sourceUrl, rootGroupId, sourceUser });
      if (userId === entity.userId || entity.skipExistingIids) continue;
      if (ancestors.length > 0) {
        const [inherited] = await tx
          .select({ level: sql<number | null>`max(${groupMembers.accessLevel})` })
          .from(groupMembers)
          .where(and(eq(groupMembers.userId, userId), inArray(groupMembers.groupId, ancestors), sql`(${groupMembers.expiresAt} IS NULL OR ${groupMembers.expiresAt} > current_date)`));
        if ((inherited?.level ?? 0) >= row.accessLevel) continue;
      }
      await addMembership(tx, owner, { userId, accessLevel: row.accessLevel, expiresAt: row.expiresAt, createdById: entity.userId, createdAt: row.createdAt });
    }
  },
  // Only names the record lacks are asked for (GraphQL gives them, the export does not).
  prepare: (rows, { entity, client }) => fetchSourceUsers(client, entity, rows.flatMap((row) => (row.sourceUser.name ? [] : [row.sourceUser]))),
  titleOf: (record) => {
    const user = record.user as { username?: unknown } | undefined;
    return typeof user?.username === "string" ? user.username : undefined;
  },
  sourceUrlOf: (_record, entity) => sourceWebUrl(entity, entity.portable === "group" ? "group_members" : "project_members"),
};

/**
 * A project's members: the same pipeline, its records read from the source's GraphQL API, since direct transfer
 * exports no project members (GitLab's MembersPipeline asks GraphQL for projects too).
 */
export const projectMembersPipeline: NdjsonPipeline<MemberRow> = Object.assign({}, membersPipeline, { read: readMembersByGraphql });
