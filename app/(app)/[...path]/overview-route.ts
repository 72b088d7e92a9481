import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { projectUrl } from "@/components/projects/project-urls";
import { findGroup } from "@/lib/groups";
import { findProject } from "@/lib/projects";
import type { ProjectParams } from "../projects/project-route";
import { requireUser } from "../require-user";
import { fullPathOf } from "../route-params";

/**
 * `/<full path>`, the root catch-all: any URL no other route takes. A project's path is its overview (in its canonical
 * case, and `<path>.git` in a browser is the project, as on GitLab); a group's goes to `/groups/<path>`, where Ferry
 * shows groups; anything else, `/-/` pages no route has included, is not found.
 */

/** Once a request, though the layout, the page and the metadata each ask. */
const lookUp = cache(async (fullPath: string) => {
  const user = await requireUser();
  const project = (await findProject(user, fullPath)) ?? (fullPath.endsWith(".git") ? await findProject(user, fullPath.slice(0, -4)) : undefined);
  const group = project ? undefined : await findGroup(user, fullPath);
  return { user, project, group };
});

/** The signed-in user and the project at the route's path; a redirect for a group or another spelling; else 404. */
export async function overviewRoute(params: Promise<ProjectParams>) {
  const fullPath = fullPathOf((await params).path);
  if (fullPath === undefined) notFound();
  const { user, project, group } = await lookUp(fullPath);
  if (project) {
    if (project.fullPath !== fullPath) redirect(projectUrl(project.fullPath));
    return { user, project };
  }
  if (group) redirect(`/groups/${group.fullPath}`);
  notFound();
}
