import { Suspense } from "react";
import { FileBreadcrumbs } from "@/components/projects/repository/file-breadcrumbs";
import { FileContent } from "@/components/projects/repository/file-content";
import { LastCommitBox, LastCommitPlaceholder } from "@/components/projects/repository/last-commit-box";
import { RefSwitcher } from "@/components/projects/repository/ref-switcher";
import type { ProjectPartsParams } from "@/app/(app)/projects/project-route";
import { searchRefs } from "@/app/(app)/projects/ref-search";
import { blobRoute } from "@/app/(app)/projects/repository-route";
import { lfsFileOf } from "@/lib/projects";
import { lastCommitFor, refNames } from "@/lib/repositories";

/** A file (`/-/blob/<ref>/<path>`): its content at a branch, tag or commit. */
export default async function BlobPage({ params, searchParams }: { params: Promise<ProjectPartsParams>; searchParams: Promise<{ plain?: string }> }) {
  const { project, repo, at, file } = await blobRoute(params);
  const fullPath = project.fullPath;
  const plain = (await searchParams).plain === "1";
  const lastCommit = lastCommitFor(repo, at.commit, at.path).catch(() => null);
  const [refs, lfs] = await Promise.all([refNames(repo, { limit: 20 }), lfsFileOf(project, file)]);
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div className="flex min-w-0 flex-wrap items-center gap-3">
          <RefSwitcher fullPath={fullPath} refName={at.ref} target="blob" path={at.path} initial={refs} search={searchRefs} />
          <FileBreadcrumbs fullPath={fullPath} projectPath={project.path} refName={at.ref} path={at.path} />
        </div>
      </div>
      <Suspense fallback={<LastCommitPlaceholder />}>
        <LastCommitBox commit={lastCommit} fullPath={fullPath} />
      </Suspense>
      <FileContent file={file} lfs={lfs} fullPath={fullPath} refName={at.ref} commit={at.commit} plain={plain} />
    </div>
  );
}
