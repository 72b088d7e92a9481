import type PgBoss from "pg-boss";

/** Every queue Ferry uses, with its retry policy. Handlers must be idempotent: pg-boss delivers at least once. */
export const QUEUES = {
  housekeeping: { name: "housekeeping", retryLimit: 2, retryDelay: 60, expireInSeconds: 15 * 60 },
} satisfies Record<string, PgBoss.Queue>;

export type JobName = keyof typeof QUEUES;

export interface JobPayloads {
  housekeeping: { reason: "schedule" | "manual" };
}
