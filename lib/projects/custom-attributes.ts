import { and, asc, eq } from "drizzle-orm";
import { getDb, projectCustomAttributes } from "@/lib/db";

export interface CustomAttribute {
  key: string;
  value: string;
}

/** The project's custom attributes, by key (GET /projects/:id/custom_attributes, which only administrators may call). */
export async function listCustomAttributes(projectId: number): Promise<CustomAttribute[]> {
  return getDb()
    .select({ key: projectCustomAttributes.key, value: projectCustomAttributes.value })
    .from(projectCustomAttributes)
    .where(eq(projectCustomAttributes.projectId, projectId))
    .orderBy(asc(projectCustomAttributes.key));
}

export async function findCustomAttribute(projectId: number, key: string): Promise<CustomAttribute | undefined> {
  const [row] = await getDb()
    .select({ key: projectCustomAttributes.key, value: projectCustomAttributes.value })
    .from(projectCustomAttributes)
    .where(and(eq(projectCustomAttributes.projectId, projectId), eq(projectCustomAttributes.key, key)));
  return row;
}
