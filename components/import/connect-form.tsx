"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionState } from "@/lib/forms";

/** Source URL and personal access token. The token field is a password input and is never filled in again. */
export function ConnectForm({
  action,
  className = "",
  onCancel,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  className?: string;
  onCancel?: () => void;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className={`space-y-4 ${className}`} noValidate aria-label="Connect a source instance">
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <Field
        label="Source GitLab instance URL"
        name="url"
        type="url"
        inputMode="url"
        autoComplete="url"
        placeholder="https://gitlab.example.com"
        defaultValue={state.values?.url}
        key={`url-${state.values?.url ?? ""}`}
        error={errors.url}
        required
      />
      <Field
        label="Personal access token"
        name="token"
        type="password"
        autoComplete="off"
        spellCheck={false}
        error={errors.token}
        hint={
          <>
            Create it on the source instance under <strong>User settings → Access tokens</strong>, with the{" "}
            <code className="rounded bg-gray-100 px-1">api</code> scope. Ferry keeps it encrypted and never shows it again.
          </>
        }
        required
      />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Connecting…" : "Connect instance"}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
