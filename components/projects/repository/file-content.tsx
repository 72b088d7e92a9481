import "highlight.js/styles/github.css";
import Link from "next/link";
import { buttonClass, LinkButton } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Markdown } from "@/components/ui/markdown";
import { highlightLines } from "@/lib/highlight";
import { isImageName, isMarkdownName, type FileView } from "@/lib/repositories";
import { blobUrl, commitsUrl, rawUrl } from "../project-urls";
import { CodeLines } from "./code-lines";
import { EntryIcon } from "./entry-icon";
import { formatBytes } from "./size";

/** A file that is a Git LFS pointer: the object's id and size, and whether Ferry has the object (then raw serves it). */
export interface LfsFile {
  oid: string;
  size: number;
  stored: boolean;
}

/**
 * A file of the repository as GitLab's blob viewer shows it: a header with its name, size and actions (Raw, Download,
 * History, Copy path, a permalink at the commit), then its content: highlighted lines, Markdown rendered (or its
 * source, `plain`), an image from its raw address, or a notice with a download for a binary or too large file. A Git
 * LFS pointer (`lfs`) is labelled "Stored with Git LFS" with the object's size; its object is what Raw and Download
 * give, an image shown, anything else a download; without the object here, the pointer shows, with a note.
 */
export function FileContent({ file, lfs, fullPath, refName, commit, plain }: { file: FileView; lfs?: LfsFile | null; fullPath: string; refName: string; commit: string; plain: boolean }) {
  const object = lfs?.stored ? lfs : null;
  const markdown = isMarkdownName(file.name) && file.content !== null && !file.symlink && !object;
  const image = isImageName(file.name) && (file.binary || object !== null);
  const directory = file.path.includes("/") ? file.path.slice(0, file.path.lastIndexOf("/")) : "";
  const toggle = "px-2.5 py-1 text-xs font-medium";
  return (
    <section aria-label={`File ${file.name}`} className="overflow-hidden rounded-lg border border-gray-200 bg-white">
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-gray-200 bg-gray-50 px-4 py-2">
        <div className="flex min-w-0 items-center gap-2">
          <EntryIcon type="blob" mode={file.mode} />
          <h2 className="truncate font-mono text-sm font-semibold text-gray-900" title={file.path}>
            {file.name}
          </h2>
          <CopyButton value={file.path} label="Copy file path" />
          <span className="text-xs whitespace-nowrap text-gray-500">{formatBytes(lfs ? lfs.size : file.size)}</span>
          {lfs ? <span className="rounded bg-blue-100 px-1.5 text-xs font-medium text-blue-800">Stored with Git LFS</span> : null}
          {file.executable ? <span className="rounded bg-gray-200 px-1.5 text-xs text-gray-700">executable</span> : null}
          {file.symlink ? <span className="rounded bg-gray-200 px-1.5 text-xs text-gray-700">symbolic link</span> : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {markdown ? (
            <div role="group" aria-label="Display" className="inline-flex overflow-hidden rounded-md ring-1 ring-inset ring-gray-300">
              <Link href={`${blobUrl(fullPath, refName, file.path)}?plain=1`} aria-current={plain ? "true" : undefined} className={`${toggle} ${plain ? "bg-gray-200 text-gray-900" : "bg-white text-gray-700 hover:bg-gray-50"}`}>
                Display source
              </Link>
              <Link href={blobUrl(fullPath, refName, file.path)} aria-current={plain ? undefined : "true"} className={`${toggle} border-l border-gray-300 ${plain ? "bg-white text-gray-700 hover:bg-gray-50" : "bg-gray-200 text-gray-900"}`}>
                Display rendered
              </Link>
            </div>
          ) : null}
          <a href={rawUrl(fullPath, refName, file.path)} className={buttonClass("secondary", "sm")} target="_blank" rel="noopener">
            Raw
          </a>
          <a href={rawUrl(fullPath, refName, file.path, true)} className={buttonClass("secondary", "sm")} download>
            Download
          </a>
          <LinkButton variant="secondary" size="sm" href={commitsUrl(fullPath, refName, file.path)}>
            History
          </LinkButton>
          <LinkButton variant="secondary" size="sm" href={blobUrl(fullPath, commit, file.path)} title="A link to this file at this very commit">
            Permalink
          </LinkButton>
        </div>
      </header>
      {lfs && !object ? (
        <p role="note" className="border-b border-gray-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          {`The Git LFS object of this file (${formatBytes(lfs.size)}) is not stored on this instance: this is its pointer.`}
        </p>
      ) : null}
      {object && !image ? (
        <Notice download={rawUrl(fullPath, refName, file.path, true)}>{`This file is stored with Git LFS (${formatBytes(object.size)}). Download it to see it.`}</Notice>
      ) : (
        <FileBody file={file} fullPath={fullPath} refName={refName} directory={directory} markdown={markdown && !plain} image={image} />
      )}
    </section>
  );
}

function Notice({ children, download }: { children: string; download: string }) {
  return (
    <div className="px-6 py-10 text-center text-sm text-gray-700">
      <p>{children}</p>
      <a href={download} download className={`${buttonClass("secondary", "sm")} mt-3`}>
        Download
      </a>
    </div>
  );
}

function FileBody({ file, fullPath, refName, directory, markdown, image }: { file: FileView; fullPath: string; refName: string; directory: string; markdown: boolean; image: boolean }) {
  const download = rawUrl(fullPath, refName, file.path, true);
  if (image) {
    return (
      <div className="flex justify-center bg-[repeating-conic-gradient(#f3f4f6_0_25%,#fff_0_50%)] bg-[length:16px_16px] p-6">
        {/* eslint-disable-next-line @next/next/no-img-element -- the repository's own file, any size: not for Next's optimizer */}
        <img src={rawUrl(fullPath, refName, file.path)} alt={file.name} className="max-h-[70vh] max-w-full object-contain" />
      </div>
    );
  }
  if (file.tooLarge) return <Notice download={download}>{`The file is too large to show here (${formatBytes(file.size)}). Download it to see it.`}</Notice>;
  if (file.binary || file.content === null) return <Notice download={download}>The file is stored as binary data and is not shown here.</Notice>;
  if (file.size === 0) return <p className="px-6 py-10 text-center text-sm text-gray-600">Empty file</p>;
  if (markdown) {
    return (
      <div className="px-8 py-6">
        <Markdown source={file.content} repository={{ fullPath, refName, directory }} />
      </div>
    );
  }
  const { lines } = highlightLines(file.content, file.name);
  return <CodeLines lines={lines} label={`Content of ${file.name}`} />;
}
