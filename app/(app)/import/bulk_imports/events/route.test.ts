import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { importEventHub, stopImportEvents } from "@/lib/live";
import { notifyImportChanged } from "@/lib/migration/notify";
import type { PublicUser } from "@/lib/users";
import { makeUser } from "@/test/helpers/factories";

// The seam: a real session needs Next's request context; the route only asks currentUser() who is signed in.
const session = vi.hoisted(() => ({ user: null as PublicUser | null }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => session.user }));

const { GET } = await import("./route");

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, seen: { text: string }, needle: string) {
  const decoder = new TextDecoder();
  const deadline = Date.now() + 5_000;
  while (!seen.text.includes(needle)) {
    if (Date.now() > deadline) throw new Error(`no ${JSON.stringify(needle)} in ${JSON.stringify(seen.text)}`);
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before ${JSON.stringify(needle)}: ${JSON.stringify(seen.text)}`);
    seen.text += decoder.decode(value, { stream: true });
  }
}

beforeEach(() => {
  session.user = null;
});

afterAll(async () => {
  await stopImportEvents();
});

describe("GET /import/bulk_imports/events", () => {
  it("answers 401 without a session", async () => {
    const response = await GET(new Request("http://ferry.test/import/bulk_imports/events"));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: "401 Unauthorized" });
  });

  it("streams the signed-in user's import events, not other users', and unsubscribes when the browser leaves", async () => {
    const [user, other] = await Promise.all([makeUser(), makeUser()]);
    session.user = user;
    const browser = new AbortController();
    // Held to the end: undici drops the link from `browser` to request.signal once the Request is garbage collected.
    const request = new Request("http://ferry.test/import/bulk_imports/events", { signal: browser.signal });
    const response = await GET(request);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("cache-control")).toContain("no-transform");
    const reader = response.body!.getReader();
    const seen = { text: "" };
    await readUntil(reader, seen, "event: ready");
    expect(seen.text.startsWith("retry: 3000\n\n")).toBe(true);
    expect(importEventHub().subscriberCount).toBe(1);

    await notifyImportChanged(getDb(), { userId: other.id, bulkImportId: 1 });
    await notifyImportChanged(getDb(), { userId: user.id, bulkImportId: 12, entityId: 34 });
    await readUntil(reader, seen, "event: import");
    await readUntil(reader, seen, "\n\n");
    const messages = seen.text.split("\n\n").filter((m) => m.startsWith("event: import"));
    expect(messages).toEqual([`event: import\ndata: ${JSON.stringify({ userId: user.id, bulkImportId: 12, entityId: 34 })}`]);

    browser.abort();
    expect(request.signal.aborted).toBe(true);
    // What the stream had queued before the abort (a keep-alive on a slow machine) may still be read; then it ends.
    let chunks = 0;
    while (!(await reader.read()).done) expect(++chunks).toBeLessThan(10);
    expect(importEventHub().subscriberCount).toBe(0);
  });

  it("lets administrators follow everyone's imports with scope=all, and only them", async () => {
    const [admin, user, alice] = await Promise.all([makeUser({ admin: true }), makeUser(), makeUser()]);
    const open = async (who: PublicUser) => {
      session.user = who;
      const browser = new AbortController();
      const response = await GET(new Request("http://ferry.test/import/bulk_imports/events?scope=all", { signal: browser.signal }));
      const reader = response.body!.getReader();
      const seen = { text: "" };
      await readUntil(reader, seen, "event: ready");
      return { reader, seen, browser };
    };
    const adminTab = await open(admin);
    const userTab = await open(user);
    await notifyImportChanged(getDb(), { userId: alice.id, bulkImportId: 99 });
    await readUntil(adminTab.reader, adminTab.seen, `"userId":${alice.id}`);
    await notifyImportChanged(getDb(), { userId: user.id, bulkImportId: 100 });
    await readUntil(userTab.reader, userTab.seen, `"bulkImportId":100`);
    expect(userTab.seen.text).not.toContain(`"userId":${alice.id}`);
    adminTab.browser.abort();
    userTab.browser.abort();
  });

  it("sends a heartbeat comment so that idle connections stay open", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      session.user = await makeUser();
      const browser = new AbortController();
      const response = await GET(new Request("http://ferry.test/import/bulk_imports/events", { signal: browser.signal }));
      const reader = response.body!.getReader();
      const seen = { text: "" };
      await readUntil(reader, seen, "retry:");
      vi.advanceTimersByTime(15_000);
      await readUntil(reader, seen, ": heartbeat\n\n");
      browser.abort();
    } finally {
      vi.useRealTimers();
    }
  });
});
