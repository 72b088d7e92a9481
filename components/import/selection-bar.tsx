"use client";

import { SplitButton } from "./split-button";

/** The bulk actions: how many rows are selected, import them, and whether members come along. */
export function SelectionBar({
  count,
  disabled,
  migrateMemberships,
  onMigrateMemberships,
  onImport,
}: {
  count: number;
  disabled: boolean;
  migrateMemberships: boolean;
  onMigrateMemberships: (value: boolean) => void;
  onImport: (migrateProjects: boolean) => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-4">
      <label className="flex items-center gap-2 text-sm text-gray-800" title="Select whether user memberships in groups and projects are imported.">
        <input
          type="checkbox"
          checked={migrateMemberships}
          onChange={(e) => onMigrateMemberships(e.target.checked)}
          aria-describedby="memberships-hint"
          className="h-4 w-4 rounded border-gray-300 text-brand-600"
        />
        Import user memberships
        <span id="memberships-hint" className="sr-only">
          Select whether user memberships in groups and projects are imported.
        </span>
      </label>
      <span className="text-sm text-gray-600" aria-live="polite">
        {count} selected
      </span>
      <SplitButton
        label="Import selected with projects"
        menuLabel="Import selected without projects"
        menuAriaLabel="Import selected options"
        disabled={disabled || count === 0}
        onMain={() => onImport(true)}
        onMenu={() => onImport(false)}
      />
    </div>
  );
}
