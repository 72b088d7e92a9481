import { RecordError } from "../../errors";
import { optionalTimestamp, requiredString } from "./record-fields";

/** Readers for the fields of records with nested records (epics, snippets: their notes, award emoji, events...). */

/** Readers for the fields of epic records and their nested records (notes, award emoji, events...). */

const INT4_MAX = 2 ** 31 - 1;

export function optionalInteger(record: Record<string, unknown>, field: string): number | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== "number" || !Number.isInteger(value) || Math.abs(value) > INT4_MAX) throw new RecordError(`${field} must be an integer`);
  return value;
}

/** A source user id (author_id, user_id...): a positive integer, or null when the record has none. */
export function optionalUserId(record: Record<string, unknown>, field: string): number | null {
  const value = optionalInteger(record, field);
  if (value !== null && value < 1) throw new RecordError(`${field} must be a positive integer`);
  return value;
}

/** The nested records of a has_many relation (`notes: [...]`); a missing or null one is empty. */
export function nestedList(record: Record<string, unknown>, field: string): Record<string, unknown>[] {
  const value = record[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => !item || typeof item !== "object" || Array.isArray(item))) throw new RecordError(`${field} must be a list of records`);
  return value as Record<string, unknown>[];
}

export function nestedRecord(record: Record<string, unknown>, field: string): Record<string, unknown> | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== "object" || Array.isArray(value)) throw new RecordError(`${field} must be a record`);
  return value as Record<string, unknown>;
}

/** Runs a reader on a nested record, naming the place in the message of what it throws (`notes[2]: note can't be blank`). */
export function within<T>(place: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RecordError) throw new RecordError(`${place}: ${error.message}`, error.exceptionClass);
    throw error;
  }
}

export interface AwardInput {
  name: string;
  userId: number;
  createdAt: Date | undefined;
  updatedAt: Date | undefined;
}

/** An award emoji (`name`, `user_id`); GitLab's own ids and awardable fields are the record it hangs from. */
export function awardOf(record: Record<string, unknown>): AwardInput {
  const userId = optionalUserId(record, "user_id");
  if (userId === null) throw new RecordError("user_id can't be blank");
  return { name: requiredString(record, "name", 255), userId, createdAt: optionalTimestamp(record, "created_at"), updatedAt: optionalTimestamp(record, "updated_at") };
}
