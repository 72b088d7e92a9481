import { notFound } from "next/navigation";
import { cache } from "react";
import type { ProjectParams } from "@/app/(app)/projects/project-route";
import { repositoryRoute } from "@/app/(app)/projects/repository-route";
import { findRelease } from "@/lib/projects";

const releaseOf = cache((projectId: number, tagName: string) => findRelease(projectId, tagName));

/** `/-/releases/<tag>`: the project (its code readable) and its release of that tag; 404 when there is none. */
export async function releaseRoute(params: Promise<ProjectParams & { tag: string }>) {
  const route = await repositoryRoute(params);
  let tagName: string;
  try {
    // The tag comes as the address gave it, one encoded segment (`release%2F1.0`).
    tagName = decodeURIComponent((await params).tag);
  } catch {
    notFound();
  }
  const release = await releaseOf(route.project.id, tagName);
  if (!release) notFound();
  return { ...route, release };
}
