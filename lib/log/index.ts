import pino from "pino";

// Anything that may hold a secret is censored wherever it appears in a log object.
const REDACT = [
  "password",
  "*.password",
  "token",
  "*.token",
  "accessToken",
  "*.accessToken",
  "access_token",
  "*.access_token",
  "privateToken",
  "*.privateToken",
  "headers.authorization",
  "*.headers.authorization",
  'headers["private-token"]',
  '*.headers["private-token"]',
  "headers.cookie",
  "*.headers.cookie",
  "secret",
  "*.secret",
  "authSecret",
  "encryptionKey",
  "connectionString",
  "*.connectionString",
  "databaseUrl",
];

// The CLI logs to stderr so that its stdout stays machine-readable (token:create prints the token last).
export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? "info",
    base: { app: "ferry", pid: process.pid },
    redact: { paths: REDACT, censor: "[REDACTED]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  },
  pino.destination({ fd: process.env.FERRY_LOG_FD === "2" ? 2 : 1, sync: true }),
);

export type Logger = pino.Logger;

/** A database URL with its password removed, for messages. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    parsed.searchParams.delete("private_token");
    return parsed.toString();
  } catch {
    return "[unparseable url]";
  }
}
