import type { ReactNode } from "react";
import { projectMetadata, ProjectShell, type ProjectPartsParams } from "@/app/(app)/projects/project-route";
import { wikiPartsRoute } from "@/app/(app)/projects/wiki-route";

export const generateMetadata = projectMetadata("Wiki");

export default async function WikiLayout({ children, params }: { children: ReactNode; params: Promise<ProjectPartsParams> }) {
  // 404 to whoever may not read the wiki. The page decides the rest: which page it is depends on `version_id`, which
  // only a page sees, and without a loading state of its own its 404 still comes before anything streams.
  const { user, project } = await wikiPartsRoute(params);
  return (
    <ProjectShell user={user} project={project} current="wiki">
      {children}
    </ProjectShell>
  );
}
