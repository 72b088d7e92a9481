"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

export interface CsvLine {
  line: number;
  source: string;
  target: string;
  status: "ready" | "reassigned" | "error";
  message: string;
}
export interface CsvFormState {
  error?: string;
  mode?: "preview" | "apply";
  results?: CsvLine[];
}

const MAX_BYTES = 1024 * 1024;
const TONE = { ready: "info", reassigned: "success", error: "danger" } as const;
const STATUS = { ready: "Ready", reassigned: "Reassigned", error: "Error" } as const;

/** Upload of `source username or email,local username` lines: preview first, then reassign; a result per line. */
export function ReassignCsvForm({ groupId, action }: { groupId: number; action: (prev: CsvFormState, form: FormData) => Promise<CsvFormState> }) {
  const [state, formAction, pending] = useActionState(action, {});
  const [tooLarge, setTooLarge] = useState(false);
  return (
    <div className="space-y-4">
      <form action={formAction} className="flex flex-wrap items-end gap-3" aria-label="Reassign with a CSV file">
        <input type="hidden" name="group_id" value={groupId} />
        <label className="text-sm">
          <span className="mb-1 block font-medium text-gray-900">CSV file</span>
          <input
            type="file"
            name="file"
            accept=".csv,text/csv,text/plain"
            required
            // Checked here too: a file over the limit would otherwise be cut off by the server before we could answer.
            onChange={(event) => setTooLarge((event.currentTarget.files?.[0]?.size ?? 0) > MAX_BYTES)}
            className="block text-sm text-gray-700 file:mr-3 file:rounded-md file:border-0 file:bg-gray-100 file:px-3 file:py-1.5 file:text-sm file:font-medium"
          />
        </label>
        <Button type="submit" name="intent" value="preview" variant="secondary" disabled={pending || tooLarge}>
          Preview
        </Button>
        <Button type="submit" name="intent" value="apply" disabled={pending || tooLarge}>
          {pending ? "Working…" : "Reassign from file"}
        </Button>
      </form>
      <p className="text-xs text-gray-500">
        One line per placeholder: <code>source username or email,local username</code>. A header line is optional; at most 1 MB.
      </p>
      {tooLarge ? <Alert tone="error">The file is too large (maximum is 1 MB).</Alert> : null}
      {!tooLarge && state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.results ? (
        <table className="min-w-full divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white text-sm" aria-label={state.mode === "apply" ? "CSV reassignment results" : "CSV preview"}>
          <caption className="px-4 py-2 text-left text-sm font-medium text-gray-700">
            {state.mode === "apply" ? "Reassignment results" : "Preview: nothing has been changed yet"}
          </caption>
          <thead className="bg-gray-50 text-left text-xs font-medium uppercase tracking-wide text-gray-500">
            <tr>
              <th scope="col" className="px-4 py-2">Line</th>
              <th scope="col" className="px-4 py-2">Source user</th>
              <th scope="col" className="px-4 py-2">Local user</th>
              <th scope="col" className="px-4 py-2">Result</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {state.results.map((r) => (
              <tr key={r.line}>
                <td className="px-4 py-2 text-gray-500">{r.line}</td>
                <td className="px-4 py-2 font-mono text-xs">{r.source}</td>
                <td className="px-4 py-2 font-mono text-xs">{r.target}</td>
                <td className="px-4 py-2">
                  <Badge tone={TONE[r.status]}>{STATUS[r.status]}</Badge> <span className="text-gray-700">{r.message}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
