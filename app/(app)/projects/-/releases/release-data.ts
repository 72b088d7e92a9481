import type { ReleaseCardData } from "@/components/projects/releases/release-card";
import { releaseCommit, type ReleaseView } from "@/lib/projects";

/** Releases as their cards show them, each with the commit its tag points at now (read from the repository). */
export async function releaseCards(repo: string, views: ReleaseView[]): Promise<ReleaseCardData[]> {
  const commits = await Promise.all(views.map((view) => releaseCommit(repo, view.release.tagName)));
  const now = Date.now();
  return views.map(({ release, author, links, milestones }, index) => {
    const commit = commits[index];
    return {
      name: release.name ?? release.tagName,
      tagName: release.tagName,
      description: release.description,
      releasedAt: release.releasedAt,
      upcoming: release.releasedAt.getTime() > now,
      author: author ? { name: author.name, username: author.username } : null,
      commit: commit ? { id: commit.id, shortId: commit.short_id } : null,
      links: links.map((link) => ({ id: link.id, name: link.name, url: link.url, filepath: link.filepath, linkType: link.linkType })),
      milestones: milestones.map((milestone) => ({ id: milestone.id, title: milestone.title, state: milestone.state })),
    };
  });
}
