import Link from "next/link";
import { Markdown } from "@/components/ui/markdown";
import { isMarkdownName, type FileView } from "@/lib/repositories";
import { blobUrl } from "../project-urls";
import { EntryIcon } from "./entry-icon";

/** A directory's README below its listing (GitLab's tree view): Markdown rendered, anything else as plain text. */
export async function ReadmeBox({ readme, fullPath, refName }: { readme: Promise<FileView | null>; fullPath: string; refName: string }) {
  const file = await readme;
  if (!file) return null;
  const directory = file.path.includes("/") ? file.path.slice(0, file.path.lastIndexOf("/")) : "";
  return (
    <section aria-labelledby="readme-title" className="mt-6 overflow-hidden rounded-lg border border-gray-200 bg-white">
      <h2 id="readme-title" className="flex items-center gap-2 border-b border-gray-200 bg-gray-50 px-4 py-2 text-sm font-semibold text-gray-900">
        <EntryIcon type="blob" mode={file.mode} />
        <Link href={blobUrl(fullPath, refName, file.path)} className="hover:underline">
          {file.name}
        </Link>
      </h2>
      <div className="px-6 py-5">
        {file.content === null ? (
          <p className="text-sm text-gray-600">
            {file.tooLarge ? "This README is too large to show here. " : "This README is not text. "}
            <Link href={blobUrl(fullPath, refName, file.path)}>View the file</Link>.
          </p>
        ) : isMarkdownName(file.name) ? (
          <Markdown source={file.content} repository={{ fullPath, refName, directory }} />
        ) : (
          <pre className="overflow-x-auto font-mono text-xs leading-5 whitespace-pre-wrap text-gray-800">{file.content}</pre>
        )}
      </div>
    </section>
  );
}
