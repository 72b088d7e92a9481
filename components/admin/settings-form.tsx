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
}

const OPTIONS: { name: string; key: keyof SettingsValues; label: string; hint: string }[] = [
  { name: "signup_enabled", key: "signupEnabled", label: "Sign-up enabled", hint: "Anyone who can reach this Ferry can register an account." },
  { name: "direct_transfer_enabled", key: "directTransferEnabled", label: "Allow migrating groups from this instance by direct transfer", hint: "Other instances may export groups from this Ferry through the relation export API." },
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
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save changes"}
      </Button>
    </form>
  );
}
