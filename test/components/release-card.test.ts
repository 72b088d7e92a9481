import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ReleaseCard, type ReleaseCardData } from "@/components/projects/releases/release-card";

const release: ReleaseCardData = {
  name: "Two",
  tagName: "release/2.0",
  description: null,
  releasedAt: new Date("2024-05-04T10:00:00Z"),
  upcoming: false,
  author: null,
  commit: null,
  links: [
    { id: 1, name: "Linux build", url: "https://downloads.example.com/linux", filepath: "/bin/app linux.tar.gz", linkType: "package" },
    { id: 2, name: "Runbook", url: "https://example.com/runbook", filepath: null, linkType: "runbook" },
  ],
  milestones: [],
};

describe("ReleaseCard's asset links", () => {
  it("link a filepath's asset by its permanent address on this site (GitLab's direct_asset_url), the others by their own", () => {
    const html = renderToStaticMarkup(createElement(ReleaseCard, { fullPath: "g/p", release }));
    expect(html).toContain('href="/g/p/-/releases/release%2F2.0/downloads/bin/app%20linux.tar.gz"');
    expect(html).toContain('href="https://example.com/runbook"');
    expect(html).not.toContain("https://downloads.example.com/linux");
  });
});
