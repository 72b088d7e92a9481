import { describe, expect, it } from "vitest";
import { tokenFor } from "@/test/helpers/api";
import { makeUser } from "@/test/helpers/factories";
import { authenticateToken } from "./tokens";
import { TOKEN_SCOPE_DETAILS, TOKEN_SCOPES, tokenAllows } from "./scopes";

describe("token scopes", () => {
  it("grant git access as GitLab's abilities_for_scopes does: api both ways, read_api and read_repository fetch, write_repository both", () => {
    const table = TOKEN_SCOPES.map((scope) => [scope, tokenAllows([scope], "read_repository"), tokenAllows([scope], "write_repository")]);
    expect(table).toEqual([
      ["api", true, true],
      ["read_api", true, false],
      ["read_repository", true, false],
      ["write_repository", true, true],
    ]);
    expect(tokenAllows([], "read_repository")).toBe(false);
    expect(tokenAllows(["sudo", "read_user"], "read_repository")).toBe(false);
    expect(tokenAllows(["read_repository", "write_repository"], "write_repository")).toBe(true);
  });

  it("are offered with a description each, the repository ones in GitLab's words", () => {
    expect(TOKEN_SCOPE_DETAILS.map((d) => d.scope)).toEqual([...TOKEN_SCOPES]);
    expect(TOKEN_SCOPE_DETAILS.find((d) => d.scope === "read_repository")?.description).toBe(
      "Grants read-only access to repositories on private projects using Git-over-HTTP or the Repository Files API.",
    );
    expect(TOKEN_SCOPE_DETAILS.find((d) => d.scope === "write_repository")?.description).toBe("Grants read-write access to repositories on private projects using Git-over-HTTP (not using the API).");
  });

  it("are stored and read back on tokens, the repository ones included", async () => {
    const user = await makeUser();
    const identity = await authenticateToken(await tokenFor(user.id, ["read_repository", "write_repository"]));
    expect(identity?.scopes).toEqual(["read_repository", "write_repository"]);
  });
});
