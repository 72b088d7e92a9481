export type ImportRequestField = "sourceFullPath" | "destinationSlug" | "destinationNamespace" | null;

/** A start request refused before anything was created: which request (null: all), which field, which HTTP status. */
export class ImportRequestError extends Error {
  constructor(
    message: string,
    public readonly index: number | null,
    public readonly field: ImportRequestField,
    public readonly status: 400 | 401 | 403 | 404 | 422 | 429,
  ) {
    super(message);
  }
}

/** A record the pipeline could not take; it becomes one failure row and the pipeline goes on. */
export class RecordError extends Error {
  constructor(
    message: string,
    public readonly exceptionClass = "RecordInvalid",
  ) {
    super(message);
  }
}

/** The entity stopped (canceled, timed out) while one of its jobs was running: the job ends quietly, no failure. */
export class EntityStopped extends Error {
  constructor(public readonly status: number) {
    super("The import was stopped while this relation was running.");
  }
}
