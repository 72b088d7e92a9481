"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useFollowLocation } from "@/components/ui/use-follow-location";
import type { ActionState } from "@/lib/forms";

/** Advanced → Archive project, or Unarchive project when it is archived (an Owner's decision). */
export function ArchiveForm({ action, projectId, archived }: { action: (s: ActionState, f: FormData) => Promise<ActionState>; projectId: number; archived: boolean }) {
  const [state, formAction, pending] = useActionState(action, {});
  useFollowLocation(state.location);
  return (
    <form action={formAction} className="max-w-2xl space-y-3">
      {state.success ? <Alert tone="success">{state.success}</Alert> : null}
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <input type="hidden" name="project_id" value={projectId} />
      <input type="hidden" name="archived" value={archived ? "false" : "true"} />
      <p className="text-sm text-gray-600">
        {archived
          ? "Unarchiving makes the project writable again: pushes are accepted, and it shows as active in lists."
          : "Archiving makes the project read-only: its repository takes no more pushes, and it is marked archived everywhere. You can unarchive it at any time."}
      </p>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? (archived ? "Unarchiving…" : "Archiving…") : archived ? "Unarchive project" : "Archive project"}
      </Button>
    </form>
  );
}
