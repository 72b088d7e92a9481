import { formatDay } from "@/components/content/format";

import type { IssueDesign } from "@/lib/issues";

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? "" : "s"}`;

/**
 * GitLab's designs area under an issue's description: each design by file name, with its versions and comments. The
 * images themselves are not shown: Ferry serves no file of the design repository (see the brief's report).
 */
export function IssueDesigns({ designs }: { designs: IssueDesign[] }) {
  if (designs.length === 0) return null;
  return (
    <section aria-labelledby="designs-heading">
      <h3 id="designs-heading" className="mb-2 text-base font-semibold text-gray-900">
        Designs <span className="text-sm font-normal text-gray-500">({designs.length})</span>
      </h3>
      <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3" aria-label="Designs">
        {designs.map((design) => (
          <li key={design.id} className="rounded-lg border border-gray-200 bg-white px-4 py-3 text-sm">
            <p className="flex items-center gap-2">
              <span className="truncate font-medium text-gray-900" title={design.filename}>
                {design.filename}
              </span>
              {design.deleted ? <span className="shrink-0 rounded bg-gray-100 px-1.5 text-xs text-gray-600">Deleted</span> : null}
            </p>
            <p className="mt-1 text-xs text-gray-500">
              <span className="whitespace-nowrap">{plural(design.versionCount, "version")}</span>
              {design.latestVersionAt ? (
                <>
                  {" · "}
                  <span className="whitespace-nowrap">updated {formatDay(design.latestVersionAt)}</span>
                </>
              ) : null}
              {" · "}
              <span className="whitespace-nowrap">{plural(design.noteCount, "comment")}</span>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
