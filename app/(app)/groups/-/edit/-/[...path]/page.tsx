import { GroupExport } from "@/components/groups/settings/group-export";
import { groupRoute, type GroupParams } from "@/app/(app)/groups/group-route";
import { fileExportView } from "@/lib/exchange";
import { getSettings } from "@/lib/settings";
import { exportGroupAction } from "../../actions";

const DOWNLOAD_ERRORS: Record<string, string> = {
  expired: "The export has expired or is not ready yet. Export the group again.",
  rate_limited: "You downloaded this export a moment ago. Downloads are limited: try again in a minute.",
};

/** Settings → General: for now its Advanced → Export group section, as GitLab lays it out. */
export default async function GroupSettingsPage({ params, searchParams }: { params: Promise<GroupParams>; searchParams: Promise<{ export_error?: string }> }) {
  const { user, group } = await groupRoute(params);
  const [settings, current, query] = await Promise.all([getSettings(), fileExportView({ kind: "group", id: group.id }, user.id), searchParams]);
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold text-gray-900">General settings</h1>
      <GroupExport
        action={exportGroupAction.bind(null, group.id)}
        enabled={settings.fileExportEnabled}
        state={current.state}
        finishedAt={current.finishedAt?.toISOString() ?? null}
        expiresAt={current.expiresAt?.toISOString() ?? null}
        downloadHref={`/groups/${group.fullPath}/-/download_export`}
        downloadError={query.export_error ? (DOWNLOAD_ERRORS[query.export_error] ?? null) : null}
      />
    </div>
  );
}
