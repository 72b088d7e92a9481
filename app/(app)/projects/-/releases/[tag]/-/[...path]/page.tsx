import Link from "next/link";
import { projectPageUrl } from "@/components/projects/project-urls";
import { ReleaseCard } from "@/components/projects/releases/release-card";
import type { ProjectParams } from "@/app/(app)/projects/project-route";
import { releaseCards } from "../../../release-data";
import { releaseRoute } from "../../../release-route";

/** One release (`/-/releases/<tag>`), as on the list, under a way back to it. */
export default async function ReleasePage({ params }: { params: Promise<ProjectParams & { tag: string }> }) {
  const { project, repo, release } = await releaseRoute(params);
  const [card] = await releaseCards(repo, [release]);
  return (
    <section aria-label="Release" className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-gray-600">
        <Link href={projectPageUrl(project.fullPath, "releases")} className="text-blue-700 hover:underline">
          Releases
        </Link>
        <span className="mx-1">/</span>
        <span className="font-mono">{release.release.tagName}</span>
      </nav>
      <ReleaseCard fullPath={project.fullPath} release={card!} headingLevel={1} />
    </section>
  );
}
