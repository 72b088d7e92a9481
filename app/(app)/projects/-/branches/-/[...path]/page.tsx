import Link from "next/link";
import { SearchForm } from "@/components/groups/search-form";
import { projectPageUrl } from "@/components/projects/project-urls";
import { BranchList } from "@/components/projects/repository/branch-list";
import { EmptyRepository } from "@/components/projects/repository/empty-repository";
import { Pagination } from "@/components/ui/pagination";
import type { ProjectParams } from "@/app/(app)/projects/project-route";
import { repositoryRoute } from "@/app/(app)/projects/repository-route";
import { pageOf } from "@/app/(app)/route-params";
import { protectedBranchesOf, refPatternMatches } from "@/lib/projects";
import { aheadBehind, defaultBranch, isEmptyRepository, listBranches } from "@/lib/repositories";

const PER_PAGE = 20;
const SORTS = { updated_desc: "Last updated", name_asc: "Name" } as const;
type Sort = keyof typeof SORTS;

/** Branches (`/-/branches`): every branch with its last commit, default and protected badges, and its divergence. */
export default async function BranchesPage({ params, searchParams }: { params: Promise<ProjectParams>; searchParams: Promise<{ page?: string; search?: string; sort?: string }> }) {
  const { project, repo } = await repositoryRoute(params);
  const fullPath = project.fullPath;
  const query = await searchParams;
  const page = pageOf(query.page);
  const search = query.search?.slice(0, 255) || undefined;
  const sort: Sort = query.sort === "name_asc" ? "name_asc" : "updated_desc";
  const [{ branches, total }, head] = await Promise.all([listBranches(repo, { search, sort, page, perPage: PER_PAGE }), defaultBranch(repo)]);
  if (total === 0 && !search && (await isEmptyRepository(repo))) return <EmptyRepository fullPath={fullPath} />;
  const others = branches.filter((branch) => !branch.default).map((branch) => branch.name);
  const divergence = head && others.length > 0 ? await aheadBehind(repo, head, others).catch(() => []) : [];
  const byName = new Map(divergence.map((entry) => [entry.name, entry]));
  const patterns = (await protectedBranchesOf(project)).map((rule) => rule.name);
  const base = projectPageUrl(fullPath, "branches");
  const hrefFor = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(Object.entries({ search, sort: sort === "updated_desc" ? undefined : sort, ...changes }).filter((entry): entry is [string, string] => entry[1] !== undefined));
    return next.size > 0 ? `${base}?${next}` : base;
  };
  return (
    <section aria-label="Branches">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <SearchForm action={base} value={search} placeholder="Filter by branch name" label="Filter branches" />
        <nav aria-label="Sort branches" className="flex items-center gap-1 text-sm">
          <span className="mr-1 text-gray-500">Sort by</span>
          {(Object.keys(SORTS) as Sort[]).map((key) => (
            <Link key={key} href={hrefFor({ sort: key === "updated_desc" ? undefined : key, page: undefined })} aria-current={key === sort ? "true" : undefined} className={`rounded-md px-2 py-1 ${key === sort ? "bg-gray-200 font-medium text-gray-900" : "text-gray-600 hover:bg-gray-100"}`}>
              {SORTS[key]}
            </Link>
          ))}
        </nav>
      </div>
      {branches.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">{search ? `No branches match "${search}".` : "This repository has no branches."}</p>
      ) : (
        <BranchList
          fullPath={fullPath}
          rows={branches.map((branch) => {
            const entry = byName.get(branch.name);
            return { branch, protected: patterns.some((pattern) => refPatternMatches(pattern, branch.name)), divergence: entry ? { ahead: entry.ahead, behind: entry.behind } : null };
          })}
        />
      )}
      <Pagination page={page} totalPages={Math.ceil(total / PER_PAGE)} hrefFor={(p) => hrefFor({ page: String(p) })} label="Branches pagination" />
    </section>
  );
}
