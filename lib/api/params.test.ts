import { describe, expect, it } from "vitest";
import { readParams } from "./params";

const form = (body: string) => new Request("http://x/api", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });

describe("readParams", () => {
  it("folds Rack-style form keys into nested arrays and objects", async () => {
    expect(await readParams(form("entities[][a]=1&entities[][b]=2&entities[][a]=3&entities[][b]=4&scopes[]=api&scopes[]=read_api&c[x]=y"))).toEqual({
      entities: [
        { a: "1", b: "2" },
        { a: "3", b: "4" },
      ],
      scopes: ["api", "read_api"],
      c: { x: "y" },
    });
    expect(await readParams(form("entities[0][a]=1&entities[1][a]=2&entities[0][b]=3"))).toEqual({ entities: [{ a: "1", b: "3" }, { a: "2" }] });
  });

  it("merges the query string with a JSON body", async () => {
    const request = new Request("http://x/api?page=2", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "n" }) });
    expect(await readParams(request)).toEqual({ page: "2", name: "n" });
  });
});
