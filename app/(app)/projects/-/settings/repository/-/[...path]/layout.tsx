import type { ReactNode } from "react";
import { projectMetadata, ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";
import { settingsRoute } from "@/app/(app)/projects/-/edit/-/[...path]/settings-route";

export const generateMetadata = projectMetadata("Repository settings");

export default async function RepositorySettingsLayout({ children, params }: { children: ReactNode; params: Promise<ProjectParams> }) {
  // Maintainers and Owners only, as every settings page; 404 before anything streams.
  const { user, project } = await settingsRoute(params);
  return (
    <ProjectShell user={user} project={project} current="settings">
      {children}
    </ProjectShell>
  );
}
