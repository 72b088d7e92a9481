import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface Secrets {
  authSecret: string;
  /** 32 bytes, base64: the AES-256-GCM key for stored source tokens. */
  encryptionKey: string;
}

const FILE = "secrets.json";

/**
 * Reads secrets.json from the data directory, creating it (mode 0600) with fresh random values
 * for whatever the environment does not provide. The environment always wins.
 */
export function loadSecrets(dataDir: string, fromEnv: Partial<Secrets>): Secrets {
  const file = path.join(dataDir, FILE);
  let stored: Partial<Secrets> = {};
  try {
    stored = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Secrets>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const merged: Secrets = {
    authSecret: stored.authSecret ?? randomBytes(32).toString("base64url"),
    encryptionKey: stored.encryptionKey ?? randomBytes(32).toString("base64"),
  };
  if (!stored.authSecret || !stored.encryptionKey) {
    fs.mkdirSync(dataDir, { recursive: true });
    // wx on a temp name then rename: two processes starting at once must not each write a different key.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(merged, null, 2), { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      fs.unlinkSync(tmp);
      return loadSecrets(dataDir, fromEnv);
    }
    fs.unlinkSync(tmp);
  }
  fs.chmodSync(file, 0o600);
  return {
    authSecret: fromEnv.authSecret ?? merged.authSecret,
    encryptionKey: fromEnv.encryptionKey ?? merged.encryptionKey,
  };
}
