import { ArchiveForm } from "@/components/projects/settings/archive-form";
import { ChangePathForm } from "@/components/projects/settings/change-path-form";
import { DeleteProjectForm } from "@/components/projects/settings/delete-project-form";
import { GeneralSettingsForm } from "@/components/projects/settings/general-settings-form";
import { ProjectExport } from "@/components/projects/settings/project-export";
import { SettingsNav } from "@/components/projects/settings/settings-nav";
import { SettingsSection } from "@/components/projects/settings/settings-section";
import { Alert } from "@/components/ui/alert";
import type { ProjectParams } from "@/app/(app)/projects/project-route";
import { requestOrigin } from "@/app/(app)/request-origin";
import { DOWNLOAD_ERRORS } from "@/app/(app)/file-exports";
import { fileExportView } from "@/lib/exchange";
import { getSettings } from "@/lib/settings";
import { canOwnProject, sortedTopics } from "@/lib/projects";
import { defaultBranch, refNames, repositoryPath } from "@/lib/repositories";
import { changePathAction, deleteProjectAction, exportProjectAction, setArchivedAction, updateGeneralAction } from "./actions";
import { settingsRoute } from "./settings-route";
import { updatedNotice } from "./settings-requests";

const BRANCHES_LISTED = 100;

/** `/<full path>/-/edit`: GitLab's General settings of a project, with its Advanced section (path, archive, delete). */
export default async function ProjectSettingsPage({ params, searchParams }: { params: Promise<ProjectParams>; searchParams: Promise<{ updated?: string; export_error?: string }> }) {
  const { user, project } = await settingsRoute(params);
  const { updated, export_error: exportError } = await searchParams;
  const repo = repositoryPath(project.id, "project");
  const [refs, head, origin, settings, fileExport] = await Promise.all([
    refNames(repo, { limit: BRANCHES_LISTED }),
    defaultBranch(repo),
    requestOrigin(),
    getSettings(),
    fileExportView({ kind: "project", id: project.id }, user.id),
  ]);
  const owner = canOwnProject(user, project);
  const notice = updatedNotice(updated, project.name);
  return (
    <div className="space-y-6">
      <SettingsNav fullPath={project.fullPath} current="general" />
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {updated === "path" ? <Alert tone="success">The project&apos;s path was changed: it is now at {`${origin}/${project.fullPath}`}.</Alert> : null}
      <SettingsSection id="general" title="General" description="Naming, topics, description, visibility and default branch.">
        <GeneralSettingsForm
          action={updateGeneralAction}
          project={{ id: project.id, name: project.name, description: project.description, topics: sortedTopics(project.topics).join(", "), visibility: project.visibility }}
          visibilityCap={{ visibility: project.namespace.visibility, what: `the group ${project.namespace.fullPath}` }}
          canChangeVisibility={owner}
          branches={refs.branches}
          moreBranches={refs.branchTotal > refs.branches.length}
          defaultBranch={head ?? project.defaultBranch ?? "main"}
        />
      </SettingsSection>
      <SettingsSection id="change-path" title="Change path" description="The project's address in its group, and its repository's.">
        <ChangePathForm action={changePathAction} projectId={project.id} path={project.path} prefix={`${origin}/${project.namespace.fullPath}/`} />
      </SettingsSection>
      <ProjectExport
        action={exportProjectAction.bind(null, project.id)}
        enabled={settings.fileExportEnabled}
        state={fileExport.state}
        finishedAt={fileExport.finishedAt?.toISOString() ?? null}
        expiresAt={fileExport.expiresAt?.toISOString() ?? null}
        downloadHref={`/${project.fullPath}/-/download_export`}
        downloadError={DOWNLOAD_ERRORS[exportError ?? ""]?.("project") ?? null}
      />
      <SettingsSection id="archive" title={project.archived ? "Unarchive project" : "Archive project"} description={owner ? undefined : "Only an Owner of the project can archive or unarchive it."}>
        {owner ? <ArchiveForm action={setArchivedAction} projectId={project.id} archived={project.archived} /> : null}
      </SettingsSection>
      <SettingsSection id="delete" tone="danger" title="Delete project" description={owner ? undefined : "Only an Owner of the project can delete it."}>
        {owner ? <DeleteProjectForm action={deleteProjectAction} projectId={project.id} fullPath={project.fullPath} /> : null}
      </SettingsSection>
    </div>
  );
}
