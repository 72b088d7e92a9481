"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionState } from "@/lib/forms";

/** Advanced → Delete project: only once the user has typed the project's full path, as GitLab asks. */
export function DeleteProjectForm({ action, projectId, fullPath }: { action: (s: ActionState, f: FormData) => Promise<ActionState>; projectId: number; fullPath: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  const [typed, setTyped] = useState("");
  return (
    <form action={formAction} className="max-w-2xl space-y-3" noValidate>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <input type="hidden" name="project_id" value={projectId} />
      <p className="text-sm text-gray-700">
        This deletes <strong className="font-mono text-xs">{fullPath}</strong> with its repository, wiki and everything it holds, at once. There is no going back.
      </p>
      <Field
        label={`Enter ${fullPath} to confirm`}
        name="confirm_path"
        autoComplete="off"
        spellCheck={false}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        error={state.fieldErrors?.confirm_path}
      />
      <Button type="submit" variant="danger" disabled={pending || typed.trim() !== fullPath}>
        {pending ? "Deleting…" : "Yes, delete project"}
      </Button>
    </form>
  );
}
