import "highlight.js/styles/github.css";
import { buttonClass } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { highlightLines } from "@/lib/highlight";
import type { FileView } from "@/lib/repositories";
import { CodeLines } from "../repository/code-lines";
import { EntryIcon } from "../repository/entry-icon";
import { formatBytes } from "../repository/size";

/** One file of a snippet as GitLab's snippet page shows it: name, size, Raw and Download, then its highlighted lines. */
export function SnippetFile({ file, rawHref }: { file: FileView; rawHref: string }) {
  const label = file.path || "snippet";
  return (
    <section aria-label={`File ${label}`} className="overflow-hidden rounded-lg border border-gray-200 bg-white">
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-gray-200 bg-gray-50 px-4 py-2">
        <div className="flex min-w-0 items-center gap-2">
          <EntryIcon type="blob" mode={file.mode} />
          <h3 className="truncate font-mono text-sm font-semibold text-gray-900" title={file.path}>
            {label}
          </h3>
          {file.path ? <CopyButton value={file.path} label="Copy file path" /> : null}
          <span className="text-xs whitespace-nowrap text-gray-500">{formatBytes(file.size)}</span>
        </div>
        <div className="flex items-center gap-2">
          <a href={rawHref} className={buttonClass("secondary", "sm")} target="_blank" rel="noopener">
            Raw
          </a>
          <a href={`${rawHref}?inline=false`} className={buttonClass("secondary", "sm")} download>
            Download
          </a>
        </div>
      </header>
      {file.tooLarge ? (
        <p className="px-6 py-10 text-center text-sm text-gray-700">The file is too large to show here ({formatBytes(file.size)}). Download it to see it.</p>
      ) : file.binary || file.content === null ? (
        <p className="px-6 py-10 text-center text-sm text-gray-700">The file is stored as binary data and is not shown here.</p>
      ) : file.size === 0 ? (
        <p className="px-6 py-10 text-center text-sm text-gray-600">Empty file</p>
      ) : (
        <CodeLines lines={highlightLines(file.content, file.name).lines} label={`Content of ${label}`} />
      )}
    </section>
  );
}
