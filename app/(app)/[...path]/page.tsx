import Link from "next/link";
import { Suspense } from "react";
import { CloneUrlField } from "@/components/projects/overview/clone-url-field";
import { CodeDropdown } from "@/components/projects/overview/code-dropdown";
import { EmptyProject } from "@/components/projects/overview/empty-project";
import { ProjectTopics } from "@/components/projects/overview/project-topics";
import { RepositoryStats } from "@/components/projects/overview/repository-stats";
import { cloneUrl, treeUrl } from "@/components/projects/project-urls";
import { LastCommitBox } from "@/components/projects/repository/last-commit-box";
import { ReadmeBox } from "@/components/projects/repository/readme-box";
import { Alert } from "@/components/ui/alert";
import { canFetchRepository, canPushRepository, featureAccessLevel, sortedTopics, type ProjectWithAccess } from "@/lib/projects";
import { defaultBranch, isEmptyRepository, lastCommitFor, readmeIn, repositoryPath, repositoryStatistics } from "@/lib/repositories";
import type { PublicUser } from "@/lib/users";
import type { ProjectParams } from "../projects/project-route";
import { requestOrigin } from "../request-origin";
import { overviewRoute } from "./overview-route";

const README_MAX_BYTES = 512 * 1024;

/**
 * A project's overview, as GitLab's project page: the archived banner and topics, then for those who may read the
 * code the statistics, the clone address and downloads, the default branch's last commit and its README (or, for a
 * repository without a branch, how to push one). A Guest of a private project sees the project without its code, and
 * so does everyone when the repository is disabled (repository_access_level).
 */
export default async function ProjectOverviewPage({ params }: { params: Promise<ProjectParams> }) {
  const { user, project } = await overviewRoute(params);
  const topics = sortedTopics(project.topics);
  return (
    <div className="space-y-5">
      {project.archived ? (
        <Alert tone="warning" title="This is an archived project.">
          Its repository and other resources are read-only.
        </Alert>
      ) : null}
      {topics.length > 0 ? <ProjectTopics topics={topics} /> : null}
      {canFetchRepository(user, project, "project") ? (
        <Repository user={user} project={project} />
      ) : (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-8 text-center text-sm text-gray-600">{withoutRepository(project)}</p>
      )}
    </div>
  );
}

/** Why the overview shows no repository: the project's setting, or the viewer's role. */
function withoutRepository(project: ProjectWithAccess): string {
  const level = featureAccessLevel(project.sourceAttributes, "repository");
  if (level === "disabled") return "This project's repository is disabled.";
  if (level === "private" && project.accessLevel === null) return "This project's repository is visible to its members only.";
  return "Your role in this project does not include its repository: ask a Maintainer for the Reporter role to see its files and history.";
}

async function Repository({ user, project }: { user: PublicUser; project: ProjectWithAccess }) {
  const repo = repositoryPath(project.id, "project");
  const [origin, branch, empty] = await Promise.all([requestOrigin(), defaultBranch(repo), isEmptyRepository(repo)]);
  const refName = branch ?? project.defaultBranch ?? "main";
  const url = cloneUrl(origin, project.fullPath);
  if (empty) {
    return <EmptyProject cloneUrl={url} projectPath={project.path} defaultBranch={refName} canPush={canPushRepository(user, project, "project")} user={{ name: user.name, email: user.email }} />;
  }
  const [stats, last] = await Promise.all([repositoryStatistics(repo), lastCommitFor(repo, refName, "").catch(() => null)]);
  // Not awaited: the page shows at once, and the README streams in.
  const readme = last ? readmeIn(repo, last.id, "", { maxBytes: README_MAX_BYTES }).catch(() => null) : null;
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-gray-200 pb-3">
        <RepositoryStats fullPath={project.fullPath} refName={refName} stats={stats} />
        <div className="flex flex-wrap items-center gap-2">
          <CloneUrlField url={url} inline />
          <CodeDropdown fullPath={project.fullPath} cloneUrl={url} refName={refName} />
        </div>
      </div>
      {last ? (
        <LastCommitBox commit={Promise.resolve(last)} fullPath={project.fullPath} />
      ) : (
        <Alert tone="warning">
          The default branch <span className="font-mono">{refName}</span> has no commits. Choose another default branch in the project&apos;s settings.
        </Alert>
      )}
      {readme ? (
        <Suspense fallback={null}>
          <ReadmeOrHint readme={readme} fullPath={project.fullPath} refName={refName} />
        </Suspense>
      ) : null}
    </>
  );
}

/** The README, or a line saying there is none, with the way to the files. */
async function ReadmeOrHint({ readme, fullPath, refName }: { readme: ReturnType<typeof readmeIn>; fullPath: string; refName: string }) {
  const file = await readme;
  if (file) return <ReadmeBox readme={Promise.resolve(file)} fullPath={fullPath} refName={refName} />;
  return (
    <p className="text-sm text-gray-600">
      The default branch has no README. <Link href={treeUrl(fullPath, refName)}>Browse its files</Link>.
    </p>
  );
}
