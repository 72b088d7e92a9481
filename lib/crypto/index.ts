import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getSecrets } from "@/lib/config";

export { burnPasswordCheck, hashPassword, verifyPassword } from "./password";

const VERSION = "v1";

function key(): Buffer {
  return Buffer.from(getSecrets().encryptionKey, "base64");
}

/** AES-256-GCM with a fresh 96-bit IV per value: `v1:<iv>:<tag>:<ciphertext>`, base64 parts. */
export function encryptSecret(plaintext: string, keyOverride?: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOverride ?? key(), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}

export class DecryptionError extends Error {
  constructor() {
    super("a stored secret could not be decrypted: FERRY_ENCRYPTION_KEY differs from the key it was stored with");
  }
}

export function decryptSecret(stored: string, keyOverride?: Buffer): string {
  const [version, iv, tag, ciphertext] = stored.split(":");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new DecryptionError();
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyOverride ?? key(), Buffer.from(iv, "base64"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptionError();
  }
}
