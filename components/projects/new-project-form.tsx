"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { TextAreaField } from "@/components/ui/text-area-field";
import type { ActionState } from "@/lib/forms";
import { projectNameError, projectPathError, projectPathFromName } from "@/lib/groups/path-rules";
import { VisibilityChoice } from "./visibility-choice";

interface NamespaceOption {
  id: number;
  fullPath: string;
  visibility: string;
}

/**
 * GitLab's "Create blank project": the name, the group and the slug it makes the address of (from the name, as GitLab
 * suggests it, until the user edits it), the visibility (never more open than the group's), a description, and a first
 * commit with a README, on by default. Checked as the user types with the rules the server applies again.
 */
export function NewProjectForm({
  action,
  origin,
  namespaces,
  defaultNamespaceId,
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  origin: string;
  namespaces: NamespaceOption[];
  defaultNamespaceId?: number;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  const [name, setName] = useState(v.name ?? "");
  const [path, setPath] = useState(v.path ?? "");
  const [pathTouched, setPathTouched] = useState(Boolean(v.path));
  const [namespaceId, setNamespaceId] = useState(v.namespace_id ?? (defaultNamespaceId ? String(defaultNamespaceId) : ""));
  const namespace = namespaces.find((n) => String(n.id) === namespaceId);
  const shownPath = pathTouched ? path : projectPathFromName(name);
  const liveNameError = name ? projectNameError(name) : null;
  const livePathError = shownPath ? projectPathError(shownPath) : null;
  // The server's word on a field holds until the user changes what it was about.
  const nameError = errors.name && name === v.name ? errors.name : liveNameError ? `Name ${liveNameError}` : undefined;
  const pathError = errors.path && shownPath === v.path ? errors.path : livePathError ? `Path ${livePathError}` : undefined;

  return (
    <form action={formAction} className="max-w-2xl space-y-5" noValidate>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <Field
        label="Project name"
        name="name"
        required
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={nameError}
        hint="Must start with a letter, digit, emoji, or underscore. Can also contain periods, dashes, spaces, and plus signs."
        autoFocus
      />
      <div className="grid gap-4 sm:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div>
          <label htmlFor="namespace_id" className="block text-sm font-medium text-gray-900">
            Project URL
          </label>
          <div className={`mt-1 flex rounded-md shadow-xs ring-1 ring-inset ${errors.namespace_id ? "ring-red-500" : "ring-gray-300"} focus-within:ring-2 focus-within:ring-brand-600`}>
            <span className="flex max-w-[45%] select-none items-center truncate rounded-l-md border-r border-gray-200 bg-gray-50 px-3 text-sm text-gray-500" title={`${origin}/`}>
              {`${origin}/`}
            </span>
            <select
              id="namespace_id"
              name="namespace_id"
              required
              value={namespaceId}
              onChange={(e) => setNamespaceId(e.target.value)}
              aria-invalid={errors.namespace_id ? true : undefined}
              aria-describedby={errors.namespace_id ? "namespace_id-error" : undefined}
              className="block w-full min-w-0 flex-1 rounded-r-md border-0 bg-transparent px-3 py-2 text-sm text-gray-900 focus:outline-none"
            >
              <option value="" disabled>
                Pick a group
              </option>
              {namespaces.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.fullPath}
                </option>
              ))}
            </select>
          </div>
          {errors.namespace_id ? (
            <p id="namespace_id-error" role="alert" className="mt-1 text-sm text-red-600">
              {errors.namespace_id}
            </p>
          ) : null}
        </div>
        <Field
          label="Project slug"
          name="path"
          required
          value={shownPath}
          onChange={(e) => {
            setPathTouched(true);
            setPath(e.target.value);
          }}
          error={pathError}
          hint="Lowercase letters, digits and dashes, made from the name until you change it."
        />
      </div>
      <VisibilityChoice name="visibility" initial={v.visibility ?? "private"} cap={namespace ? { visibility: namespace.visibility, what: `the group ${namespace.fullPath}` } : undefined} error={errors.visibility} />
      <TextAreaField label="Project description (optional)" name="description" maxLength={2000} defaultValue={v.description} error={errors.description} />
      <fieldset>
        <legend className="text-sm font-medium text-gray-900">Project configuration</legend>
        <label className="mt-2 flex gap-3 rounded-md border border-gray-200 bg-white p-3">
          <input type="checkbox" name="initialize_with_readme" defaultChecked={state.values ? v.initialize_with_readme === "on" : true} className="mt-0.5" aria-describedby="readme-hint" />
          <span>
            <span className="block text-sm font-medium">Initialize repository with a README</span>
            <span id="readme-hint" className="block text-xs text-gray-500">
              Allows you to immediately clone this project&apos;s repository. Skip this if you plan to push up an existing repository.
            </span>
          </span>
        </label>
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending || Boolean(livePathError) || Boolean(liveNameError) || !namespace}>
          {pending ? "Creating…" : "Create project"}
        </Button>
        <Link href={namespace ? `/groups/${namespace.fullPath}` : "/dashboard/groups"} className="text-sm">
          Cancel
        </Link>
      </div>
    </form>
  );
}
