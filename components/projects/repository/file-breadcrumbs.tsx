import Link from "next/link";
import { commitsUrl, treeUrl } from "../project-urls";

/**
 * Where a page is in the tree: the project's path, then each directory of `path`, each a link to its listing at
 * `refName` (or, on the history, to the directory's history: `kind`); the last part (the directory or file shown) is
 * plain text.
 */
export function FileBreadcrumbs({ fullPath, projectPath, refName, path, kind = "tree" }: { fullPath: string; projectPath: string; refName: string; path: string; kind?: "tree" | "commits" }) {
  const parts = path ? path.split("/") : [];
  const urlOf = kind === "commits" ? commitsUrl : treeUrl;
  return (
    <nav aria-label="Files breadcrumb" className="min-w-0">
      <ol className="flex flex-wrap items-center gap-1 text-sm">
        <li>
          {parts.length === 0 ? (
            <span aria-current="page" className="font-semibold text-gray-900">
              {projectPath}
            </span>
          ) : (
            <Link href={urlOf(fullPath, refName)} className="text-brand-700 hover:underline">
              {projectPath}
            </Link>
          )}
        </li>
        {parts.map((part, index) => (
          <li key={index} className="flex min-w-0 items-center gap-1">
            <span aria-hidden="true" className="text-gray-400">
              /
            </span>
            {index === parts.length - 1 ? (
              <span aria-current="page" className="break-all font-semibold text-gray-900">
                {part}
              </span>
            ) : (
              <Link href={urlOf(fullPath, refName, parts.slice(0, index + 1).join("/"))} className="break-all text-brand-700 hover:underline">
                {part}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
