"use client";

import { useState } from "react";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { groupPathError, pathFromName } from "@/lib/groups/path-rules";

export interface ParentGroupOption {
  id: number;
  fullPath: string;
}

/**
 * Where a new group goes, as the new-group and import-group forms ask it: the parent, and the path, made from the
 * name until the user types one, and checked as typed with the rules the server applies again on submit.
 */
export function useGroupPlace<P extends ParentGroupOption>(parents: P[], name: string, initial: { path?: string; parentId?: string }) {
  const [path, setPath] = useState(initial.path ?? "");
  const [pathTouched, setPathTouched] = useState(Boolean(initial.path));
  const [parentId, setParentId] = useState(initial.parentId ?? "");
  const parent = parents.find((p) => String(p.id) === parentId);
  const shownPath = pathTouched ? path : pathFromName(name);
  const ruleError = shownPath ? groupPathError(shownPath, !parent) : null;
  const typePath = (value: string) => {
    setPathTouched(true);
    setPath(value);
  };
  return { parent, parentId, setParentId, shownPath, typePath, ruleError };
}

export function ParentGroupSelect({ parents, value, onChange, disabled, error }: { parents: ParentGroupOption[]; value: string; onChange: (id: string) => void; disabled?: boolean; error?: string }) {
  return (
    <SelectField label="Parent group" name="parent_id" value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} error={error}>
      <option value="">No parent (top-level group)</option>
      {parents.map((p) => (
        <option key={p.id} value={p.id}>
          {p.fullPath}
        </option>
      ))}
    </SelectField>
  );
}

/** The group's URL: the instance and the parent's path before the field, the path in it. */
export function GroupPathField({ label, origin, parent, value, onChange, disabled, error }: { label: string; origin: string; parent: ParentGroupOption | undefined; value: string; onChange: (path: string) => void; disabled?: boolean; error?: string }) {
  return <Field label={label} name="path" prefix={`${origin}/groups/${parent ? `${parent.fullPath}/` : ""}`} required value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} error={error} />;
}
