import type { ComponentProps, ReactNode } from "react";
import { describedByOf, FieldNotes } from "./field-notes";

interface FieldProps extends ComponentProps<"input"> {
  label: string;
  name: string;
  hint?: ReactNode;
  error?: string;
  prefix?: string;
}

/** A labelled input whose hint and error are tied to it for screen readers. */
export function Field({ label, name, hint, error, prefix, id = name, className = "", ...input }: FieldProps) {
  const describedBy = describedByOf(id, hint, error);
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-gray-900">
        {label}
      </label>
      <div className={`mt-1 flex rounded-md shadow-xs ring-1 ring-inset ${error ? "ring-red-500" : "ring-gray-300"} focus-within:ring-2 focus-within:ring-brand-600`}>
        {prefix ? <span className="flex select-none items-center rounded-l-md border-r border-gray-200 bg-gray-50 px-3 text-sm text-gray-500">{prefix}</span> : null}
        <input
          id={id}
          name={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className="block w-full min-w-0 flex-1 rounded-md border-0 bg-transparent px-3 py-2 text-sm text-gray-900 placeholder:text-gray-400 focus:outline-none"
          {...input}
        />
      </div>
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}
