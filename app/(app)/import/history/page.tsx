import Link from "next/link";
import { LiveRefresh } from "@/components/import/live-import-events";
import { LinkButton } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { listImportHistory } from "@/lib/migration";
import { requireUser } from "../../require-user";
import { HistoryTable } from "@/components/import/history/history-table";
import { toHistoryRowView } from "@/components/import/history/history-view";

export const metadata = { title: "Migration history" };
export const dynamic = "force-dynamic";

const PER_PAGE = 20;

export default async function ImportHistoryPage({ searchParams }: { searchParams: Promise<{ page?: string; scope?: string }> }) {
  const user = await requireUser();
  const params = await searchParams;
  const all = user.isAdmin && params.scope === "all";
  const page = Math.max(1, Math.floor(Number(params.page)) || 1);
  const history = await listImportHistory(user, { page, perPage: PER_PAGE, all });
  const now = new Date();
  const rows = history.rows.map((entity) => toHistoryRowView(entity, now, all));
  const running = history.rows.some((entity) => entity.statusName === "created" || entity.statusName === "started");
  const hrefFor = (p: number) => `/import/history?${new URLSearchParams({ ...(all ? { scope: "all" } : {}), page: String(p) })}`;
  return (
    <>
      <PageHeader
        title="Migration history"
        description={all ? "Groups and projects imported by direct transfer, by every user." : "Groups and projects you imported by direct transfer."}
        actions={
          <>
            <LiveRefresh scope={all ? "all" : "mine"} pollWhileDisconnected={running} indicator />
            {history.total > 0 ? <LinkButton href="/import/groups">Import groups</LinkButton> : null}
          </>
        }
      />
      {user.isAdmin ? <ScopeTabs all={all} /> : null}
      {history.total === 0 ? (
        <EmptyState />
      ) : rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">
          This page is empty. <Link href={hrefFor(1)}>Go to the first page</Link>.
        </p>
      ) : (
        <HistoryTable rows={rows} />
      )}
      <Pagination page={page} totalPages={history.totalPages} hrefFor={hrefFor} label="History pagination" />
    </>
  );
}

function ScopeTabs({ all }: { all: boolean }) {
  const tab = "rounded-md px-3 py-1.5 text-sm font-medium";
  return (
    <nav aria-label="Whose imports" className="mb-4 flex gap-1">
      <Link href="/import/history" aria-current={all ? undefined : "page"} className={`${tab} ${all ? "text-gray-600 hover:bg-gray-100" : "bg-gray-200 text-gray-900 hover:text-gray-900"}`}>
        Your imports
      </Link>
      <Link href="/import/history?scope=all" aria-current={all ? "page" : undefined} className={`${tab} ${all ? "bg-gray-200 text-gray-900 hover:text-gray-900" : "text-gray-600 hover:bg-gray-100"}`}>
        All users
      </Link>
    </nav>
  );
}

function EmptyState() {
  return (
    <div className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-12 text-center">
      <h2 className="text-base font-semibold text-gray-900">No history is available</h2>
      <p className="mt-1 text-sm text-gray-600">Your imported groups and projects will appear here.</p>
      <div className="mt-4">
        <LinkButton href="/import/groups">Import groups</LinkButton>
      </div>
    </div>
  );
}
