import type { ComponentProps, ReactNode } from "react";
import { describedByOf, FieldNotes } from "./field-notes";

interface SelectFieldProps extends ComponentProps<"select"> {
  label: string;
  name: string;
  hint?: ReactNode;
  error?: string;
}

/** A labelled select, as Field is a labelled input: its hint and error tied to it for screen readers. */
export function SelectField({ label, name, hint, error, id = name, className = "", children, ...select }: SelectFieldProps) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-gray-900">
        {label}
      </label>
      <select
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByOf(id, hint, error)}
        className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm shadow-xs ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-brand-600"
        {...select}
      >
        {children}
      </select>
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}
