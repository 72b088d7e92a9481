"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionState } from "@/lib/forms";

export function SignUpForm({ action }: { action: (s: ActionState, f: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <Field label="Full name" name="name" autoComplete="name" required defaultValue={v.name} error={e.name} />
      <Field label="Username" name="username" autoComplete="username" required defaultValue={v.username} error={e.username} />
      <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={v.email} error={e.email} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required hint="At least 8 characters." error={e.password} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating account…" : "Register"}
      </Button>
    </form>
  );
}
