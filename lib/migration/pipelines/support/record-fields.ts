import { RecordError } from "../../errors";

/** Readers for fields of a source record that say which field was wrong when it is. */
export function requiredString(record: Record<string, unknown>, field: string, max = 255): string {
  const value = record[field];
  if (typeof value !== "string" || value.trim() === "") throw new RecordError(`${field} can't be blank`);
  if (value.length > max) throw new RecordError(`${field} is too long (maximum is ${max} characters)`);
  return value;
}

export function optionalString(record: Record<string, unknown>, field: string): string | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw new RecordError(`${field} must be a string`);
  return value;
}

export function optionalBoolean(record: Record<string, unknown>, field: string): boolean | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== "boolean") throw new RecordError(`${field} must be true or false`);
  return value;
}

export function optionalDate(record: Record<string, unknown>, field: string): string | null {
  const value = optionalString(record, field);
  if (value === null || value === "") return null;
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value))) throw new RecordError(`${field} is not a valid date`);
  return value.slice(0, 10);
}

export function optionalTimestamp(record: Record<string, unknown>, field: string): Date | undefined {
  const value = record[field];
  if (typeof value !== "string") return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The record minus the fields that got columns: kept as JSON so that nothing the source sent is lost. Field by field,
 * with no pair array per field (it runs once per imported record); a source's `__proto__` field is defined as a field,
 * not set (which would change the object's prototype). Not a null prototype: drizzle's value checks read `constructor`.
 */
export function rest(record: Record<string, unknown>, taken: readonly string[]): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    if (taken.includes(key)) continue;
    if (key === "__proto__") Object.defineProperty(kept, key, { value: record[key], enumerable: true, writable: true, configurable: true });
    else kept[key] = record[key];
  }
  return kept;
}

/**
 * The columns every imported row carries: where it came from (entity + key of the source record), what else the
 * source sent, and the source's own timestamps.
 */
export function importColumns(record: Record<string, unknown>, entityId: number, key: string, taken: readonly string[]) {
  return {
    importEntityId: entityId,
    importKey: key,
    sourceAttributes: rest(record, taken),
    createdAt: optionalTimestamp(record, "created_at"),
    updatedAt: optionalTimestamp(record, "updated_at"),
  };
}
