import Link from "next/link";
import { Markdown } from "@/components/ui/markdown";
import { TimeAgo } from "@/components/ui/time-ago";
import { ARCHIVE_FORMATS, archiveUrl, commitUrl, releaseAssetUrl, releaseUrl, tagUrl } from "../project-urls";

/** What a release card shows: the release, its author, the tag's commit (null when the tag is gone), links, milestones. */
export interface ReleaseCardData {
  name: string;
  tagName: string;
  description: string | null;
  releasedAt: Date;
  /** Released in the future (GitLab's upcoming_release): decided by the caller, which knows the time. */
  upcoming: boolean;
  author: { name: string; username: string } | null;
  commit: { id: string; shortId: string } | null;
  /** `filepath`: the link's permanent address on this site, which the card links to (GitLab's direct_asset_url). */
  links: { id: number; name: string; url: string; filepath: string | null; linkType: string }[];
  milestones: { id: number; title: string; state: string }[];
}

const LINK_TYPES: Record<string, string> = { other: "Other", runbook: "Runbooks", image: "Images", package: "Packages" };

/**
 * One release as GitLab's Releases page shows it: name and tag, when and by whom, the milestones, the assets (the
 * source-code archives of the tag, then the links by type), and the rendered notes.
 */
export function ReleaseCard({ fullPath, release, headingLevel = 2 }: { fullPath: string; release: ReleaseCardData; headingLevel?: 2 | 1 }) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const upcoming = release.upcoming;
  const byType = Object.entries(LINK_TYPES).flatMap(([type, label]) => {
    const links = release.links.filter((link) => link.linkType === type);
    return links.length ? [{ label, links }] : [];
  });
  return (
    <article aria-label={`Release ${release.name}`} className="rounded-lg border border-gray-200 bg-white">
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-gray-200 px-5 py-3">
        <Heading className="text-lg font-semibold text-gray-900">
          <Link href={releaseUrl(fullPath, release.tagName)} className="hover:underline">
            {release.name}
          </Link>
        </Heading>
        {upcoming ? <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800">Upcoming Release</span> : null}
      </header>
      <div className="space-y-4 px-5 py-4">
        <p className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-gray-600">
          {release.commit ? (
            <Link href={commitUrl(fullPath, release.commit.id)} className="font-mono text-gray-700 hover:underline" aria-label={`Commit ${release.commit.shortId}`}>
              {release.commit.shortId}
            </Link>
          ) : null}
          <Link href={tagUrl(fullPath, release.tagName)} className="rounded bg-gray-100 px-2 py-0.5 font-mono text-gray-800 hover:underline" aria-label={`Tag ${release.tagName}`}>
            {release.tagName}
          </Link>
          <span>
            {upcoming ? "Will be released" : "Released"} <TimeAgo date={release.releasedAt} />
            {release.author ? (
              <>
                {" by "}
                <span className="font-medium text-gray-800" title={`@${release.author.username}`}>
                  {release.author.name}
                </span>
              </>
            ) : null}
          </span>
        </p>
        {release.milestones.length ? (
          <p className="text-sm text-gray-700">
            <span className="font-medium">Milestones:</span>{" "}
            {release.milestones.map((milestone, index) => (
              <span key={milestone.id}>
                {index > 0 ? ", " : null}
                <span className="rounded bg-blue-50 px-1.5 py-0.5 text-blue-800">{milestone.title}</span>
                {milestone.state === "closed" ? <span className="ml-1 text-xs text-gray-500">(closed)</span> : null}
              </span>
            ))}
          </p>
        ) : null}
        <section aria-label="Assets" className="rounded-md border border-gray-200">
          <h3 className="border-b border-gray-200 bg-gray-50 px-3 py-2 text-sm font-semibold text-gray-800">
            Assets <span className="ml-1 rounded-full bg-gray-200 px-2 text-xs font-medium text-gray-700">{ARCHIVE_FORMATS.length + release.links.length}</span>
          </h3>
          <div className="space-y-3 px-3 py-2 text-sm">
            <div>
              <h4 className="text-xs font-semibold uppercase tracking-wide text-gray-500">Source code</h4>
              <ul className="mt-1 space-y-0.5">
                {ARCHIVE_FORMATS.map((format) => (
                  <li key={format}>
                    <a href={archiveUrl(fullPath, release.tagName, format)} className="text-blue-700 hover:underline">
                      Source code ({format})
                    </a>
                  </li>
                ))}
              </ul>
            </div>
            {byType.map(({ label, links }) => (
              <div key={label}>
                <h4 className="text-xs font-semibold uppercase tracking-wide text-gray-500">{label}</h4>
                <ul className="mt-1 space-y-0.5">
                  {links.map((link) => (
                    <li key={link.id}>
                      <a href={link.filepath ? releaseAssetUrl(fullPath, release.tagName, link.filepath) : link.url} rel="noopener noreferrer nofollow" className="text-blue-700 hover:underline">
                        {link.name}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </section>
        {release.description ? <Markdown source={release.description} /> : null}
      </div>
    </article>
  );
}
