"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/forms";

interface SettingsValues {
  signupEnabled: boolean;
  allowLocalSources: boolean;
  allowInsecureSources: boolean;
  directTransferEnabled: boolean;
  fileExportEnabled: boolean;
  fileImportEnabled: boolean;
  maxImportSizeMb: number;
  rateLimits: Record<RateLimitKey, number>;
}

type RateLimitKey = "groupImport" | "groupExport" | "groupDownloadExport" | "projectImport" | "projectExport" | "projectDownloadExport";

// GitLab's Admin → Settings → Network → Import and export rate limits, in its order.
const LIMITS: { name: string; key: RateLimitKey; label: string }[] = [
  { name: "project_import_limit", key: "projectImport", label: "Project imports per minute per user" },
  { name: "project_export_limit", key: "projectExport", label: "Project exports per minute per user" },
  { name: "project_download_export_limit", key: "projectDownloadExport", label: "Project export downloads per minute per user and project" },
  { name: "group_import_limit", key: "groupImport", label: "Group imports per minute per user" },
  { name: "group_export_limit", key: "groupExport", label: "Group exports per minute per user" },
  { name: "group_download_export_limit", key: "groupDownloadExport", label: "Group export downloads per minute per user and group" },
];

const OPTIONS: { name: string; key: "signupEnabled" | "allowLocalSources" | "allowInsecureSources" | "directTransferEnabled" | "fileExportEnabled" | "fileImportEnabled"; label: string; hint: string }[] = [
  { name: "signup_enabled", key: "signupEnabled", label: "Sign-up enabled", hint: "Anyone who can reach this Ferry can register an account." },
  { name: "direct_transfer_enabled", key: "directTransferEnabled", label: "Allow migrating groups from this instance by direct transfer", hint: "Other instances may export groups from this Ferry through the relation export API." },
  { name: "file_export_enabled", key: "fileExportEnabled", label: "Allow export of groups and projects to files", hint: "Owners and maintainers can download their groups and projects as GitLab export archives." },
  { name: "file_import_enabled", key: "fileImportEnabled", label: "Allow import of groups and projects from export files", hint: "Users can create groups and projects from GitLab export archives they upload." },
  { name: "allow_insecure_sources", key: "allowInsecureSources", label: "Allow source instances over plain HTTP", hint: "Tokens then travel unencrypted. Use only inside a trusted network." },
  { name: "allow_local_sources", key: "allowLocalSources", label: "Allow source instances on private or loopback addresses", hint: "Needed for sources inside your network; otherwise leave off to prevent server-side request forgery. Link-local and cloud metadata addresses stay refused (FERRY_ALLOW_LINK_LOCAL_SOURCES opens them)." },
];

export function SettingsForm({ action, settings }: { action: (s: ActionState, f: FormData) => Promise<ActionState>; settings: SettingsValues }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="max-w-2xl space-y-4">
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.success ? <Alert tone="success">{state.success}</Alert> : null}
      <div className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
        {OPTIONS.map((o) => (
          <label key={o.name} className="flex gap-3 p-4">
            <input type="checkbox" name={o.name} defaultChecked={settings[o.key]} className="mt-1" />
            <span>
              <span className="block text-sm font-medium">{o.label}</span>
              <span className="block text-xs text-gray-500">{o.hint}</span>
            </span>
          </label>
        ))}
      </div>
      <fieldset className="space-y-4 rounded-lg border border-gray-200 bg-white p-4">
        <legend className="px-1 text-sm font-semibold text-gray-900">Import and export limits</legend>
        <p className="text-xs text-gray-500">Uses beyond a limit are refused with 429 Too Many Requests. 0 means no limit.</p>
        <label className="block text-sm">
          <span className="block font-medium">Maximum import size (MiB)</span>
          <input type="number" name="max_import_size_mb" min={0} max={102400} required defaultValue={settings.maxImportSizeMb} className="mt-1 w-40 rounded-md border border-gray-300 px-2 py-1" />
          <span className="block text-xs text-gray-500">The largest export file a user may import; 0 leaves Ferry&apos;s own limit of 10 GiB.</span>
        </label>
        <div className="grid gap-3 sm:grid-cols-2">
          {LIMITS.map((limit) => (
            <label key={limit.name} className="block text-sm">
              <span className="block font-medium">{limit.label}</span>
              <input type="number" name={limit.name} min={0} max={10000} required defaultValue={settings.rateLimits[limit.key]} className="mt-1 w-28 rounded-md border border-gray-300 px-2 py-1" />
            </label>
          ))}
        </div>
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save changes"}
      </Button>
    </form>
  );
}
