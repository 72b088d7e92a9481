"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { targetError, TARGET_MESSAGES, type ImportTarget } from "@/lib/sources/target-rules";
import { ImportStatus } from "./import-status";
import { ParentGroupCombobox } from "./parent-group-combobox";
import { usePathAvailability } from "./path-availability-query";
import type { RowMode, RowServerError, RowTarget, RowValidity } from "./row-state";
import { SplitButton } from "./split-button";
import type { SourceGroupJson } from "@/lib/migration/wire";
import { useDebouncedValue } from "./use-debounced-value";

const VALIDATION_DEBOUNCE_MS = 400;

function ExternalIcon() {
  return (
    <svg viewBox="0 0 16 16" className="h-3.5 w-3.5 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
      <path d="M9 3h4v4M13 3 7 9M11 9.5V13H3V5h3.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export interface ImportGroupRowProps {
  group: SourceGroupJson;
  mode: RowMode;
  target: RowTarget;
  /** The other editable rows' targets, for "Name already used as a target for another group." */
  otherTargets: readonly ImportTarget[];
  scheduling: boolean;
  serverError: RowServerError | undefined;
  selected: boolean;
  selectable: boolean;
  cancelling: boolean;
  onTargetChange: (id: number, target: RowTarget) => void;
  onSelectedChange: (id: number, selected: boolean) => void;
  onValidity: (id: number, validity: RowValidity) => void;
  onImport: (id: number, migrateProjects: boolean) => void;
  onReimport: (id: number) => void;
  onCancel: (bulkImportId: number) => void;
}

export function ImportGroupRow(props: ImportGroupRowProps) {
  const { group, mode, target, otherTargets, scheduling, serverError, selected, selectable, cancelling } = props;
  const { onTargetChange, onValidity } = props;
  const editable = (mode === "new" || mode === "reimport") && !scheduling;
  const pathInput = useRef<HTMLInputElement>(null);

  // Validation runs on what the user stopped typing; the server is asked only about a path that passed the rest.
  const settled = useDebouncedValue(target, VALIDATION_DEBOUNCE_MS);
  const localError = targetError(settled, otherTargets, undefined);
  const availability = usePathAvailability(settled.parent?.id, settled.path, editable && localError === null);
  const error = editable ? (localError ?? targetError(settled, otherTargets, availability.data?.exists)) : null;
  const checking = editable && (settled !== target || (localError === null && availability.isFetching));
  const visible = target.attempted || target.pathTouched || target.parent !== undefined;
  const shownError = serverError?.message ?? (visible && error ? error.message : null);
  const blocked = Boolean((visible && error) || serverError?.blocking);

  useEffect(() => {
    onValidity(group.id, { error, checking });
    // error is a fresh object each render: its message is what changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [group.id, error?.message, checking, onValidity]);

  // A default path that is taken gives way to the server's free suggestion, until the user types their own.
  const suggestion = availability.data?.exists ? availability.data.suggestion : null;
  useEffect(() => {
    if (suggestion && !target.pathTouched && settled === target && editable) onTargetChange(group.id, { ...target, path: suggestion });
  }, [suggestion, target, settled, editable, group.id, onTargetChange]);

  useEffect(() => {
    if (mode === "reimport") pathInput.current?.focus();
  }, [mode]);

  const last = group.lastImport;
  const shownTarget =
    editable || !last
      ? target
      : { parent: { id: last.destinationParentId, fullPath: last.destinationNamespace }, path: last.destinationSlug, pathTouched: false, attempted: false };
  const errorId = `import-row-${group.id}-error`;
  const reimportNoteId = `import-row-${group.id}-reimport`;

  return (
    <tr data-testid="import-item" data-source-group={group.fullPath} className="align-top">
      <td className="py-3 pr-2 pl-4">
        <input
          type="checkbox"
          aria-label={`Select ${group.fullPath}`}
          checked={selected}
          disabled={!selectable}
          onChange={(e) => props.onSelectedChange(group.id, e.target.checked)}
          className="mt-2 h-4 w-4 rounded border-gray-300 text-brand-600 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-40"
        />
      </td>
      <td className="px-3 pt-[1.15rem] pb-3">
        {group.webUrl ? (
          <a href={group.webUrl} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 font-medium break-all">
            {group.fullPath}
            <ExternalIcon />
            <span className="sr-only">(opens in a new tab)</span>
          </a>
        ) : (
          <span className="font-medium break-all">{group.fullPath}</span>
        )}
        {group.name !== group.fullPath ? <p className="text-xs text-gray-500">{group.fullName}</p> : null}
        {last && (mode === "done" || mode === "reimport") ? (
          <p className="mt-1 text-xs text-gray-600">
            Last imported to <Link href={`/groups/${last.destinationFullPath}`}>{last.destinationFullPath}</Link>
          </p>
        ) : null}
      </td>
      <td className="px-3 py-3">
        <div className="flex items-center gap-1.5">
          <div className="w-56 shrink-0">
            <ParentGroupCombobox
              label={`Parent group for ${group.fullPath}`}
              value={shownTarget.parent}
              disabled={!editable}
              invalid={editable && visible && error?.field === "parent"}
              describedBy={shownError ? errorId : undefined}
              onChange={(parent) => onTargetChange(group.id, { ...target, parent })}
            />
          </div>
          <span className="text-gray-400" aria-hidden="true">
            /
          </span>
          <input
            ref={pathInput}
            aria-label={`New path for ${group.fullPath}`}
            value={shownTarget.path}
            disabled={!editable}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={(editable && visible && error?.field === "path") || undefined}
            aria-describedby={[shownError ? errorId : null, mode === "reimport" ? reimportNoteId : null].filter(Boolean).join(" ") || undefined}
            onChange={(e) => onTargetChange(group.id, { ...target, path: e.target.value, pathTouched: true })}
            className={`h-9 min-w-0 flex-1 rounded-md border-0 px-2.5 text-sm shadow-xs ring-1 ring-inset focus:ring-2 focus:ring-brand-600 focus:outline-none disabled:bg-gray-50 disabled:text-gray-500 ${
              editable && visible && error?.field === "path" ? "ring-red-500" : "ring-gray-300"
            }`}
          />
        </div>
        {mode === "reimport" ? (
          <p id={reimportNoteId} className="mt-1 text-xs text-gray-600">
            {TARGET_MESSAGES.reimport}
          </p>
        ) : null}
        {editable && shownError ? (
          <p id={errorId} role="alert" className={`mt-1 text-xs ${serverError && !serverError.blocking ? "text-amber-700" : "text-red-600"}`}>
            {shownError}
          </p>
        ) : null}
      </td>
      <td className="px-3 pt-[1.1rem] pb-3">
        <ImportStatus lastImport={last} scheduling={scheduling} running={mode === "running"} />
      </td>
      <td className="py-3 pr-4 pl-3 text-right">
        {mode === "running" ? (
          <Button variant="secondary" size="sm" disabled={cancelling} onClick={() => last && props.onCancel(last.bulkImportId)}>
            {cancelling ? "Cancelling…" : "Cancel"}
          </Button>
        ) : mode === "done" ? (
          <Button variant="secondary" size="sm" title="Re-import creates a new group. It does not sync with the existing group." onClick={() => props.onReimport(group.id)}>
            Re-import
          </Button>
        ) : (
          <SplitButton
            label={mode === "reimport" ? "Re-import with projects" : "Import with projects"}
            menuLabel={mode === "reimport" ? "Re-import without projects" : "Import without projects"}
            menuAriaLabel={`Import options for ${group.fullPath}`}
            disabled={scheduling || blocked || checking}
            onMain={() => props.onImport(group.id, true)}
            onMenu={() => props.onImport(group.id, false)}
          />
        )}
      </td>
    </tr>
  );
}
