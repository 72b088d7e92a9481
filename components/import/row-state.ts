import type { ParentChoice, TargetError } from "@/lib/sources/target-rules";

/** Where the user wants one source group to go, as edited in its row. */
export interface RowTarget {
  parent: ParentChoice | undefined;
  path: string;
  /** Typed by the user: a taken default is replaced by the server's suggestion only while this is false. */
  pathTouched: boolean;
  /** The user tried to import it: every problem is shown now, "select a parent" included. */
  attempted: boolean;
}

/** What a row can do: import (new, or re-import after the user asked), watch a running import, or offer a re-import. */
export type RowMode = "new" | "running" | "done" | "reimport";

export interface RowValidity {
  error: TargetError | null;
  /** A check is under way (typing not settled, or the server asked): importing waits for it. */
  checking: boolean;
}

/** An answer of the start request about this row. A rate limit does not block the row (GitLab's nonBlocking). */
export interface RowServerError {
  message: string;
  blocking: boolean;
}
