import { cookies } from "next/headers";
import { ConnectForm } from "@/components/import/connect-form";
import { ConnectionBar } from "@/components/import/connection-bar";
import { ImportGroupsTable } from "@/components/import/import-groups-table";
import { PER_PAGE_COOKIE } from "@/components/import/per-page";
import { LinkButton } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { destinationGroup, getConnection, PER_PAGE_CHOICES } from "@/lib/sources";
import { requireUser } from "../../require-user";
import { connectAction, disconnectAction } from "./actions";

export const metadata = { title: "Import groups" };

export default async function ImportGroupsPage({ searchParams }: { searchParams: Promise<{ namespace_id?: string }> }) {
  const user = await requireUser();
  const connection = await getConnection(user.id);
  const { namespace_id } = await searchParams;
  // GitLab's ?namespace_id=: rows start with that parent chosen, when the user may import into it.
  const defaultParent = namespace_id && /^\d+$/.test(namespace_id) ? await destinationGroup(user, Number(namespace_id)) : null;
  const savedPerPage = Number((await cookies()).get(PER_PAGE_COOKIE)?.value);
  const perPage = (PER_PAGE_CHOICES as readonly number[]).includes(savedPerPage) ? savedPerPage : 20;

  return (
    <>
      <PageHeader
        title="Import groups by direct transfer"
        description="Select the groups and projects you want to import."
        actions={
          <LinkButton href="/import/history" variant="secondary">
            View import history
          </LinkButton>
        }
      />
      {connection ? (
        <div className="space-y-4">
          {/* Keyed by the instance, so that a switch starts both afresh. Sibling keys must differ: two children
              with one key made React keep the old bar beside the new one, its form still "Connecting…". */}
          <ConnectionBar key={`bar:${connection.url}`} connection={connection} connectAction={connectAction} disconnectAction={disconnectAction} />
          <ImportGroupsTable
            key={`groups:${connection.url}`}
            source={connection.url}
            initialPerPage={perPage}
            defaultParent={defaultParent ? { id: defaultParent.id, fullPath: defaultParent.fullPath } : undefined}
          />
        </div>
      ) : (
        <section aria-labelledby="connect-heading" className="max-w-2xl rounded-lg border border-gray-200 bg-white p-6">
          <h2 id="connect-heading" className="text-lg font-semibold text-gray-900">
            Connect to the source GitLab instance
          </h2>
          <p className="mt-1 text-sm text-gray-600">
            Ferry imports groups you own on another GitLab instance (version 14.0 or later) by direct transfer: their
            subgroups, labels, milestones, badges, boards, epics and members.
          </p>
          <ConnectForm action={connectAction} className="mt-5" />
        </section>
      )}
    </>
  );
}
