import { describe, expect, it } from "vitest";
import { BodyTooLarge, maxBodyBytes, readBodyBytes } from "./body";
import { ParamError } from "./param-error";
import { readParams } from "./params";
import { decodePathParams } from "./raw-input";

const form = (body: string) => new Request("http://x/api", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
const jsonBody = (body: BodyInit) => new Request("http://x/api", { method: "POST", headers: { "content-type": "application/json" }, body });

async function refusal(read: () => Promise<unknown>): Promise<string> {
  try {
    await read();
  } catch (error) {
    if (error instanceof ParamError || error instanceof BodyTooLarge) return error.message;
    throw error;
  }
  throw new Error("accepted");
}

/** A body that says it is endless: chunks are produced as they are pulled, and counted. */
function endless(chunkBytes = 64 * 1024) {
  const counter = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      counter.pulled += chunkBytes;
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x61));
    },
    cancel() {
      counter.cancelled = true;
    },
  });
  return { counter, request: new Request("http://x/api", { method: "POST", headers: { "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit) };
}

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

  it("merges the query string with a JSON body, and reads a JSON body sent as a form", async () => {
    const request = new Request("http://x/api?page=2", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "n" }) });
    expect(await readParams(request)).toEqual({ page: "2", name: "n" });
    expect(await readParams(form('{"name":"n"}'))).toEqual({ name: "n" });
  });

  it("makes no sparse array of a huge index and never writes to Object.prototype", async () => {
    expect(await readParams(form("iids[4294967294]=1"))).toEqual({ iids: ["1"] });
    expect(await readParams(form("__proto__[polluted]=1&constructor[prototype][polluted]=1&a=2"))).toEqual({ a: "2" });
    expect(await readParams(jsonBody('{"__proto__":{"polluted":1},"a":2}'))).toEqual({ a: 2 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses NULs and invalid UTF-8 wherever they are, naming the parameter", async () => {
    expect(await refusal(() => readParams(new Request("http://x/api?search=%00")))).toBe("search is invalid");
    expect(await refusal(() => readParams(new Request("http://x/api?search=%ff")))).toBe("search is invalid");
    expect(await refusal(() => readParams(new Request("http://x/api?%ff=1")))).toBe("%ff is invalid");
    expect(await refusal(() => readParams(new Request("http://x/api?search=50%")))).toBe("search is invalid");
    expect(await refusal(() => readParams(form("name=a%00b")))).toBe("name is invalid");
    expect(await refusal(() => readParams(form("entities[0][source_full_path]=%c3%28")))).toBe("entities[0][source_full_path] is invalid");
    expect(await refusal(() => readParams(jsonBody(JSON.stringify({ entities: [{ source_full_path: "a\u0000" }] }))))).toBe("entities[0][source_full_path] is invalid");
    expect(await refusal(() => readParams(jsonBody(JSON.stringify({ "a\u0000b": 1 }))))).toBe("ab is invalid");
  });

  it("answers Grape's malformed-body error for bad JSON, non-UTF-8 bytes and nesting past Ruby's JSON limit", async () => {
    const malformed = "message body does not match declared format";
    expect(await refusal(() => readParams(jsonBody('{"name": ')))).toBe(malformed);
    expect(await refusal(() => readParams(jsonBody(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]))))).toBe(malformed);
    expect(await refusal(() => readParams(jsonBody(`{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}`)))).toBe(malformed);
    expect(await refusal(() => readParams(form(`a${"[b]".repeat(200)}=1`)))).toBe("a is invalid");
  });

  it("decodes path parameters once, refusing NULs and invalid UTF-8", () => {
    expect(decodePathParams({ id: "a%2Fb", epic_iid: "1" })).toEqual({ id: "a/b", epic_iid: "1" });
    expect(() => decodePathParams({ id: "x%00" })).toThrow("id is invalid");
    expect(() => decodePathParams({ id: "%ff" })).toThrow("id is invalid");
  });
});

describe("the request body cap", () => {
  it("stops reading and cancels the stream as soon as the cap is passed", async () => {
    const { counter, request } = endless();
    expect(await refusal(() => readParams(request))).toBe("Request body too large");
    expect(counter.cancelled).toBe(true);
    // What was pulled is the cap and the few chunks the stream reads ahead, not the endless rest.
    expect(counter.pulled).toBeLessThan(maxBodyBytes() + 256 * 1024);
  });

  it("reads a body up to the cap whole", async () => {
    const bytes = await readBodyBytes(new Request("http://x/api", { method: "POST", body: "x".repeat(1000) }), 1000);
    expect(bytes.byteLength).toBe(1000);
    expect(await refusal(() => readBodyBytes(new Request("http://x/api", { method: "POST", body: "x".repeat(1001) }), 1000))).toBe("Request body too large");
  });
});
