import { canAdminGroup, findGroup } from "@/lib/groups";
import { canAdminProject, findProject } from "@/lib/projects";
import type { Viewer } from "@/lib/viewer";
import { getSettings } from "@/lib/settings";
import type { PortableKind } from "@/lib/relations";

export interface Portable {
  kind: PortableKind;
  id: number;
  fullPath: string;
}

/** Why a portable cannot be exported by this user, as GitLab answers it: status and `{"message": ...}`. */
export interface ExportRefusal {
  status: 403 | 404;
  message: string;
}

export type PortableLookup = { portable: Portable } | { refusal: ExportRefusal };

/** The administrator's switch for the kind of export: direct transfer's relation exports, or export files. */
export type ExportSetting = "directTransferEnabled" | "fileExportEnabled";

const notFound = (what: string): ExportRefusal => ({ status: 404, message: `404 ${what} Found` });

/**
 * The group or project a user may export, checked in GitLab's order. Groups (lib/api/group_export.rb): unknown or
 * invisible 404 "Group Not Found", not Owner (nor admin) 403, direct transfer off 404. Projects
 * (lib/api/project_export.rb) check the setting first, then find the project. `enabledBy` names the setting that turns
 * this kind of export off.
 */
export async function findExportable(kind: PortableKind, viewer: Viewer, idOrPath: string, enabledBy: ExportSetting = "directTransferEnabled"): Promise<PortableLookup> {
  if (kind === "project") {
    if (!(await getSettings())[enabledBy]) return { refusal: notFound("Not") };
    const project = await findProject(viewer, idOrPath);
    if (!project) return { refusal: notFound("Project Not") };
    // authorize_admin_project: Maintainers and above (an administrator too).
    if (!canAdminProject(viewer, project)) return { refusal: { status: 403, message: "403 Forbidden" } };
    return { portable: { kind: "project", id: project.id, fullPath: project.fullPath } };
  }
  const group = await findGroup(viewer, idOrPath);
  if (!group) return { refusal: notFound("Group Not") };
  if (!canAdminGroup(viewer, group)) return { refusal: { status: 403, message: "403 Forbidden" } };
  if (!(await getSettings())[enabledBy]) return { refusal: notFound("Not") };
  return { portable: { kind: "group", id: group.id, fullPath: group.fullPath } };
}
