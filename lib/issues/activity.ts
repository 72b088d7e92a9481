import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { awardEmoji, getDb, labels, milestones, resourceLabelEvents, resourceMilestoneEvents, resourceStateEvents, users } from "@/lib/db";
import type { UserSummary } from "@/lib/groups";
import { userSummaryColumns as userColumns, withOwnerPaths, type Label, type MilestoneWithPath } from "@/lib/content";

interface Page {
  page: number;
  perPage: number;
}

export interface AwardRow {
  id: number;
  name: string;
  user: UserSummary;
  awardableId: number;
  awardableType: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface StateEventRow {
  id: number;
  issueId: number;
  state: string;
  user: UserSummary | null;
  createdAt: Date;
}

export interface LabelEventRow {
  id: number;
  issueId: number;
  action: "add" | "remove";
  label: Label | null;
  user: UserSummary | null;
  createdAt: Date;
}

export interface MilestoneEventRow {
  id: number;
  issueId: number;
  action: "add" | "remove";
  state: string;
  milestone: MilestoneWithPath | null;
  user: UserSummary | null;
  createdAt: Date;
}

async function counted<T>(table: PgTable, where: SQL, rows: Promise<T[]>): Promise<{ rows: T[]; total: number }> {
  const [list, [count]] = await Promise.all([rows, getDb().select({ total: sql<number>`count(*)::int` }).from(table).where(where)]);
  return { rows: list, total: count?.total ?? 0 };
}

const paged = (page: Page) => ({ limit: page.perPage, offset: (page.page - 1) * page.perPage });

/** An issue's award emoji, oldest first (GitLab's award_emoji API). */
export function listIssueAwards(issueId: number, page: Page): Promise<{ rows: AwardRow[]; total: number }> {
  const where = and(eq(awardEmoji.awardableType, "Issue"), eq(awardEmoji.awardableId, issueId))!;
  const { limit, offset } = paged(page);
  return counted(
    awardEmoji,
    where,
    getDb()
      .select({ id: awardEmoji.id, name: awardEmoji.name, user: userColumns, awardableId: awardEmoji.awardableId, awardableType: awardEmoji.awardableType, createdAt: awardEmoji.createdAt, updatedAt: awardEmoji.updatedAt })
      .from(awardEmoji)
      .innerJoin(users, eq(users.id, awardEmoji.userId))
      .where(where)
      .orderBy(asc(awardEmoji.id))
      .limit(limit)
      .offset(offset),
  );
}

// Resource events of one issue, oldest first as GitLab's resource event APIs list them (each by its issue index).
export function listIssueStateEvents(issueId: number, page: Page): Promise<{ rows: StateEventRow[]; total: number }> {
  const where = eq(resourceStateEvents.issueId, issueId);
  const { limit, offset } = paged(page);
  return counted(
    resourceStateEvents,
    where,
    getDb()
      .select({ id: resourceStateEvents.id, issueId: sql<number>`${resourceStateEvents.issueId}`, state: resourceStateEvents.state, user: userColumns, createdAt: resourceStateEvents.createdAt })
      .from(resourceStateEvents)
      .leftJoin(users, eq(users.id, resourceStateEvents.userId))
      .where(where)
      .orderBy(asc(resourceStateEvents.createdAt), asc(resourceStateEvents.id))
      .limit(limit)
      .offset(offset),
  );
}

export function listIssueLabelEvents(issueId: number, page: Page): Promise<{ rows: LabelEventRow[]; total: number }> {
  const where = eq(resourceLabelEvents.issueId, issueId);
  const { limit, offset } = paged(page);
  return counted(
    resourceLabelEvents,
    where,
    getDb()
      .select({ id: resourceLabelEvents.id, issueId: sql<number>`${resourceLabelEvents.issueId}`, action: resourceLabelEvents.action, label: labels, user: userColumns, createdAt: resourceLabelEvents.createdAt })
      .from(resourceLabelEvents)
      .leftJoin(users, eq(users.id, resourceLabelEvents.userId))
      .leftJoin(labels, eq(labels.id, resourceLabelEvents.labelId))
      .where(where)
      .orderBy(asc(resourceLabelEvents.createdAt), asc(resourceLabelEvents.id))
      .limit(limit)
      .offset(offset),
  );
}

export async function listIssueMilestoneEvents(issueId: number, page: Page): Promise<{ rows: MilestoneEventRow[]; total: number }> {
  const where = eq(resourceMilestoneEvents.issueId, issueId);
  const { limit, offset } = paged(page);
  const { rows, total } = await counted(
    resourceMilestoneEvents,
    where,
    getDb()
      .select({
        id: resourceMilestoneEvents.id,
        issueId: sql<number>`${resourceMilestoneEvents.issueId}`,
        action: resourceMilestoneEvents.action,
        state: resourceMilestoneEvents.state,
        milestone: milestones,
        user: userColumns,
        createdAt: resourceMilestoneEvents.createdAt,
      })
      .from(resourceMilestoneEvents)
      .leftJoin(users, eq(users.id, resourceMilestoneEvents.userId))
      .leftJoin(milestones, eq(milestones.id, resourceMilestoneEvents.milestoneId))
      .where(where)
      .orderBy(asc(resourceMilestoneEvents.createdAt), asc(resourceMilestoneEvents.id))
      .limit(limit)
      .offset(offset),
  );
  const paths = await withOwnerPaths(rows.flatMap((row) => (row.milestone ? [row.milestone] : [])));
  return { rows: rows.map((row) => ({ ...row, milestone: row.milestone ? paths.get(row.milestone.id)! : null })), total };
}
