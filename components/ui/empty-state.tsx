import type { ReactNode } from "react";

/** What a list or tab shows when it has nothing: a dashed box with a sentence. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">{children}</p>;
}
