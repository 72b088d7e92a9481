"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ProgressBar } from "@/components/ui/progress-bar";
import { projectPathError, projectPathFromName } from "@/lib/groups/path-rules";
import type { PathAvailabilityJson } from "@/lib/migration/wire";
import { GROUP_PATH_RULES, GroupPathField, ParentGroupSelect, useGroupPlace, type ParentGroupOption, type PathRules } from "@/components/groups/group-path-fields";

/** What differs between importing a group and a project from a file: words, rules, the address it posts to. */
export type FileImportKind = "group" | "project";

const KINDS = {
  group: {
    nameLabel: "New group name",
    namespaceLabel: "Parent group",
    namespaceField: "parent_id",
    urlLabel: "New group URL",
    noneLabel: "No parent (top-level group)",
    fileLabel: "GitLab group export file",
    fileHint: "An export from GitLab (or Ferry): Group → Settings → Export group.",
    endpoint: "/import/gitlab_group",
    submit: "Import group",
    rules: GROUP_PATH_RULES,
  },
  project: {
    nameLabel: "Project name",
    namespaceLabel: "Group",
    namespaceField: "namespace",
    urlLabel: "Project URL",
    noneLabel: "Pick a group",
    fileLabel: "GitLab project export file",
    fileHint: "An export from GitLab (or Ferry): Project → Settings → General → Export project.",
    endpoint: "/import/gitlab_project",
    submit: "Import project",
    rules: {
      pathFromName: projectPathFromName,
      pathError: (path) => {
        const error = projectPathError(path);
        return error ? `Path ${error}` : null;
      },
    } satisfies PathRules,
  },
} as const;

type Phase = { kind: "idle" } | { kind: "uploading"; sent: number; total: number } | { kind: "checking" } | { kind: "failed"; message: string };

const AVAILABILITY_DELAY_MS = 300;

/** Whether the path is free under the parent, asked as the importer page asks it; null while unknown. */
function usePathTaken(kind: FileImportKind, path: string, parentId: string, skip: boolean): string | null {
  const key = `${parentId}/${path}`;
  // The answer is kept with the question it answers: a stale one (the user typed on) is no answer.
  const [answer, setAnswer] = useState<{ key: string; taken: string | null }>({ key: "", taken: null });
  useEffect(() => {
    if (skip || !path) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const query = new URLSearchParams({ path, parent_id: parentId, ...(kind === "project" ? { kind } : {}) });
      fetch(`/import/bulk_imports/path_availability?${query}`, { signal: controller.signal })
        .then((response) => (response.ok ? (response.json() as Promise<PathAvailabilityJson>) : null))
        .then((found) => {
          const taken = found?.exists ? `This path is already taken.${found.suggestion ? ` Try ${found.suggestion}.` : ""}` : null;
          setAnswer({ key: `${parentId}/${path}`, taken });
        })
        .catch(() => undefined);
    }, AVAILABILITY_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [kind, path, parentId, skip]);
  return !skip && answer.key === key ? answer.taken : null;
}

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/**
 * GitLab's "Import from an export file", for a group (New group → Import group) or a project (New project → Import
 * project → GitLab export): name, path (checked as typed, against the rules and what is taken), the group it goes in,
 * and the file, uploaded with a progress bar. The server checks everything again; on success the import's status
 * page takes over. A project needs a group; a group may be top-level.
 */
