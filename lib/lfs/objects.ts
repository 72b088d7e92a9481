import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { getDb, lfsObjects, lfsObjectsProjects, type LfsRepositoryType } from "@/lib/db";

/** The object's row (made once the file is in place), made now if it is new; gives its id. */
export async function saveLfsObject(oid: string, size: number): Promise<number> {
  const db = getDb();
  const [inserted] = await db.insert(lfsObjects).values({ oid, size }).onConflictDoNothing({ target: lfsObjects.oid }).returning({ id: lfsObjects.id });
  if (inserted) return inserted.id;
  const [existing] = await db.select({ id: lfsObjects.id }).from(lfsObjects).where(eq(lfsObjects.oid, oid));
  return existing!.id;
}

/** Links an object to a project, once per repository type (null: untyped, as GitLab allows); existing links stay. */
export async function linkLfsObject(projectId: number, lfsObjectId: number, types: readonly (LfsRepositoryType | null)[], importEntityId: number | null = null): Promise<void> {
  if (types.length === 0) return;
  await getDb()
    .insert(lfsObjectsProjects)
    .values(types.map((repositoryType) => ({ projectId, lfsObjectId, repositoryType, importEntityId })))
    .onConflictDoNothing();
}

/** Which of these objects the project has, by oid, with their sizes. */
export async function projectLfsObjects(projectId: number, oids: readonly string[]): Promise<Map<string, number>> {
  if (oids.length === 0) return new Map();
  const rows = await getDb()
    .selectDistinct({ oid: lfsObjects.oid, size: lfsObjects.size })
    .from(lfsObjectsProjects)
    .innerJoin(lfsObjects, eq(lfsObjects.id, lfsObjectsProjects.lfsObjectId))
    .where(and(eq(lfsObjectsProjects.projectId, projectId), inArray(lfsObjects.oid, [...oids])));
  return new Map(rows.map((row) => [row.oid, row.size]));
}

export interface ProjectLfsObject {
  id: number;
  oid: string;
  size: number;
  types: (LfsRepositoryType | null)[];
}

/** A page of a project's objects after object id `after`, in id order, each with its repository types. */
export async function listProjectLfsObjects(projectId: number, after: number, limit: number): Promise<ProjectLfsObject[]> {
  return getDb()
    .select({
      id: lfsObjects.id,
      oid: lfsObjects.oid,
      size: lfsObjects.size,
      types: sql<(LfsRepositoryType | null)[]>`array_agg(${lfsObjectsProjects.repositoryType} ORDER BY ${lfsObjectsProjects.repositoryType} NULLS FIRST)`,
    })
    .from(lfsObjectsProjects)
    .innerJoin(lfsObjects, eq(lfsObjects.id, lfsObjectsProjects.lfsObjectId))
    .where(and(eq(lfsObjectsProjects.projectId, projectId), gt(lfsObjectsProjects.lfsObjectId, after)))
    .groupBy(lfsObjects.id)
    .orderBy(asc(lfsObjects.id))
    .limit(limit);
}
