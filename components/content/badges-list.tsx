"use client";

import { useEffect, useRef, useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";

export interface BadgeItem {
  id: number;
  name: string | null;
  linkUrl: string;
  imageUrl: string;
  /** Whether each URL is http(s), the only kind shown as a link or loaded as an image. */
  linkSafe: boolean;
  imageSafe: boolean;
}

/**
 * The badge's image, or a note in its place when it cannot be shown: not http(s), or not loading (the source's badge
 * service unreachable from here). An image that failed before hydration fires no onError, hence the check on mount.
 */
function BadgeImage({ badge }: { badge: BadgeItem }) {
  const ref = useRef<HTMLImageElement>(null);
  const [failed, setFailed] = useState(!badge.imageSafe);
  useEffect(() => {
    const img = ref.current;
    if (img && img.complete && img.naturalWidth === 0) setFailed(true);
  }, []);
  if (failed) {
    return (
      <span className="inline-flex items-center rounded border border-dashed border-gray-300 px-2 py-0.5 text-xs text-gray-500" data-testid="badge-image-fallback">
        {badge.imageSafe ? "Image unavailable" : "Image not shown (not an http(s) URL)"}
      </span>
    );
  }
  return (
    // Badge images live on other hosts (shields, CI servers): next/image would need each host configured.
    // eslint-disable-next-line @next/next/no-img-element
    <img ref={ref} src={badge.imageUrl} alt={badge.name ? `${badge.name} badge` : "Badge"} className="h-5 max-w-48" loading="lazy" referrerPolicy="no-referrer" onError={() => setFailed(true)} />
  );
}

/** GitLab's badges table (group settings): name, the badge as it renders, and where it links. */
export function BadgesList({ badges, empty }: { badges: BadgeItem[]; empty: string }) {
  if (badges.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
      <table className="min-w-full divide-y divide-gray-100 text-sm" aria-label="Badges">
        <thead className="bg-gray-50 text-left text-xs font-medium uppercase tracking-wide text-gray-500">
          <tr>
            <th scope="col" className="px-4 py-2">
              Name
            </th>
            <th scope="col" className="px-4 py-2">
              Badge
            </th>
            <th scope="col" className="px-4 py-2">
              Link
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {badges.map((badge) => (
            <tr key={badge.id} data-testid="badge-row">
              <td className="px-4 py-3 font-medium text-gray-900">{badge.name ?? <span className="font-normal text-gray-400">No name</span>}</td>
              <td className="px-4 py-3">
                <BadgeImage badge={badge} />
                <p className="mt-1 break-all font-mono text-xs text-gray-500">{badge.imageUrl}</p>
              </td>
              <td className="px-4 py-3 break-all font-mono text-xs">
                {badge.linkSafe ? (
                  <a href={badge.linkUrl} className="text-brand-700 hover:underline" target="_blank" rel="noopener noreferrer nofollow">
                    {badge.linkUrl}
                  </a>
                ) : (
                  <span className="text-gray-600">{badge.linkUrl}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Badges as a project's overview shows them under its title: each image links to its link (rendered with the
 * project's placeholders), the project's own first, then its groups'.
 */
export function BadgeStrip({ badges }: { badges: BadgeItem[] }) {
  if (badges.length === 0) return null;
  return (
    <ul className="mt-3 flex flex-wrap items-center gap-2" aria-label="Project badges">
      {badges.map((badge) => (
        <li key={badge.id}>
          {badge.linkSafe ? (
            <a href={badge.linkUrl} target="_blank" rel="noopener noreferrer" title={badge.name ?? undefined}>
              <BadgeImage badge={badge} />
            </a>
          ) : (
            <BadgeImage badge={badge} />
          )}
        </li>
      ))}
    </ul>
  );
}
