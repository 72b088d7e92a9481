import type { WikiPageEntry } from "@/lib/wikis";

/** A directory of the wiki in a listing: its pages, then its subdirectories, each by name. */
export interface WikiDirectory {
  /** The directory's path ("" for the root). */
  path: string;
  name: string;
  pages: WikiPageEntry[];
  directories: WikiDirectory[];
}

/** Pages grouped by their directories, as GitLab's WikiDirectory.group_pages: the root's pages, and one group per directory. */
export function wikiTree(pages: readonly WikiPageEntry[]): WikiDirectory {
  const root: WikiDirectory = { path: "", name: "", pages: [], directories: [] };
  for (const page of pages) {
    let directory = root;
    const parts = page.slug.split("/").slice(0, -1);
    for (const [index, name] of parts.entries()) {
      let next = directory.directories.find((child) => child.name === name);
      if (!next) {
        next = { path: parts.slice(0, index + 1).join("/"), name, pages: [], directories: [] };
        directory.directories.push(next);
      }
      directory = next;
    }
    directory.pages.push(page);
  }
  return root;
}
