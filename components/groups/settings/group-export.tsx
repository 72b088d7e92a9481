"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import type { ActionState } from "@/lib/forms";

// What a running export shows while the worker writes the archive: the page asks the server again this often.
const REFRESH_MS = 2_000;
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const EXPORTED = ["Subgroups", "Milestones", "Labels", "Badges", "Boards and board lists", "Epics, with their notes, award emoji and events", "Iterations and cadences", "Members"];
const NOT_EXPORTED = ["Projects (export each one from its own settings)", "Uploads and the avatar", "Runner tokens and other secrets"];

/**
 * Settings → General → Export group: GitLab's section. Starts the export (which replaces the user's previous one),
 * follows it while the worker writes the archive, and offers the download for 24 hours.
 */
export function GroupExport({
  action,
  enabled,
  state,
  finishedAt,
  expiresAt,
  downloadHref,
  downloadError,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  enabled: boolean;
  state: "none" | "queued" | "started" | "finished" | "failed";
  finishedAt: string | null;
  expiresAt: string | null;
  downloadHref: string;
  downloadError: string | null;
}) {
  const [result, formAction, pending] = useActionState(action, {});
  const router = useRouter();
  const running = state === "queued" || state === "started";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, router]);

  return (
    <section aria-labelledby="export-group-heading" className="rounded-lg border border-gray-200 bg-white p-6">
      <h2 id="export-group-heading" className="text-lg font-semibold text-gray-900">
        Export group
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-gray-600">
        Export this group and its subgroups to a file that GitLab imports (New group → Import group →
        Import from an export file). The file is ready for you alone and can be downloaded for 24 hours.
      </p>
      <div className="mt-4 grid gap-4 text-sm sm:grid-cols-2">
        <div>
          <h3 className="font-medium text-gray-900">Exported</h3>
          <ul className="mt-1 list-disc pl-5 text-gray-700">
            {EXPORTED.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="font-medium text-gray-900">Not exported</h3>
          <ul className="mt-1 list-disc pl-5 text-gray-700">
            {NOT_EXPORTED.map((item) => (
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
          <p role="status" className="flex items-center gap-2 text-sm text-gray-700">
            <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-blue-600 border-t-transparent" />
            Export in progress… The download link appears here when the file is ready.
          </p>
        ) : null}
        {state === "failed" ? <Alert tone="error">The last export failed. Export the group again; if it fails again, an administrator can find the reason in the worker&apos;s log.</Alert> : null}
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
                {pending ? "Starting…" : state === "finished" || state === "failed" ? "Export again" : "Export group"}
              </Button>
            </form>
          </div>
        ) : null}
      </div>
    </section>
  );
}
