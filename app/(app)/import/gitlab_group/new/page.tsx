import Link from "next/link";
import { FileImportForm } from "@/components/import/file-import-form";
import { PageHeader } from "@/components/ui/page-header";
import { listGroups, SUBGROUP_CREATION_MIN_LEVEL } from "@/lib/groups";
import { getSettings } from "@/lib/settings";
import { requestOrigin } from "../../../request-origin";
import { requireUser } from "../../../require-user";

export const metadata = { title: "Import group" };
export const dynamic = "force-dynamic";

/** New group → Import group → Import from an export file (GitLab's /groups/new#import-group-pane). */
export default async function ImportGroupPage({ searchParams }: { searchParams: Promise<{ parent_id?: string }> }) {
  const user = await requireUser();
  const { parent_id } = await searchParams;
  const [{ rows }, settings, origin] = await Promise.all([
    listGroups(user, { minAccessLevel: user.isAdmin ? undefined : SUBGROUP_CREATION_MIN_LEVEL, orderBy: "path", page: 1, perPage: 100 }),
    getSettings(),
    requestOrigin(),
  ]);
  const parents = rows.map((g) => ({ id: g.id, fullPath: g.fullPath })).sort((a, b) => a.fullPath.localeCompare(b.fullPath));
  return (
    <>
      <p className="mb-3 text-sm">
        <Link href="/groups/new">‹ New group</Link>
      </p>
      <PageHeader
        title="Import group"
        description={
          <>
            Import a group and its subgroups from a GitLab export file (<code>.tar.gz</code>). Moving groups from a running GitLab instance? Use{" "}
            <Link href="/import/groups">direct transfer</Link>.
          </>
        }
      />
      {settings.fileImportEnabled ? (
        <section aria-labelledby="from-file">
          <h2 id="from-file" className="mb-4 text-lg font-semibold text-gray-900">
            Import from an export file
          </h2>
          <FileImportForm kind="group" parents={parents} defaultParentId={parent_id ? Number(parent_id) : undefined} origin={origin} maxImportSizeMb={settings.maxImportSizeMb} />
        </section>
      ) : (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">An administrator has turned off importing groups from export files.</p>
      )}
    </>
  );
}
