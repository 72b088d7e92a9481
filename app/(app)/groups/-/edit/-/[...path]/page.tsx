import { GroupExport } from "@/components/groups/settings/group-export";
import { groupRoute, type GroupParams } from "@/app/(app)/groups/group-route";
import { fileExportView } from "@/lib/exchange";
import { getSettings } from "@/lib/settings";
import { DOWNLOAD_ERRORS } from "@/app/(app)/file-exports";
import { exportGroupAction } from "../../actions";

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
        downloadError={DOWNLOAD_ERRORS[query.export_error ?? ""]?.("group") ?? null}
      />
    </div>
  );
}
