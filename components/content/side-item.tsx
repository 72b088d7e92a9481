import type { ReactNode } from "react";

/** One entry of an epic's or issue's sidebar: a small caps heading over its value. */
export function SideItem({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="border-b border-gray-200 py-3 last:border-b-0">
      <dt className="mb-1 text-xs font-semibold uppercase tracking-wide text-gray-500">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}
