"use client";

import { useState } from "react";

const LEVELS = [
  { value: "private", label: "Private", hint: "Project access must be granted explicitly to each user. If this project is part of a group, access is granted to members of the group." },
  { value: "internal", label: "Internal", hint: "The project can be accessed by any signed-in user." },
  { value: "public", label: "Public", hint: "The project can be accessed without any authentication." },
] as const;
const RANK: Record<string, number> = { private: 0, internal: 10, public: 20 };

/**
 * A project's visibility level as radio buttons. A project is never more open than its group, so levels above `cap`
 * are disabled and say why, and a choice above it falls back to the cap (when the user picks another group). With
 * `lockedReason` nothing can be changed (and nothing is sent).
 */
export function VisibilityChoice({
  name,
  initial,
  cap,
  error,
  lockedReason,
}: {
  name: string;
  initial: string;
  cap?: { visibility: string; what: string };
  error?: string;
  lockedReason?: string;
}) {
  const [chosen, setChosen] = useState(initial);
  const allowed = (value: string) => !cap || RANK[value]! <= RANK[cap.visibility]!;
  const current = allowed(chosen) ? chosen : cap!.visibility;
  return (
    <fieldset aria-describedby={error ? `${name}-error` : lockedReason ? `${name}-locked` : undefined}>
      <legend className="text-sm font-medium text-gray-900">Visibility level</legend>
      {lockedReason ? (
        <p id={`${name}-locked`} className="mt-1 text-xs text-gray-500">
          {lockedReason}
        </p>
      ) : null}
      <div className="mt-2 space-y-2">
        {LEVELS.map((level) => {
          const disabled = Boolean(lockedReason) || !allowed(level.value);
          return (
            <label key={level.value} className={`flex gap-3 rounded-md border bg-white p-3 ${current === level.value ? "border-brand-600" : "border-gray-200"} ${disabled ? "cursor-not-allowed opacity-60" : ""}`}>
              <input type="radio" name={name} value={level.value} checked={current === level.value} onChange={() => setChosen(level.value)} disabled={disabled} className="mt-0.5" />
              <span>
                <span className="block text-sm font-medium">{level.label}</span>
                <span className="block text-xs text-gray-500">{!lockedReason && !allowed(level.value) ? `Not available: ${cap!.what} is ${cap!.visibility}, and a project cannot be more visible than its group.` : level.hint}</span>
              </span>
            </label>
          );
        })}
      </div>
      {error ? (
        <p id={`${name}-error`} role="alert" className="mt-1 text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
