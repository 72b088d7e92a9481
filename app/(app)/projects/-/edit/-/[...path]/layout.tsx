import type { ReactNode } from "react";
import { projectMetadata, ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";
import { settingsRoute } from "./settings-route";

export const generateMetadata = projectMetadata("General settings");

export default async function ProjectSettingsLayout({ children, params }: { children: ReactNode; params: Promise<ProjectParams> }) {
  // Answers 404 before the page's loading state streams.
  const { user, project } = await settingsRoute(params);
  return (
    <ProjectShell user={user} project={project} current="settings">
      {children}
    </ProjectShell>
  );
}
