import { apiRoute, notFound, projectListJson, projectListParams } from "@/lib/api";
import { findGroup } from "@/lib/groups";
import { listProjects } from "@/lib/projects";

/**
 * GET /groups/:id/projects: the group's projects (with `include_subgroups`, its descendants' too), public as on
 * GitLab, in the Project entity (the short one with `simple=true`). Ferry shares no projects with groups, so
 * `with_shared` changes nothing.
 */
export const GET = apiRoute<{ id: string }>("public", async ({ request, url, viewer, params }) => {
  const { page, filters, simple, flags } = projectListParams(url.searchParams, ["include_subgroups", "with_shared", "include_ancestor_groups", "with_security_reports"]);
  const group = await findGroup(viewer, params.id);
  if (!group) return notFound("Group Not");
  const listed = await listProjects(viewer, { ...filters, namespaceId: group.id, includeSubgroups: flags.include_subgroups ?? false });
  return projectListJson(request, viewer, listed, page, simple ? "basic" : "project");
});
