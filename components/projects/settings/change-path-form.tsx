"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionState } from "@/lib/forms";

/** Advanced → Change path: the project's new address in its group, after a warning of what that breaks. */
export function ChangePathForm({ action, projectId, path, prefix }: { action: (s: ActionState, f: FormData) => Promise<ActionState>; projectId: number; path: string; prefix: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? {};
  return (
    <form action={formAction} className="max-w-2xl space-y-4" noValidate>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <input type="hidden" name="project_id" value={projectId} />
      <Alert tone="warning" title="Changing the path can have unintended side effects.">
        The project&apos;s pages and its repository move to the new address and the old one answers nothing: update your local clones (
        <span className="font-mono text-xs">git remote set-url origin &lt;new URL&gt;</span>), scripts and links.
      </Alert>
      <Field label="Path" name="path" prefix={prefix} required defaultValue={v.path ?? path} error={state.fieldErrors?.path} />
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? "Changing…" : "Change path"}
      </Button>
    </form>
  );
}
