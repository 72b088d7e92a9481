import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getSecrets } from "@/lib/config";
import { burnPasswordCheck, verifyPassword } from "@/lib/crypto";
import { logger } from "@/lib/log";
import { findUserByLogin } from "@/lib/users";
import { authConfig } from "./auth-config";
import { isSignInLocked, recordSignInAttempt, signInKey } from "./rate-limit";

export class InvalidLogin extends CredentialsSignin {
  code = "invalid_login";
}
export class TooManyAttempts extends CredentialsSignin {
  code = "too_many_attempts";
}
export class BlockedUser extends CredentialsSignin {
  code = "blocked";
}

const credentials = z.object({ login: z.string().trim().min(1).max(255), password: z.string().min(1).max(128) });

function clientIp(request: Request | undefined): string | null {
  const forwarded = request?.headers.get("x-forwarded-for");
  return forwarded?.split(",")[0]?.trim() || request?.headers.get("x-real-ip") || null;
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  secret: getSecrets().authSecret,
  // Through our JSON logger; a refused sign-in is an expected outcome, not an error with a stack trace.
  logger: {
    error(error) {
      if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") logger.info({ code: (error as CredentialsSignin).code }, "sign-in refused");
      else logger.error({ err: error }, "auth error");
    },
    warn(code) {
      logger.warn({ code }, "auth warning");
    },
    debug(message, metadata) {
      logger.debug({ metadata }, message);
    },
  },
  providers: [
    Credentials({
      credentials: { login: {}, password: {} },
      authorize: authorizeCredentials,
    }),
  ],
});

/** Checks a sign-in: rate limit, password, and that the account is a person's and not blocked. */
export async function authorizeCredentials(raw: Partial<Record<string, unknown>>, request?: Request) {
  const parsed = credentials.safeParse(raw);
  if (!parsed.success) throw new InvalidLogin();
  const { login, password } = parsed.data;
  const user = await findUserByLogin(login);
  const key = signInKey(login, user);
  if (await isSignInLocked(key)) {
    logger.warn({ login }, "sign-in refused: too many failed attempts");
    throw new TooManyAttempts();
  }
  // Same time spent whether the account is missing or has no password (a placeholder), so neither can be probed.
  if (!user?.passwordHash) await burnPasswordCheck(password);
  const ok = user ? await verifyPassword(user.passwordHash, password) : false;
  await recordSignInAttempt(key, clientIp(request), ok);
  // Placeholders stand in for source users of an import: they never sign in, whatever is stored for them.
  if (!user || !ok || user.userType !== "human") throw new InvalidLogin();
  if (user.state !== "active") throw new BlockedUser();
  return { id: String(user.id), name: user.name, email: user.email };
}
