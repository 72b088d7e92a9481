"use client";

import { useState } from "react";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { groupPathError, pathFromName } from "@/lib/groups/path-rules";

export interface ParentGroupOption {
  id: number;
  fullPath: string;
}

/** How a place's path is made from the name and checked as typed: a group's rules, or a project's. */
export interface PathRules {
  pathFromName: (name: string) => string;
  pathError: (path: string, parent: ParentGroupOption | undefined) => string | null;
}

export const GROUP_PATH_RULES: PathRules = { pathFromName, pathError: (path, parent) => groupPathError(path, !parent) };

/**
 * Where a new group (or an imported project) goes, as the new-group and import-by-file forms ask it: the parent group,
 * and the path, made from the name until the user types one, and checked as typed with the rules the server applies
 * again on submit.
 */
export function useGroupPlace<P extends ParentGroupOption>(parents: P[], name: string, initial: { path?: string; parentId?: string }, rules: PathRules = GROUP_PATH_RULES) {
  const [path, setPath] = useState(initial.path ?? "");
  const [pathTouched, setPathTouched] = useState(Boolean(initial.path));
  const [parentId, setParentId] = useState(initial.parentId ?? "");
  const parent = parents.find((p) => String(p.id) === parentId);
  const shownPath = pathTouched ? path : rules.pathFromName(name);
  const ruleError = shownPath ? rules.pathError(shownPath, parent) : null;
  const typePath = (value: string) => {
    setPathTouched(true);
    setPath(value);
  };
  return { parent, parentId, setParentId, shownPath, typePath, ruleError };
}

export function ParentGroupSelect({
  parents,
  value,
  onChange,
  disabled,
  error,
  label = "Parent group",
  noneLabel = "No parent (top-level group)",
}: {
  parents: ParentGroupOption[];
  value: string;
  onChange: (id: string) => void;
  disabled?: boolean;
  error?: string;
  label?: string;
  /** The empty choice: top level for a group, "pick one" where a group is required. */
  noneLabel?: string;
}) {
  return (
    <SelectField label={label} name="parent_id" value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} error={error}>
      <option value="">{noneLabel}</option>
      {parents.map((p) => (
        <option key={p.id} value={p.id}>
          {p.fullPath}
        </option>
      ))}
    </SelectField>
  );
}

/** The new URL: the instance and the parent's path before the field (`/groups/` for a group), the path in it. */
export function GroupPathField({
  label,
  origin,
  parent,
  value,
  onChange,
  disabled,
  error,
  kind = "group",
}: {
  label: string;
  origin: string;
  parent: ParentGroupOption | undefined;
  value: string;
  onChange: (path: string) => void;
  disabled?: boolean;
  error?: string;
  kind?: "group" | "project";
}) {
  const prefix = `${origin}/${kind === "group" ? "groups/" : ""}${parent ? `${parent.fullPath}/` : ""}`;
  return <Field label={label} name="path" prefix={prefix} required value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} error={error} />;
}
