import type { ReactNode } from "react";

/** One block of a settings page: a heading with what it is for, then its form(s). */
export function SettingsSection({ id, title, description, tone = "neutral", children }: { id: string; title: string; description?: ReactNode; tone?: "neutral" | "danger"; children?: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className={`rounded-lg border bg-white px-6 py-5 ${tone === "danger" ? "border-red-200" : "border-gray-200"}`}>
      <h2 id={`${id}-title`} className={`text-base font-semibold ${tone === "danger" ? "text-red-700" : "text-gray-900"}`}>
        {title}
      </h2>
      {description ? <div className="mt-1 text-sm text-gray-600">{description}</div> : null}
      {children ? <div className={description ? "mt-4" : "mt-2"}>{children}</div> : null}
    </section>
  );
}
