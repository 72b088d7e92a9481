import { describe, expect, it } from "vitest";
import { authenticateToken } from "@/lib/auth/tokens";
import { findUserByLogin } from "@/lib/users";
import { unique } from "@/test/helpers/factories";
import { runCli } from "./index";

async function run(args: string[]) {
  const lines: string[] = [];
  const code = await runCli(args, (line) => lines.push(line));
  return { code, lines };
}

describe("operator CLI", () => {
  it("creates a user and a token whose value is alone on the last line", async () => {
    const username = unique("cli");
    const created = await run(["user:create", "--username", username, "--email", `${username}@example.com`, "--password", "a long password"]);
    expect(created.code).toBe(0);
    expect(created.lines.at(-1)).toContain(`created user ${username}`);
    expect(await findUserByLogin(username)).toBeDefined();

    const token = await run(["token:create", "--username", username, "--name", "deploy", "--scopes", "api,read_api", "--expires-at", "2999-12-31"]);
    expect(token.code).toBe(0);
    const value = token.lines.at(-1)!;
    expect(value).toMatch(/^glpat-\S+$/);
    const identity = await authenticateToken(value);
    expect(identity?.user.username).toBe(username);
    expect(identity?.scopes.sort()).toEqual(["api", "read_api"]);
    expect(identity?.token.expiresAt).toBe("2999-12-31");
  });

  it("explains bad input with an exit code of 1", async () => {
    expect(await run(["user:create", "--username", unique()])).toMatchObject({ code: 1, lines: ["error: --email is required"] });
    expect(await run(["token:create", "--username", "nobody-" + unique(), "--name", "x", "--scopes", "api"])).toMatchObject({ code: 1 });
    const bad = await run(["token:create", "--username", "x", "--name", "x", "--scopes", "api"]);
    expect(bad.code).toBe(1);
    expect((await run(["frobnicate"])).lines[0]).toMatch(/unknown command/);
    expect((await run([])).code).toBe(1);
  });
});
