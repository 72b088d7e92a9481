// GitLab token prefixes (personal, OAuth, deploy, CI job, feed...): anything shaped like one is treated as secret.
const TOKEN_SHAPE = /\bgl[a-z]{1,6}-[A-Za-z0-9_.-]{8,}/g;

/**
 * Text that came from the source (error bodies, header values) ends up in messages and logs; a hostile or confused
 * server could echo the token back, so it is cut out before anything is kept, and the text is bounded.
 */
export function scrub(text: string, secret: string, maxLength = 200): string {
  let clean = secret ? text.split(secret).join("[REDACTED]") : text;
  clean = clean.replace(TOKEN_SHAPE, "[REDACTED]").replace(/\s+/g, " ").trim();
  return clean.length > maxLength ? `${clean.slice(0, maxLength - 1)}…` : clean;
}
