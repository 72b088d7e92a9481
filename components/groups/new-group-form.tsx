"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { TextAreaField } from "@/components/ui/text-area-field";
import type { ActionState } from "@/lib/forms";
import { GroupPathField, ParentGroupSelect, useGroupPlace } from "./group-path-fields";

interface ParentOption {
  id: number;
  fullPath: string;
  visibility: string;
}

const VISIBILITY = [
  { value: "private", label: "Private", hint: "The group and its projects can only be viewed by members." },
  { value: "internal", label: "Internal", hint: "The group and any internal projects can be viewed by any signed-in user." },
  { value: "public", label: "Public", hint: "The group and any public projects can be viewed without signing in." },
];
const RANK: Record<string, number> = { private: 0, internal: 10, public: 20 };

export function NewGroupForm({
  action,
  parents,
  defaultParentId,
  origin,
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  parents: ParentOption[];
  defaultParentId?: number;
  origin: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? {};
  const [name, setName] = useState(v.name ?? "");
  const { parent, parentId, setParentId, shownPath, typePath, ruleError: livePathError } = useGroupPlace(parents, name, { path: v.path, parentId: v.parent_id ?? (defaultParentId ? String(defaultParentId) : "") });
  const errors = state.fieldErrors ?? {};

  return (
    <form action={formAction} className="max-w-2xl space-y-5" noValidate>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <Field label="Group name" name="name" required value={name} onChange={(e) => setName(e.target.value)} error={errors.name} hint="Must start with a letter, digit, emoji, or underscore." autoFocus />
      <ParentGroupSelect parents={parents} value={parentId} onChange={setParentId} error={errors.parentId} />
      <GroupPathField label="Group URL" origin={origin} parent={parent} value={shownPath} onChange={typePath} error={errors.path ?? livePathError ?? undefined} />
      <fieldset>
        <legend className="text-sm font-medium text-gray-900">Visibility level</legend>
        <div className="mt-2 space-y-2">
          {VISIBILITY.map((option) => {
            const disabled = parent ? RANK[option.value]! > RANK[parent.visibility]! : false;
            return (
              <label key={option.value} className={`flex gap-3 rounded-md border border-gray-200 bg-white p-3 ${disabled ? "opacity-50" : ""}`}>
                <input type="radio" name="visibility" value={option.value} defaultChecked={(v.visibility ?? "private") === option.value} disabled={disabled} className="mt-0.5" />
                <span>
                  <span className="block text-sm font-medium">{option.label}</span>
                  <span className="block text-xs text-gray-500">{disabled ? "Not available: the parent group is more restricted." : option.hint}</span>
                </span>
              </label>
            );
          })}
        </div>
        {errors.visibility ? (
          <p role="alert" className="mt-1 text-sm text-red-600">
            {errors.visibility}
          </p>
        ) : null}
      </fieldset>
      <TextAreaField label="Description (optional)" name="description" defaultValue={v.description} error={errors.description} />
      <Button type="submit" disabled={pending || Boolean(livePathError)}>
        {pending ? "Creating…" : "Create group"}
      </Button>
    </form>
  );
}