export function FileImportForm({
  kind,
  parents,
  defaultParentId,
  origin,
  maxImportSizeMb,
}: {
  kind: FileImportKind;
  parents: ParentGroupOption[];
  defaultParentId?: number;
  origin: string;
  maxImportSizeMb: number;
}) {
  const words = KINDS[kind];
  const router = useRouter();
  const [name, setName] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const { parent, parentId, setParentId, shownPath, typePath, ruleError } = useGroupPlace(parents, name, { parentId: defaultParentId ? String(defaultParentId) : "" }, words.rules);
  const missingParent = kind === "project" && !parent;
  const takenError = usePathTaken(kind, shownPath, parentId, Boolean(ruleError) || missingParent);
  const tooBig = file && maxImportSizeMb > 0 && file.size > maxImportSizeMb * 1_048_576 ? `The file is larger than the maximum import size (${maxImportSizeMb} MiB).` : null;
  const busy = phase.kind === "uploading" || phase.kind === "checking";

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file || !name.trim() || !shownPath || ruleError || takenError || tooBig || missingParent) return;
    const form = new FormData();
    form.append("name", name.trim());
    form.append("path", shownPath);
    if (parentId) form.append(words.namespaceField, parentId);
    form.append("file", file, file.name);
    // XMLHttpRequest, not fetch: only it reports upload progress.
    const request = new XMLHttpRequest();
    request.open("POST", words.endpoint);
    request.responseType = "json";
    request.upload.onprogress = (e) => setPhase({ kind: "uploading", sent: e.loaded, total: e.lengthComputable ? e.total : file.size });
    request.upload.onload = () => setPhase({ kind: "checking" });
    request.onerror = () => setPhase({ kind: "failed", message: "The upload was interrupted. Check your connection and try again." });
    request.onload = () => {
      const body = (request.response ?? {}) as { bulkImportId?: number; message?: string };
      if (request.status === 201 && body.bulkImportId) router.push(`/import/bulk_imports/${body.bulkImportId}`);
      else setPhase({ kind: "failed", message: body.message ?? `The import could not start (${request.status}).` });
    };
    setPhase({ kind: "uploading", sent: 0, total: file.size });
    request.send(form);
  };

  return (
    <form onSubmit={submit} className="max-w-2xl space-y-5" noValidate aria-busy={busy}>
      {phase.kind === "failed" ? <Alert tone="error">{phase.message}</Alert> : null}
      <Field label={words.nameLabel} name="name" required value={name} onChange={(e) => setName(e.target.value)} disabled={busy} autoFocus />
      <ParentGroupSelect parents={parents} value={parentId} onChange={setParentId} disabled={busy} label={words.namespaceLabel} noneLabel={words.noneLabel} />
      <GroupPathField kind={kind} label={words.urlLabel} origin={origin} parent={parent} value={shownPath} onChange={typePath} disabled={busy} error={ruleError ?? takenError ?? undefined} />
      <div>
        <label htmlFor="file" className="block text-sm font-medium text-gray-900">
          {words.fileLabel}
        </label>
        <input
          id="file"
          name="file"
          type="file"
          accept=".tar.gz,.tgz,application/gzip"
          disabled={busy}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          aria-describedby="file-hint"
          className="mt-1 block w-full text-sm text-gray-700 file:mr-3 file:rounded-md file:border-0 file:bg-gray-100 file:px-3 file:py-2 file:text-sm file:font-medium"
        />
        <p id="file-hint" className={`mt-1 text-xs ${tooBig ? "text-red-600" : "text-gray-500"}`} role={tooBig ? "alert" : undefined}>
          {tooBig ?? (maxImportSizeMb > 0 ? `Maximum file size: ${maxImportSizeMb} MiB.` : words.fileHint)}
        </p>
      </div>
      {phase.kind === "uploading" ? (
        <div>
          <ProgressBar value={phase.sent} max={phase.total} label="Upload progress" valueText={`${megabytes(phase.sent)} of ${megabytes(phase.total)}`} className="w-full" />
          <p className="mt-1 text-sm text-gray-600" aria-live="polite">
            Uploading {megabytes(phase.sent)} of {megabytes(phase.total)}…
          </p>
        </div>
      ) : phase.kind === "checking" ? (
        <div>
          <ProgressBar label="Checking the export file" className="w-full" />
          <p className="mt-1 text-sm text-gray-600" aria-live="polite">
            Uploaded. Checking the export file…
          </p>
        </div>
      ) : null}
      <Button type="submit" disabled={busy || missingParent || !file || !name.trim() || !shownPath || Boolean(ruleError ?? takenError ?? tooBig)}>
        {busy ? "Importing…" : words.submit}
      </Button>
    </form>
  );
}
