import { CsvError, parse, type Options as CsvOptions } from "csv-parse/sync";
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

const MALFORMED = `Malformed line: expected "source username or email,local username".`;

/** No username or email comes near this: a longer record is refused (and a runaway quote stops there). */
const MAX_RECORD_BYTES = 4096;
/** Each refused record costs a new parse of the rest of the file: past this many, the file is not CSV at all. */
const MAX_REFUSED = 100;

const CSV_OPTIONS = {
  bom: true,
  trim: true,
  skip_empty_lines: true,
  relax_column_count: true,
  record_delimiter: ["\r\n", "\n", "\r"],
  max_record_size: MAX_RECORD_BYTES,
} satisfies CsvOptions;

const LINE_BREAK = /\r\n|\r|\n/;

type Row = { line: number; fields: string[] } | { line: number; refused: string; text: string };

/**
 * The file's records in line order, each with the line it starts on. A record the CSV parser refuses (a misplaced or
 * unclosed quote, an overlong line) is reported on the line it starts on and parsing resumes on the next line, so one
 * bad line does not hide the others.
 */
function csvRows(text: string): Row[] {
  // Lines as the parser counts them, and where each starts in `bytes`: parsing resumes there, on a view (no copy).
  const parts = text.split(new RegExp(`(${LINE_BREAK.source})`));
  const lines = parts.filter((_, i) => i % 2 === 0);
  const starts = [0];
  for (let i = 0; i < parts.length; i += 2) starts.push(starts[starts.length - 1]! + Buffer.byteLength(parts[i]! + (parts[i + 1] ?? ""), "utf8"));
  const bytes = Buffer.from(text, "utf8");
  const rows: Row[] = [];
  let refused = 0;
  let base = 0; // lines before the part being parsed
  while (base < lines.length) {
    let parsedTo = 0; // lines of the part read into records
    try {
      parse(bytes.subarray(starts[base]), {
        ...CSV_OPTIONS,
        on_record: (fields: string[], { lines: end }) => {
          // `lines` is where the record ends: a quoted value may have spanned line breaks.
          const breaks = fields.reduce((n, field) => n + field.split(LINE_BREAK).length - 1, 0);
          rows.push({ line: base + end - breaks, fields });
          parsedTo = end;
          return null;
        },
      });
      break;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      if (++refused > MAX_REFUSED) throw new PlaceholderError(`The file is not a valid CSV file (more than ${MAX_REFUSED} malformed lines).`);
      let bad = base + parsedTo; // the refused record's first line (0-based), past blank lines
      while (bad < lines.length - 1 && lines[bad]!.trim() === "") bad += 1;
      const line = lines[bad]!.trim();
      // A short line refused for its size opened a quote that ran on past it.
      const reason = Buffer.byteLength(line, "utf8") > MAX_RECORD_BYTES ? "the line is too long" : "a quote is misplaced or not closed";
      rows.push({ line: bad + 1, refused: reason, text: line.length > 100 ? `${line.slice(0, 100)}…` : line });
      base = bad + 1;
    }
  }
  return rows;
}

/**
 * Lines of `source username or email,local username`, read as CSV (fields may be quoted, a UTF-8 BOM is ignored). An optional header line (its first column "Source ...": usernames and emails have no spaces) is skipped;
 * blank lines are ignored; anything else without exactly two non-empty fields is reported by its line number.
 */
export function parseReassignmentCsv(text: string): { entries: CsvEntry[]; errors: CsvLineResult[] } {
  if (Buffer.byteLength(text, "utf8") > CSV_MAX_BYTES) throw new PlaceholderError("The file is too large (maximum is 1 MB).");
  if (text.split(LINE_BREAK).length > MAX_LINES) throw new PlaceholderError(`The file has too many lines (maximum is ${MAX_LINES}).`);
  const entries: CsvEntry[] = [];
  const errors: CsvLineResult[] = [];
  for (const row of csvRows(text)) {
    const { line } = row;
    if ("refused" in row) {
      errors.push({ line, source: row.text, target: "", status: "error", message: `Malformed line: ${row.refused}.` });
      continue;
    }
    const fields = row.fields.map((field) => field.trim());
    if (entries.length === 0 && errors.length === 0 && /^source(\s|$)/i.test(fields[0] ?? "")) continue;
    if (fields.length !== 2 || !fields[0] || !fields[1]) {
      errors.push({ line, source: fields[0] ?? "", target: fields[1] ?? "", status: "error", message: MALFORMED });
      continue;
    }
    entries.push({ line, source: fields[0], target: fields[1] });
  }
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
