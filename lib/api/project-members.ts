import { findProject, listProjectMembers } from "@/lib/projects";
import { membersRoute } from "./members";

/** GET /projects/:id/members (the project's own) and /members/all (with those of its group and the group's ancestors). */
export function projectMembersRoute(scope: "direct" | "all") {
  return membersRoute({
    find: findProject,
    missing: "Project Not",
    list: (project, options) => listProjectMembers(project, { ...options, inherited: scope === "all" }),
  });
}
