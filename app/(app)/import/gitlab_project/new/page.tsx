import Link from "next/link";
import { FileImportForm } from "@/components/import/file-import-form";
import { PageHeader } from "@/components/ui/page-header";
import { ACCESS_LEVELS } from "@/lib/db";
import { getSettings } from "@/lib/settings";
import { creatableNamespaces } from "../../../projects/new/create-request";
import { requestOrigin } from "../../../request-origin";
import { requireUser } from "../../../require-user";

export const metadata = { title: "Import project" };
export const dynamic = "force-dynamic";

/** New project → Import project → GitLab export (GitLab's /import/gitlab_project/new), into a group the user may create projects in. */
export default async function ImportProjectPage({ searchParams }: { searchParams: Promise<{ namespace_id?: string }> }) {
  const user = await requireUser();
  const { namespace_id } = await searchParams;
  const [creatable, settings, origin] = await Promise.all([creatableNamespaces(user), getSettings(), requestOrigin()]);
  // Importing takes a Maintainer of the group (GitLab's import_projects), more than creating a blank project may.
  const namespaces = creatable.filter((g) => user.isAdmin || (g.accessLevel ?? 0) >= ACCESS_LEVELS.maintainer);
  const wanted = namespace_id && /^\d+$/.test(namespace_id) ? Number(namespace_id) : undefined;
  return (
    <>
      <p className="mb-3 text-sm">
        <Link href="/projects/new">‹ New project</Link>
      </p>
      <PageHeader
        title="Import project"
        description={
          <>
            Import a project from a GitLab export file (<code>.tar.gz</code>): its repository, wiki, issues, merge requests and the rest. Moving projects from a running
            GitLab instance? Use <Link href="/import/groups">direct transfer</Link>.
          </>
        }
      />
      {!settings.fileImportEnabled ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">An administrator has turned off importing projects from export files.</p>
      ) : namespaces.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">
          There is no group you can import a project into: that takes a Maintainer of the group. <Link href="/groups/new">Create a group</Link> first.
        </p>
      ) : (
        <section aria-labelledby="from-file">
          <h2 id="from-file" className="mb-4 text-lg font-semibold text-gray-900">
            GitLab export
          </h2>
          <FileImportForm
            kind="project"
            parents={namespaces.map((g) => ({ id: g.id, fullPath: g.fullPath }))}
            defaultParentId={wanted !== undefined && namespaces.some((g) => g.id === wanted) ? wanted : undefined}
            origin={origin}
            maxImportSizeMb={settings.maxImportSizeMb}
          />
        </section>
      )}
    </>
  );
}
