"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * GitLab's wiki 404: "Sorry, this page doesn't exist". A not-found boundary gets no route params, so the wiki's
 * address is read from the one the browser asked for (everything before `/-/wikis/`).
 */
export function WikiNotFound() {
  const pathname = usePathname() ?? "";
  const at = pathname.indexOf("/-/wikis");
  const wiki = at > 0 ? pathname.slice(0, at + "/-/wikis".length) : null;
  return (
    <section aria-labelledby="wiki-404-title" className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center">
      <h1 id="wiki-404-title" className="text-lg font-semibold text-gray-900">
        Sorry, this page doesn&apos;t exist
      </h1>
      <p className="mt-2 text-sm text-gray-600">Use the list of pages to find a different page.</p>
      {wiki ? (
        <p className="mt-4 flex justify-center gap-4 text-sm">
          <Link href={`${wiki}/pages`} className="font-medium text-brand-700 hover:underline">
            View all pages
          </Link>
          <Link href={`${wiki}/home`} className="font-medium text-brand-700 hover:underline">
            Wiki home
          </Link>
        </p>
      ) : null}
    </section>
  );
}
