import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";
import { Markdown } from "@/components/ui/markdown";
import { TimeAgo } from "@/components/ui/time-ago";
import { humanTitle, wikiHistoryUrl, wikiPageUrl, wikiRawUrl, withoutFrontMatter, type WikiPageVersion } from "@/lib/wikis";

/** The page's text as GitLab shows it: Markdown rendered; other formats (RDoc, AsciiDoc, Org...) as their text, escaped. */
function WikiContent({ page, fullPath }: { page: WikiPageVersion; fullPath: string }) {
  if (page.content === null) {
    return (
      <p className="text-sm text-gray-600">
        {page.tooLarge ? "This page is too large to show here. " : "This page is not text. "}
        {page.historical ? null : <a href={wikiRawUrl(fullPath, page.path)}>Download the file</a>}
      </p>
    );
  }
  const text = withoutFrontMatter(page.content);
  if (page.format === "markdown") return <Markdown source={text} wiki={{ fullPath, slug: page.slug }} />;
  return (
    <pre data-format={page.format} className="overflow-x-auto font-mono text-xs leading-5 whitespace-pre-wrap text-gray-800">
      {text}
    </pre>
  );
}

/** A wiki page (GitLab's wiki show): its title, who last edited it and when, its History, an old version's notice, its content. */
export function WikiPageView({ page, fullPath }: { page: WikiPageVersion; fullPath: string }) {
  const last = page.lastCommit;
  return (
    <article aria-labelledby="wiki-page-title" className="min-w-0 flex-1">
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-gray-200 pb-3">
        <div className="min-w-0">
          <h1 id="wiki-page-title" className="text-2xl font-semibold break-words text-gray-900">
            {humanTitle(page, page.content)}
          </h1>
          {last ? (
            <p className="mt-1 text-sm text-gray-600">
              Last edited by{" "}
              <span className="font-medium text-gray-800" title={last.author_email}>
                {last.author_name}
              </span>{" "}
              <TimeAgo date={last.authored_date} />
            </p>
          ) : null}
        </div>
        <LinkButton href={wikiHistoryUrl(fullPath, page.slug)} variant="secondary" size="sm">
          Page history
        </LinkButton>
      </header>
      {page.historical ? (
        <div className="mt-4">
          <Alert tone="warning">
            This is an old version of this page. You can view the{" "}
            <Link href={wikiPageUrl(fullPath, page.slug)} className="font-medium underline">
              most recent version
            </Link>{" "}
            or browse the{" "}
            <Link href={wikiHistoryUrl(fullPath, page.slug)} className="font-medium underline">
              history
            </Link>
            .
          </Alert>
        </div>
      ) : null}
      <div className="mt-4 rounded-lg border border-gray-200 bg-white px-6 py-5">
        <WikiContent page={page} fullPath={fullPath} />
      </div>
    </article>
  );
}
