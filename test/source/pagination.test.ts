import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSource, type TestSource } from "./server";
import { api, json } from "./test-client";

let source: TestSource;
beforeAll(async () => {
  source = await startTestSource({ groups: [] });
  source.addGroups(45, (i) => ({ path: `team-${String(i).padStart(2, "0")}`, name: `Team ${String(i).padStart(2, "0")}` }));
});
afterAll(() => source.close());

const OWNED = "/groups?top_level_only=true&min_access_level=50";

function parseLink(header: string | null): Record<string, URL> {
  const links: Record<string, URL> = {};
  for (const part of (header ?? "").split(", ")) {
    const match = /^<([^>]+)>; rel="(\w+)"$/.exec(part);
    if (match?.[1] && match[2]) links[match[2]] = new URL(match[1]);
  }
  return links;
}

describe("pagination", () => {
  it("pages 45 owned groups 20 at a time with GitLab's headers", async () => {
    const first = await api(source, OWNED);
    expect((await json<unknown[]>(first)).length).toBe(20);
    expect(Object.fromEntries(["x-page", "x-per-page", "x-total", "x-total-pages", "x-next-page", "x-prev-page"].map((h) => [h, first.headers.get(h)]))).toEqual({
      "x-page": "1",
      "x-per-page": "20",
      "x-total": "45",
      "x-total-pages": "3",
      "x-next-page": "2",
      "x-prev-page": "",
    });
    const links = parseLink(first.headers.get("link"));
    expect(Object.keys(links).sort()).toEqual(["first", "last", "next"]);
    expect(links.next?.searchParams.get("page")).toBe("2");
    expect(links.next?.searchParams.get("top_level_only")).toBe("true");
    expect(links.last?.searchParams.get("page")).toBe("3");
    expect(links.next?.origin).toBe(source.url);

    const last = await api(source, `${OWNED}&page=3`);
    expect((await json<unknown[]>(last)).length).toBe(5);
    expect(last.headers.get("x-next-page")).toBe("");
    expect(last.headers.get("x-prev-page")).toBe("2");
    expect(Object.keys(parseLink(last.headers.get("link"))).sort()).toEqual(["first", "last", "prev"]);
  });

  it("visits every group exactly once when following x-next-page, in name order", async () => {
    const names: string[] = [];
    for (let page: string | null = "1"; page; ) {
      const response = await api(source, `${OWNED}&per_page=7&page=${page}`);
      names.push(...(await json<{ name: string }[]>(response)).map((g) => g.name));
      page = response.headers.get("x-next-page");
    }
    expect(names.length).toBe(45);
    expect(new Set(names).size).toBe(45);
    expect(names).toEqual([...names].sort());
    expect(names[0]).toBe("Team 01");
  });

  it("clamps per_page to 100, refuses a non-numeric page and answers past the end with an empty page", async () => {
    const big = await api(source, `${OWNED}&per_page=500`);
    expect(big.headers.get("x-per-page")).toBe("100");
    expect((await json<unknown[]>(big)).length).toBe(45);
    const bad = await api(source, `${OWNED}&page=abc`);
    expect(bad.status).toBe(400);
    expect(await json(bad)).toEqual({ error: "page is invalid" });
    const beyond = await api(source, `${OWNED}&page=9`);
    expect(await json(beyond)).toEqual([]);
    expect(beyond.headers.get("x-prev-page")).toBe("");
    expect(beyond.headers.get("x-total")).toBe("45");
  });

  it("sorts descending on request", async () => {
    const groups = await json<{ name: string }[]>(await api(source, `${OWNED}&sort=desc&per_page=3`));
    expect(groups.map((g) => g.name)).toEqual(["Team 45", "Team 44", "Team 43"]);
  });
});
