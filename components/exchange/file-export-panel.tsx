"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import type { ActionState } from "@/lib/forms";

// What a running export shows while the worker writes the archive: the page asks the server again this often.
const REFRESH_MS = 2_000;
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export type FileExportState = "none" | "queued" | "started" | "finished" | "failed";

export interface FileExportPanelProps {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  enabled: boolean;
  state: FileExportState;
  finishedAt: string | null;
  expiresAt: string | null;
  downloadHref: string;
  downloadError: string | null;
}

const STEPS: Record<"queued" | "started", string> = {
  queued: "Waiting for a worker…",
  started: "Writing the archive…",
};

/**
 * GitLab's Export group / Export project section: what goes into the file, the button that starts the export
 * (replacing the user's previous one), the worker's progress while it writes the archive, and the download for 24
 * hours. `kind` words the messages; `intro` says where the file can be imported.
 */
export function FileExportPanel({
  kind,
  intro,
  exported,
  notExported,
  action,
  enabled,
  state,
  finishedAt,
  expiresAt,
  downloadHref,
  downloadError,
}: FileExportPanelProps & { kind: "group" | "project"; intro: ReactNode; exported: readonly string[]; notExported: readonly string[] }) {
  const [result, formAction, pending] = useActionState(action, {});
  const router = useRouter();
  const running = state === "queued" || state === "started";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, router]);
  const title = kind === "group" ? "Export group" : "Export project";

  return (
    <section aria-labelledby={`export-${kind}-heading`} className="rounded-lg border border-gray-200 bg-white p-6">
      <h2 id={`export-${kind}-heading`} className="text-lg font-semibold text-gray-900">
        {title}
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-gray-600">{intro}</p>
      <div className="mt-4 grid gap-4 text-sm sm:grid-cols-2">
        <div>
          <h3 className="font-medium text-gray-900">Exported</h3>
          <ul className="mt-1 list-disc pl-5 text-gray-700">
            {exported.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="font-medium text-gray-900">Not exported</h3>
          <ul className="mt-1 list-disc pl-5 text-gray-700">
            {notExported.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </div>
      </div>

      <div className="mt-5 space-y-3" aria-live="polite">
        {!enabled ? <Alert tone="warning">An administrator has turned off the export of groups and projects.</Alert> : null}
        {result.error ? <Alert tone="error">{result.error}</Alert> : null}
        {downloadError ? <Alert tone="error">{downloadError}</Alert> : null}
        {running ? (
          <div role="status" className="space-y-2 text-sm text-gray-700">
            <p className="flex items-center gap-2">
              <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-blue-600 border-t-transparent" />
              Export in progress: {STEPS[state]} The download link appears here when the file is ready.
            </p>
            <ol className="flex gap-2 text-xs" aria-label="Export steps">
              {(["queued", "started", "finished"] as const).map((step, index) => {
                const done = step === "queued" ? state === "started" : false;
                const current = step === state;
                return (
                  <li key={step} aria-current={current ? "step" : undefined} className={`rounded-full px-2 py-0.5 ${current ? "bg-blue-100 font-medium text-blue-800" : done ? "bg-green-100 text-green-800" : "bg-gray-100 text-gray-500"}`}>
                    {index + 1}. {step === "queued" ? "Queued" : step === "started" ? "Writing" : "Ready"}
                  </li>
                );
              })}
            </ol>
          </div>
        ) : null}
        {state === "failed" ? <Alert tone="error">The last export failed. Export the {kind} again; if it fails again, an administrator can find the reason in the worker&apos;s log.</Alert> : null}
        {state === "finished" && finishedAt && expiresAt ? (
          <Alert tone="success" title="Your export is ready">
            Exported {when.format(new Date(finishedAt))} UTC; it can be downloaded until {when.format(new Date(expiresAt))} UTC.
          </Alert>
        ) : null}
        {enabled ? (
          <div className="flex flex-wrap gap-2">
            {state === "finished" ? (
              // A plain link, which the router leaves alone: the archive comes as an attachment and the page stays; a
              // refusal redirects back here with its reason (with `download`, the browser would save that page).
              <a href={downloadHref} className={`${buttonClass("primary", "md")} hover:text-inherit`}>
                Download export
              </a>
            ) : null}
            <form action={formAction}>
              <Button type="submit" variant={state === "finished" ? "secondary" : "primary"} disabled={pending || running}>
                {pending ? "Starting…" : state === "finished" || state === "failed" ? "Export again" : title}
              </Button>
            </form>
          </div>
        ) : null}
      </div>
    </section>
  );
}
