import { and, eq, or, sql } from "drizzle-orm";
import { getDb, sourceUserMappings, sourceUsers, users } from "@/lib/db";
import type { Viewer } from "@/lib/groups";
import { assertPlaceholderManager, PlaceholderError, reassignPlaceholder } from "./placeholders";

export const CSV_MAX_BYTES = 1024 * 1024;
const MAX_LINES = 10_000;

export interface CsvEntry {
  line: number;
  source: string;
  target: string;
}

export interface CsvLineResult {
  line: number;
  source: string;
  target: string;
  /** `ready` in a preview, `reassigned` when applied, `error` with the reason otherwise. */
  status: "ready" | "reassigned" | "error";
  message: string;
}

function unquote(field: string): string {
  const trimmed = field.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).replace(/""/g, '"').trim() : trimmed;
}

/**
 * Lines of `source username or email,local username`. An optional header line (its first column "Source ...": usernames and emails have no spaces) is skipped;
 * blank lines are ignored; anything else without exactly two non-empty fields is reported by its line number.
 */
export function parseReassignmentCsv(text: string): { entries: CsvEntry[]; errors: CsvLineResult[] } {
  if (Buffer.byteLength(text, "utf8") > CSV_MAX_BYTES) throw new PlaceholderError("The file is too large (maximum is 1 MB).");
  const entries: CsvEntry[] = [];
  const errors: CsvLineResult[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines.length > MAX_LINES) throw new PlaceholderError(`The file has too many lines (maximum is ${MAX_LINES}).`);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    const fields = raw.split(",").map(unquote);
    if (entries.length === 0 && errors.length === 0 && /^source(\s|$)/i.test(fields[0] ?? "")) return;
    if (fields.length !== 2 || !fields[0] || !fields[1]) {
      errors.push({ line, source: fields[0] ?? "", target: fields[1] ?? "", status: "error", message: `Malformed line: expected "source username or email,local username".` });
      return;
    }
    entries.push({ line, source: fields[0], target: fields[1] });
  });
  return { entries, errors };
}

async function resolve(rootGroupId: number, entry: CsvEntry): Promise<{ placeholderId: number; targetId: number } | string> {
  const db = getDb();
  const matches = await db
    .select({ placeholderUserId: sourceUserMappings.placeholderUserId, reassignedAt: sourceUserMappings.reassignedAt })
    .from(sourceUserMappings)
    .innerJoin(sourceUsers, eq(sourceUsers.id, sourceUserMappings.sourceUserId))
    .where(
      and(
        eq(sourceUserMappings.rootGroupId, rootGroupId),
        or(sql`lower(${sourceUsers.username}) = lower(${entry.source})`, sql`lower(${sourceUsers.publicEmail}) = lower(${entry.source})`),
      ),
    )
    .limit(2);
  if (matches.length === 0) return `Unknown source user "${entry.source}" in this group.`;
  if (matches.length > 1) return `"${entry.source}" matches more than one source user.`;
  const match = matches[0]!;
  if (match.placeholderUserId === null) return `"${entry.source}" is already mapped to a real account.`;
  if (match.reassignedAt) return `"${entry.source}" has already been reassigned.`;
  const [target] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.username}) = lower(${entry.target})`, eq(users.userType, "human"), eq(users.state, "active")))
    .limit(1);
  if (!target) return `Unknown local user "${entry.target}".`;
  return { placeholderId: match.placeholderUserId, targetId: target.id };
}

/**
 * Reassigns placeholders of a top-level group from a CSV, each line on its own (one bad line does not stop the
 * others), or with `dryRun` only says what each line would do. Results come back in file order.
 */
export async function applyReassignmentCsv(owner: Viewer, rootGroupId: number, text: string, options: { dryRun?: boolean } = {}): Promise<CsvLineResult[]> {
  await assertPlaceholderManager(owner, rootGroupId);
  const { entries, errors } = parseReassignmentCsv(text);
  const results: CsvLineResult[] = [...errors];
  const seen = new Set<string>();
  for (const entry of entries) {
    const key = entry.source.toLowerCase();
    if (seen.has(key)) {
      results.push({ ...entry, status: "error", message: `"${entry.source}" appears more than once in the file.` });
      continue;
    }
    seen.add(key);
    const resolved = await resolve(rootGroupId, entry);
    if (typeof resolved === "string") {
      results.push({ ...entry, status: "error", message: resolved });
      continue;
    }
    if (options.dryRun) {
      results.push({ ...entry, status: "ready", message: `Will reassign to ${entry.target}.` });
      continue;
    }
    try {
      await reassignPlaceholder(owner, resolved.placeholderId, resolved.targetId);
      results.push({ ...entry, status: "reassigned", message: `Reassigned to ${entry.target}.` });
    } catch (error) {
      if (!(error instanceof PlaceholderError)) throw error;
      results.push({ ...entry, status: "error", message: error.message });
    }
  }
  return results.sort((a, b) => a.line - b.line);
}
