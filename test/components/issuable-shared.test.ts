import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { IssuableLinks } from "@/components/content/issuable-links";
import { IssuableStateTabs } from "@/components/content/issuable-state-tabs";
import { IssuableView } from "@/components/content/issuable-view";
import { StateBadge } from "@/components/content/state-badge";
import { MergeRequestList, type MergeRequestListItem } from "@/components/merge-requests/merge-request-list";
import { DiffFiles } from "@/components/projects/repository/diff-files";
import type { DiffFile } from "@/lib/repositories";

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();

const mr = (over: Partial<MergeRequestListItem>): MergeRequestListItem => ({
  id: 1,
  href: "/g/p/-/merge_requests/7",
  reference: "!7",
  title: "Fix the login",
  state: "opened",
  draft: false,
  author: { name: "Ada", username: "ada" },
  createdAt: new Date("2024-01-01T00:00:00Z"),
  updatedAt: new Date("2024-01-02T00:00:00Z"),
  targetBranch: "main",
  labels: [{ id: 1, title: "bug", color: "#ff0000", textColor: "#ffffff", description: null }],
  milestone: "v1.0",
  assignees: [],
  reviewers: [{ name: "Rita", username: "rita" }],
  notes: 1,
  upvotes: 0,
  ...over,
});

describe("MergeRequestList, drawn by the shared IssuableList", () => {
  it("shows a row as GitLab's: Draft before the title, the reference, target branch and milestone, labels, counts on the right", () => {
    const html = renderToStaticMarkup(createElement(MergeRequestList, { items: [mr({ draft: true })], empty: "None.", showState: false }));
    expect(html).toContain('aria-label="Merge requests"');
    const row = text(html);
    expect(row.indexOf("Draft")).toBeLessThan(row.indexOf("Fix the login"));
    expect(row).toContain("!7 · created");
    expect(row).toContain("Target branch main");
    expect(row).toContain("v1.0");
    expect(row).toContain("bug");
    expect(row).toContain("1 reviewer");
    expect(row).toContain("1 comment");
    // An open merge request's state is only shown in the All list.
    expect(row).not.toContain("Open");
    expect(row).not.toContain("Confidential");
  });

  it("badges a merged one wherever it is listed, and says when the list is empty", () => {
    expect(text(renderToStaticMarkup(createElement(MergeRequestList, { items: [mr({ state: "merged" })], empty: "None.", showState: false })))).toContain("Merged");
    expect(renderToStaticMarkup(createElement(MergeRequestList, { items: [], empty: "There are no merged merge requests.", showState: false }))).toContain("There are no merged merge requests.");
  });
});

describe("IssuableStateTabs", () => {
  it("links each state with its count as a plain link (a new server render), the current one marked", () => {
    const html = renderToStaticMarkup(
      createElement(IssuableStateTabs<"opened" | "merged" | "all">, {
        label: "Merge request state",
        states: [
          ["opened", "Open"],
          ["merged", "Merged"],
          ["all", "All"],
        ],
        current: "merged",
        counts: { opened: 1, merged: 2, all: 3 },
        hrefFor: (state) => `/mrs?state=${state}`,
      }),
    );
    expect(html).toContain('aria-label="Merge request state"');
    expect(html).toMatch(/<a href="\/mrs\?state=merged" aria-current="page"[^>]*>Merged<span[^>]*>2<\/span><\/a>/);
    expect(html).toMatch(/<a href="\/mrs\?state=opened" class=[^>]*>Open<span[^>]*>1<\/span><\/a>/);
  });
});

