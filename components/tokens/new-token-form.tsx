"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { TOKEN_SCOPE_DETAILS } from "@/lib/auth/scopes";
import type { ActionState } from "@/lib/forms";

export function NewTokenForm({ action }: { action: (s: ActionState, f: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, {});
  const [copied, setCopied] = useState(false);
  const e = state.fieldErrors ?? {};
  return (
    <div className="space-y-4">
      {state.secret ? (
        <Alert tone="success" title={state.success}>
          <p>Make sure you save it — you won&apos;t be able to access it again.</p>
          <div className="mt-2 flex items-center gap-2">
            <input readOnly aria-label="Your new personal access token" value={state.secret} className="w-full rounded border border-green-300 bg-white px-2 py-1 font-mono text-sm" onFocus={(ev) => ev.currentTarget.select()} />
            <Button
              variant="secondary"
              size="sm"
              onClick={async () => {
                await navigator.clipboard?.writeText(state.secret ?? "");
                setCopied(true);
              }}
            >
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
        </Alert>
      ) : null}
      <form action={formAction} className="space-y-4 rounded-lg border border-gray-200 bg-white p-5" noValidate>
        <h2 className="text-base font-semibold">Add a personal access token</h2>
        <Field label="Token name" name="name" required defaultValue={state.secret ? "" : state.values?.name} error={e.name} key={state.secret ?? "form"} />
        <Field label="Expiration date (optional)" name="expires_at" type="date" defaultValue={state.secret ? "" : state.values?.expires_at} error={e.expiresAt} hint="Leave empty for a token that does not expire." />
        <fieldset>
          <legend className="text-sm font-medium text-gray-900">Scopes</legend>
          <div className="mt-2 space-y-2">
            {TOKEN_SCOPE_DETAILS.map((s) => (
              <label key={s.scope} className="flex gap-3 text-sm">
                <input type="checkbox" name="scopes" value={s.scope} className="mt-0.5" />
                <span>
                  <span className="font-mono font-medium">{s.scope}</span>
                  <span className="block text-xs text-gray-500">{s.description}</span>
                </span>
              </label>
            ))}
          </div>
          {e.scopes ? (
            <p role="alert" className="mt-1 text-sm text-red-600">
              {e.scopes}
            </p>
          ) : null}
        </fieldset>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
    </div>
  );
}
