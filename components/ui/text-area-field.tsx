import type { ComponentProps, ReactNode } from "react";
import { describedByOf, FieldNotes } from "./field-notes";

interface TextAreaFieldProps extends ComponentProps<"textarea"> {
  label: string;
  name: string;
  hint?: ReactNode;
  error?: string;
}

/** Field's multi-line sibling: a labelled textarea whose hint and error are tied to it for screen readers. */
export function TextAreaField({ label, name, hint, error, id = name, className = "", rows = 3, ...textarea }: TextAreaFieldProps) {
  const describedBy = describedByOf(id, hint, error);
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-gray-900">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm text-gray-900 shadow-xs ring-1 ring-inset placeholder:text-gray-400 focus:ring-2 focus:ring-brand-600 ${error ? "ring-red-500" : "ring-gray-300"}`}
        {...textarea}
      />
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}