describe("IssuableView and IssuableLinks", () => {
  it("ends the sidebar with the reference to copy, and lists linked items with their count and state", () => {
    const html = renderToStaticMarkup(
      createElement(IssuableView, {
        item: { kind: "Issue", title: "T", shortReference: "#3", reference: "g/p#3", state: "opened", confidential: false, description: null, author: null, createdAt: new Date(), awards: [] },
        listName: "Issues",
        listHref: "/g/p/-/issues",
        sections: createElement(IssuableLinks, { id: "related-mrs", heading: "Related merge requests", empty: "No merge request mentions this issue.", items: [{ id: 1, href: "/mr/1", title: "Fix", reference: "!1", state: "merged" }] }),
        activity: null,
        sidebar: null,
      }),
    );
    expect(text(html)).toMatch(/Reference g\/p#3$/);
    expect(text(html)).toContain("Related merge requests (1) Fix !1 Merged");
    expect(renderToStaticMarkup(createElement(IssuableLinks, { id: "children", heading: "Child epics", empty: "No child epics.", items: [] }))).toContain("No child epics.");
  });
});

const file = (path: string, diff: string): DiffFile => ({ old_path: path, new_path: path, a_mode: "100644", b_mode: "100644", new_file: false, renamed_file: false, deleted_file: false, diff, collapsed: false, too_large: false, binary: false });

describe("DiffFiles", () => {
  it("counts the changes, lists the files and warns when some are left out", () => {
    const files = [file("a.rb", "@@ -1 +1,2 @@\n-old\n+new\n+more\n"), file("b.rb", "@@ -1 +1 @@\n-x\n+y\n")];
    const html = renderToStaticMarkup(
      createElement(DiffFiles, { files, total: 3, stats: { additions: 3, deletions: 2 }, headingLevel: "h3", overflow: "Only 2 of 3 changed files are listed.", listTitle: "Changed files (2)", fullPath: "g/p", commit: "abc", expand: ["b.rb"], expandHref: (path) => `/x?expand=${path}` }),
    );
    expect(text(html)).toContain("Showing 3 changed files with 3 additions and 2 deletions");
    expect(html).toContain("<h3");
    expect(html).toContain("Only 2 of 3 changed files are listed.");
    expect(text(html)).toContain("Changed files (2) a.rb +2 -1 b.rb +1 -1");
  });

  it("draws one page of files, lists them all with links to their page, and links the pages", () => {
    const files = Array.from({ length: 30 }, (_, i) => file(`f${i}.rb`, "@@ -1 +1 @@\n-x\n+y\n"));
    const hrefFor = (page: number) => `/g/p/-/merge_requests/7/diffs?page=${page}`;
    const html = renderToStaticMarkup(
      createElement(DiffFiles, { files, total: 30, stats: null, headingLevel: "h3", overflow: null, listTitle: "Changed files (30)", fullPath: "g/p", commit: "abc", expand: [], expandHref: (path) => `/x?expand=${path}`, paging: { page: 2, perPage: 25, hrefFor } }),
    );
    // Boxes for files 26-30 only, under their own numbers; the list links the first page's files there.
    expect(html).toContain('id="diff-25"');
    expect(html).toContain('id="diff-29"');
    expect(html).not.toContain('id="diff-24"');
    expect(html).toContain('href="/g/p/-/merge_requests/7/diffs?page=1#diff-0"');
    expect(html).toContain('href="#diff-27"');
    expect(html).toMatch(/aria-label="Changes pages"/);
    expect(html).toContain('href="/g/p/-/merge_requests/7/diffs?page=1#changes-title"');
  });
});

describe("StateBadge", () => {
  it("badges a closed merge request as given up (red, as GitLab's) and a closed issue as done, a locked merge request as Open", () => {
    const closedMr = renderToStaticMarkup(createElement(StateBadge, { state: "closed", mergeRequest: true }));
    const closedIssue = renderToStaticMarkup(createElement(StateBadge, { state: "closed" }));
    expect(text(closedMr)).toBe("Closed");
    expect(closedMr).toContain("text-red-700");
    expect(closedIssue).toContain("text-blue-700");
    expect(text(renderToStaticMarkup(createElement(StateBadge, { state: "locked", mergeRequest: true })))).toBe("Open");
    expect(text(renderToStaticMarkup(createElement(StateBadge, { state: "locked" })))).toBe("Locked");
  });
});
