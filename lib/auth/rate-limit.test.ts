import { describe, expect, it } from "vitest";
import { unique } from "@/test/helpers/factories";
import { isSignInLocked, recordSignInAttempt } from "./rate-limit";

describe("sign-in rate limit", () => {
  it("locks a login after 5 failures in the window, whatever its case, and a success clears it", async () => {
    const login = unique("Login");
    for (let i = 0; i < 4; i++) await recordSignInAttempt(login, "10.0.0.1", false);
    expect(await isSignInLocked(login)).toBe(false);
    await recordSignInAttempt(login.toUpperCase(), "10.0.0.1", false);
    expect(await isSignInLocked(login.toLowerCase())).toBe(true);
    expect(await isSignInLocked(unique("other"))).toBe(false);
    await recordSignInAttempt(login, null, true);
    expect(await isSignInLocked(login)).toBe(false);
  });
});
