"use server";

import { z } from "zod";
import { currentUser } from "@/lib/auth";
import { canFetchRepository, findProject } from "@/lib/projects";
import { refNames, repositoryPath, type RefNames } from "@/lib/repositories";

const input = z.object({ fullPath: z.string().min(1).max(1000), search: z.string().max(255) });

const NONE: RefNames = { branches: [], tags: [], branchTotal: 0, tagTotal: 0 };

/**
 * The ref switcher's search (GitLab's `/refs?search=`): branch and tag names of a project whose code the user may
 * read, 20 of each. Nothing at all for anyone else, as for a project that does not exist.
 */
export async function searchRefs(fullPath: string, search: string): Promise<RefNames> {
  const parsed = input.safeParse({ fullPath, search });
  if (!parsed.success) return NONE;
  const user = await currentUser();
  const project = user ? await findProject(user, parsed.data.fullPath) : undefined;
  if (!user || !project || !canFetchRepository(user, project, "project")) return NONE;
  return refNames(repositoryPath(project.id, "project"), { search: parsed.data.search, limit: 20 });
}
