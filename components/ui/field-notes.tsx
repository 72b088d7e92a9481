import type { ReactNode } from "react";

/** The ids a control's aria-describedby names: its hint's and its error's, as FieldNotes renders them. */
export const describedByOf = (id: string, hint: ReactNode, error: string | undefined) => [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

/** What goes under a form control: its hint, and its error announced as an alert. */
export function FieldNotes({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-gray-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </>
  );
}
