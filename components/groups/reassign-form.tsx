"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/forms";
import { UserPicker, type PickedUser } from "./user-picker";

/** Reassigns one placeholder: pick a real account, confirm; the page refreshes with the membership moved. */
export function ReassignForm({
  placeholderId,
  placeholderLabel,
  action,
  search,
}: {
  placeholderId: number;
  placeholderLabel: string;
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  search: (query: string) => Promise<PickedUser[]>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const [target, setTarget] = useState<PickedUser | null>(null);
  const message = state.error ?? state.fieldErrors?.target_user_id;
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2" aria-label={`Reassign ${placeholderLabel}`}>
      <input type="hidden" name="placeholder_id" value={placeholderId} />
      <input type="hidden" name="target_user_id" value={target?.id ?? ""} />
      <UserPicker label={`Reassign ${placeholderLabel} to`} value={target} onChange={setTarget} search={search} />
      <Button type="submit" size="sm" disabled={pending || !target}>
        {pending ? "Reassigning…" : "Reassign"}
      </Button>
      {message ? (
        <p role="alert" className="w-full text-sm text-red-600">
          {message}
        </p>
      ) : null}
    </form>
  );
}
