import { z } from "zod";

/**
 * The live import event, one shape for all three sides: the notifier (lib/migration/notify.ts) sends it with Postgres
 * NOTIFY, the hub (./hub.ts) parses it on receipt and fans it out as server-sent events, and the browser
 * (components/import/live-import-events.tsx) parses it again from the SSE data. Zod only: the browser imports this
 * file directly, so it must stay free of node and database imports.
 */

/** The Postgres channel that carries import changes to web servers, which push them to open pages (SSE). */
export const IMPORT_EVENTS_CHANNEL = "ferry_import_events";

// Key order is the wire order (JSON.stringify of a parsed event); unknown keys are stripped.
export const importEventSchema = z.object({
  userId: z.number().int(),
  bulkImportId: z.number().int(),
  entityId: z.number().int().optional(),
});

export type ImportEvent = z.infer<typeof importEventSchema>;

/** An event from its JSON text (a NOTIFY payload or an SSE `data:` line); undefined when it is not one. */
export function parseImportEvent(text: string | undefined | null): ImportEvent | undefined {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = importEventSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
