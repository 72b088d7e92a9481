import Link from "next/link";
import type { CommitRefs } from "@/lib/repositories";
import { commitsUrl, treeUrl } from "../project-urls";

/** The branches and tags that contain a commit (streamed in: git walks history to know). */
export async function CommitRefsLine({ refs, fullPath }: { refs: Promise<CommitRefs | null>; fullPath: string }) {
  const found = await refs;
  if (!found) return <p className="text-sm text-gray-500">The branches and tags containing this commit could not be listed.</p>;
  const branches = found.refs.filter((ref) => ref.type === "branch");
  const tags = found.refs.filter((ref) => ref.type === "tag");
  const chip = "rounded-md bg-gray-100 px-1.5 py-0.5 font-mono text-xs text-gray-800 hover:bg-gray-200";
  return (
    <dl className="space-y-1 text-sm text-gray-700">
      {[
        { label: "Branches", names: branches.map((ref) => ref.name), href: (name: string) => commitsUrl(fullPath, name) },
        { label: "Tags", names: tags.map((ref) => ref.name), href: (name: string) => treeUrl(fullPath, name) },
      ].map(({ label, names, href }) => (
        <div key={label} className="flex flex-wrap items-center gap-1.5">
          <dt className="w-20 shrink-0 text-gray-500">{label}</dt>
          {names.length === 0 ? (
            <dd className="text-gray-500">none</dd>
          ) : (
            names.map((name) => (
              <dd key={name}>
                <Link href={href(name)} className={chip}>
                  {name}
                </Link>
              </dd>
            ))
          )}
        </div>
      ))}
      {found.truncated ? <p className="text-xs text-gray-500">More branches and tags contain it than are listed here.</p> : null}
    </dl>
  );
}
