import { formatDay } from "@/components/content/format";

import type { IssueDesign } from "@/lib/issues";

/** A design as its card shows it: `imageUrl` when its latest version has an image to show, null otherwise. */
export type DesignCard = IssueDesign & { imageUrl: string | null };

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? "" : "s"}`;

/**
 * GitLab's designs area under an issue's description: each design's image at its latest version (a thumbnail that
 * opens the full image, served from the design repository and its LFS object), its file name, versions and comments.
 * A deleted design, or one whose image is not here (no file, no object, or not a raster image), keeps its card with a
 * muted note in the image's place, so that the cards stay aligned and no broken image shows.
 */
export function IssueDesigns({ designs }: { designs: DesignCard[] }) {
  if (designs.length === 0) return null;
  return (
    <section aria-labelledby="designs-heading">
      <h3 id="designs-heading" className="mb-2 text-base font-semibold text-gray-900">
        Designs <span className="text-sm font-normal text-gray-500">({designs.length})</span>
      </h3>
      <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3" aria-label="Designs">
        {designs.map((design) => (
          <li key={design.id} className="overflow-hidden rounded-lg border border-gray-200 bg-white text-sm">
            {design.imageUrl ? (
              <a href={design.imageUrl} className="block h-40 border-b border-gray-200 bg-gray-50 p-2 hover:bg-gray-100" aria-label={`Open ${design.filename}`}>
                {/* eslint-disable-next-line @next/next/no-img-element -- the design repository's own file: not for Next's optimizer */}
                <img src={design.imageUrl} alt={design.filename} loading="lazy" className="h-full w-full object-contain" />
              </a>
            ) : (
              <p className="flex h-40 items-center justify-center border-b border-gray-200 bg-gray-50 text-xs text-gray-500">Image not available</p>
            )}
            <div className="px-4 py-3">
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
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
