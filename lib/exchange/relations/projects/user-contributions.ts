import { asc, eq, inArray, sql } from "drizzle-orm";
import { ciBuilds, ciPipelines, getDb, notes, pipelineSchedules, projectMembers, users } from "@/lib/db";
import type { CollectionRelation } from "../support/types";

/** The users a project's stored records point at: its members, its pipeline schedules' owners, who ran its pipelines and jobs, who commented on its commits. */
const contributors = (projectId: number) =>
  sql`(SELECT ${projectMembers.userId} AS user_id FROM ${projectMembers} WHERE ${eq(projectMembers.projectId, projectId)}
       UNION SELECT ${pipelineSchedules.ownerId} FROM ${pipelineSchedules} WHERE ${eq(pipelineSchedules.projectId, projectId)} AND ${pipelineSchedules.ownerId} IS NOT NULL
       UNION SELECT ${ciPipelines.userId} FROM ${ciPipelines} WHERE ${eq(ciPipelines.projectId, projectId)} AND ${ciPipelines.userId} IS NOT NULL
       UNION SELECT ${ciBuilds.userId} FROM ${ciBuilds} WHERE ${eq(ciBuilds.projectId, projectId)} AND ${ciBuilds.userId} IS NOT NULL
       UNION SELECT ${notes.authorId} FROM ${notes} WHERE ${eq(notes.projectId, projectId)} AND ${notes.commitId} IS NOT NULL AND ${notes.authorId} IS NOT NULL)`;

/**
 * Every user who contributed to the project, so that an importer can map them all before the records that point at
 * them: as GitLab writes them, the id that the other relations name the user by, then import_export.yml's
 * `user_contributions: [public_email, username, name]`. Ferry keeps no public email (an account's email is private,
 * and GitLab never exports that one): null, so importers make placeholders of them, as for members.
 */
export const userContributionsRelation: CollectionRelation = {
  kind: "collection",
  name: "user_contributions",
  async ids(projectId) {
    const { rows } = await getDb().execute<{ user_id: number }>(sql`SELECT user_id FROM ${contributors(projectId)} AS c ORDER BY user_id`);
    return rows.map((row) => Number(row.user_id));
  },
  async records(projectId, ids) {
    if (ids.length === 0) return [];
    const { rows } = await getDb().execute<{ user_id: number }>(sql`SELECT user_id FROM ${contributors(projectId)} AS c`);
    const still = new Set(rows.map((row) => Number(row.user_id)));
    const wanted = ids.filter((id) => still.has(id));
    if (wanted.length === 0) return [];
    const found = await getDb().select({ id: users.id, username: users.username, name: users.name }).from(users).where(inArray(users.id, wanted)).orderBy(asc(users.id));
    return found.map((user) => ({ id: user.id, public_email: null, username: user.username, name: user.name }));
  },
};
