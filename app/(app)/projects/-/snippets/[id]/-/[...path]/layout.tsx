import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ProjectShell } from "@/app/(app)/projects/project-route";
import { snippetRoute, type SnippetParams } from "@/app/(app)/projects/-/snippets/snippets-route";

export async function generateMetadata({ params }: { params: Promise<SnippetParams> }): Promise<Metadata> {
  const { project, snippet } = await snippetRoute(params);
  return { title: `${snippet.title} · Snippets · ${project.fullPath}` };
}

export default async function SnippetLayout({ children, params }: { children: ReactNode; params: Promise<SnippetParams> }) {
  // Answers 404 to whoever may not read the snippet before the page's loading state streams.
  const { user, project } = await snippetRoute(params);
  return (
    <ProjectShell user={user} project={project} current="snippets">
      {children}
    </ProjectShell>
  );
}
