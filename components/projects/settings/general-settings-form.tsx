"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useFollowLocation } from "@/components/ui/use-follow-location";
import { Field } from "@/components/ui/field";
import { TextAreaField } from "@/components/ui/text-area-field";
import type { ActionState } from "@/lib/forms";
import { VisibilityChoice } from "../visibility-choice";

export interface GeneralSettings {
  id: number;
  name: string;
  description: string;
  /** Comma-separated, as the field shows them. */
  topics: string;
  visibility: string;
}

const boxClass = "mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm shadow-xs ring-1 ring-inset focus:ring-2 focus:ring-brand-600";

/**
 * A project's general settings: name, topics, description, visibility (an Owner's to change, never above the group's)
 * and the default branch, one of the repository's branches. What the user typed stays after a refusal.
 */
export function GeneralSettingsForm({
  action,
  project,
  visibilityCap,
  canChangeVisibility,
  branches,
  moreBranches,
  defaultBranch,
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  project: GeneralSettings;
  visibilityCap: { visibility: string; what: string };
  canChangeVisibility: boolean;
  branches: string[];
  moreBranches: boolean;
  defaultBranch: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  useFollowLocation(state.location);
  // Controlled: React resets a form after its action, and an uncontrolled <select> would go back to its first option
  // (its defaultValue is not an attribute a reset reads), showing a branch other than the one just saved.
  const [branch, setBranch] = useState(v.default_branch ?? defaultBranch);
  return (
    <form action={formAction} className="max-w-2xl space-y-5" noValidate>
      {state.success ? <Alert tone="success">{state.success}</Alert> : null}
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <input type="hidden" name="project_id" value={project.id} />
      <Field label="Project name" name="name" required defaultValue={v.name ?? project.name} error={errors.name} />
      <Field label="Topics" name="topics" defaultValue={v.topics ?? project.topics} error={errors.topics} hint="Separate topics with commas." />
      <TextAreaField label="Project description (optional)" name="description" maxLength={2000} defaultValue={v.description ?? project.description} error={errors.description} />
      <VisibilityChoice
        name="visibility"
        initial={project.visibility}
        cap={visibilityCap}
        error={errors.visibility}
        lockedReason={canChangeVisibility ? undefined : "Only an Owner of the project can change its visibility."}
      />
      <div>
        <label htmlFor="default_branch" className="block text-sm font-medium text-gray-900">
          Default branch
        </label>
        {branches.length > 0 ? (
          <select
            id="default_branch"
            name="default_branch"
            value={branch}
            onChange={(e) => setBranch(e.target.value)}
            aria-describedby="default_branch-hint"
            aria-invalid={errors.default_branch ? true : undefined}
            className={`${boxClass} ${errors.default_branch ? "ring-red-500" : "ring-gray-300"}`}
          >
            {branches.map((branch) => (
              <option key={branch} value={branch}>
                {branch}
              </option>
            ))}
          </select>
        ) : (
          <select id="default_branch" disabled aria-describedby="default_branch-hint" className={`${boxClass} bg-gray-50 text-gray-500 ring-gray-300`}>
            <option>{defaultBranch}</option>
          </select>
        )}
        <p id="default_branch-hint" className="mt-1 text-xs text-gray-500">
          {branches.length === 0
            ? "The repository has no branches yet: once one is pushed, you can choose it here."
            : `The branch the project's page, file browser and new clones open at.${moreBranches ? " Only the first 100 branches are listed." : ""}`}
        </p>
        {errors.default_branch ? (
          <p role="alert" className="mt-1 text-sm text-red-600">
            {errors.default_branch}
          </p>
        ) : null}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save changes"}
      </Button>
    </form>
  );
}
