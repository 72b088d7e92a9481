import { fileAt, type FileView } from "./file-view";
import { listTree } from "./tree";

// GitLab's FileDetector: a README is any file named readme, any case, with or without an extension. Markdown ones are
// preferred, since they are shown rendered.
const README = /^readme(\.[^/]*)?$/i;
const MARKDOWN = /\.(md|markdown|mdown|mkd|mkdn)$/i;
// A directory's README is looked for among this many of its entries (directories come first in a listing).
const ENTRIES_LOOKED_AT = 5000;

/** Whether a file's name makes it Markdown, shown rendered. */
export const isMarkdownName = (name: string) => MARKDOWN.test(name);

/**
 * The README of a directory of `commit` ("" for the root), as the Files page shows it below the listing: a Markdown one
 * first, then any other; null when there is none. Its content is read up to `maxBytes` (fileAt).
 */
export async function readmeIn(repo: string, commit: string, dir: string, options: { maxBytes: number }): Promise<FileView | null> {
  const { items } = await listTree(repo, { ref: commit, path: dir, perPage: ENTRIES_LOOKED_AT });
  const readmes = items.filter((item) => item.type === "blob" && item.mode !== "120000" && README.test(item.name));
  const chosen = readmes.find((item) => isMarkdownName(item.name)) ?? readmes[0];
  return chosen ? fileAt(repo, commit, chosen.path, options) : null;
}
