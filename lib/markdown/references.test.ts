import { describe, expect, it } from "vitest";
import { markdownToHtml } from "./html";

const references = {
  "issue::id:12": { href: "/g/p/-/issues/12", title: "Crash on start" },
  "merge_request::id:3": { href: "/g/p/-/merge_requests/3" },
  "label::name:two words": { href: "/g/p/-/issues?label_name[]=two%20words" },
  "epic::id:5": { href: "/groups/g/-/epics/5" },
  "user::name:alice": { href: "/alice", title: "Alice" },
  "issue:g/q:id:5": { href: "/g/q/-/issues/5" },
};

describe("reference links in Markdown", () => {
  it("links the references the page resolved, in-app, and leaves the others as text", () => {
    const html = markdownToHtml('See #12, !3, ~"two words", &5, g/q#5 and @Alice; not #13 or &6.', { references });
    expect(html).toBe(
      '<p>See <a href="/g/p/-/issues/12" title="Crash on start" data-reference="issue">#12</a>, <a href="/g/p/-/merge_requests/3" data-reference="merge_request">!3</a>, ' +
        '<a href="/g/p/-/issues?label_name%5B%5D=two%20words" data-reference="label">~"two words"</a>, <a href="/groups/g/-/epics/5" data-reference="epic">&amp;5</a>, ' +
        '<a href="/g/q/-/issues/5" data-reference="issue">g/q#5</a> and <a href="/alice" title="Alice" data-reference="user">@Alice</a>; not #13 or &amp;6.</p>',
    );
  });

  it("leaves references in code, in links and inside addresses alone", () => {
    const html = markdownToHtml("`#12` [#12](https://example.com) https://example.com/page#12 a#12\n\n```\n!3 @alice\n```", { references });
    expect(html).not.toContain("data-reference");
  });

  it("links `&N` blindly only when the page resolved nothing", () => {
    expect(markdownToHtml("&6", { epicHref: (n) => `/groups/g/-/epics/${n}` })).toContain('data-epic-ref="6"');
    expect(markdownToHtml("&6", { epicHref: (n) => `/groups/g/-/epics/${n}`, references })).toBe("<p>&amp;6</p>");
  });
});
