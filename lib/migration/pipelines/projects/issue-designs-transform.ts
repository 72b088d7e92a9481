import { DESIGN_EVENTS } from "@/lib/db";
import { RecordError } from "../../errors";
import type { SourceUserRef } from "../../source-users";
import { nestedList, nestedRecord, optionalInteger, optionalUserId, within } from "../support/nested-fields";
import { noteUsers, notesOf, type NoteInput } from "../support/notes";
import { optionalString, optionalTimestamp, requiredString, rest } from "../support/record-fields";

/** A design of an issue, read from the issue's `designs` (or, for one only a version names, from its action's `design`). */
export interface DesignInput {
  key: string;
  filename: string;
  iid: number | null;
  relativePosition: number | null;
  sourceAttributes: Record<string, unknown>;
  notes: NoteInput[];
}

export interface DesignActionInput {
  /** The design it acts on, by its file name: GitLab's own importer finds it so (one design per file name in an issue). */
  filename: string;
  event: number;
  imageV432x230: string | null;
  sourceAttributes: Record<string, unknown>;
}

export interface DesignVersionInput {
  key: string;
  sha: string;
  authorId: number | null;
  createdAt: Date | undefined;
  sourceAttributes: Record<string, unknown>;
  actions: DesignActionInput[];
}

/** An issue's `designs: [notes: [...]]` and `design_versions: [actions: [:design]]`, ready to load as rows. */
export interface IssueDesigns {
  designs: DesignInput[];
  versions: DesignVersionInput[];
}

// The source's own ids and foreign keys become Ferry's rows and links; the rest of each record is kept as it came.
const DESIGN_COLUMNS = ["id", "project_id", "issue_id", "filename", "iid", "relative_position", "notes"];
const VERSION_COLUMNS = ["id", "issue_id", "sha", "author_id", "created_at", "actions"];
const ACTION_COLUMNS = ["id", "design_id", "version_id", "event", "image_v432x230", "design"];

const keyOf = (issueKey: string, kind: string, record: Record<string, unknown>, index: number) => {
  const id = record.id;
  return `${issueKey}/${kind}:${typeof id === "number" || typeof id === "string" ? id : `#${index}`}`;
};

function designOf(record: Record<string, unknown>, issueKey: string, index: number): DesignInput {
  const key = keyOf(issueKey, "design", record, index);
  return {
    key,
    filename: requiredString(record, "filename", 255),
    iid: optionalInteger(record, "iid"),
    relativePosition: optionalInteger(record, "relative_position"),
    sourceAttributes: rest(record, DESIGN_COLUMNS),
    notes: notesOf(record, key),
  };
}

/** GitLab's enum, as its export writes it (the name) or as its column holds it (the number). */
function eventOf(record: Record<string, unknown>): number {
  const value = record.event ?? 0;
  const event = typeof value === "string" ? DESIGN_EVENTS.indexOf(value as (typeof DESIGN_EVENTS)[number]) : value;
  if (typeof event !== "number" || !Number.isInteger(event) || event < 0 || event >= DESIGN_EVENTS.length) throw new RecordError(`event ${JSON.stringify(value)} is not valid`);
  return event;
}

/** The preview's path: an uploader serialises as `{ url }`, older exports as the bare path. */
function imageOf(record: Record<string, unknown>): string | null {
  const value = record.image_v432x230;
  if (value && typeof value === "object" && !Array.isArray(value)) return optionalString(value as Record<string, unknown>, "url");
  return optionalString(record, "image_v432x230");
}

function versionOf(record: Record<string, unknown>, issueKey: string, index: number, designs: Map<string, DesignInput>): DesignVersionInput {
  const actions = nestedList(record, "actions").map((action, i) =>
    within(`actions[${i}]`, () => {
      const design = nestedRecord(action, "design");
      if (!design) throw new RecordError("design can't be blank");
      const named = within("design", () => designOf(design, issueKey, designs.size));
      // A design only a version names (an export that left it out of `designs`) is made from what the version says.
      if (!designs.has(named.filename)) designs.set(named.filename, Object.assign({}, named, { notes: [] }));
      return { filename: named.filename, event: eventOf(action), imageV432x230: imageOf(action), sourceAttributes: rest(action, ACTION_COLUMNS) };
    }),
  );
  return {
    key: keyOf(issueKey, "design_version", record, index),
    sha: requiredString(record, "sha", 64),
    authorId: optionalUserId(record, "author_id"),
    createdAt: optionalTimestamp(record, "created_at"),
    sourceAttributes: rest(record, VERSION_COLUMNS),
    actions,
  };
}

export function issueDesignsOf(record: Record<string, unknown>, issueKey: string): IssueDesigns {
  const designs = new Map<string, DesignInput>();
  nestedList(record, "designs").forEach((design, i) => {
    const input = within(`designs[${i}]`, () => designOf(design, issueKey, i));
    if (designs.has(input.filename)) throw new RecordError(`designs[${i}]: filename has already been taken`);
    designs.set(input.filename, input);
  });
  const versions = nestedList(record, "design_versions").map((version, i) => within(`design_versions[${i}]`, () => versionOf(version, issueKey, i, designs)));
  return { designs: [...designs.values()], versions };
}

/** The source users an issue's designs name: their notes' authors and the versions' authors. */
export function designUsers({ designs, versions }: IssueDesigns): SourceUserRef[] {
  return [...noteUsers(designs.flatMap((design) => design.notes)), ...versions.flatMap((version) => (version.authorId === null ? [] : [{ id: version.authorId }]))];
}
