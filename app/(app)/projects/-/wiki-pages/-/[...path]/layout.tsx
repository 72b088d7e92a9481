import type { ReactNode } from "react";
import { ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";
import { wikiRoute } from "@/app/(app)/projects/wiki-route";
import { fullPathOf } from "@/app/(app)/route-params";

export async function generateMetadata({ params }: { params: Promise<ProjectParams> }) {
  return { title: `Pages · Wiki · ${fullPathOf((await params).path) ?? ""}` };
}

export default async function WikiPagesLayout({ children, params }: { children: ReactNode; params: Promise<ProjectParams> }) {
  // Answers 404 to whoever may not read the wiki before the page's loading state streams.
  const { user, project } = await wikiRoute(params);
  return (
    <ProjectShell user={user} project={project} current="wiki">
      {children}
    </ProjectShell>
  );
}
