import { describe, expect, it } from "vitest";
import { findReferences, referenceKey } from "./syntax";

const refs = (text: string) => findReferences(text).map((r) => [r.kind, r.path, r.value, r.byId, r.text]);

describe("reference syntax", () => {
  it("reads every short form", () => {
    expect(refs("see #12, !3 and &5")).toEqual([
      ["issue", "", "12", true, "#12"],
      ["merge_request", "", "3", true, "!3"],
      ["epic", "", "5", true, "&5"],
    ]);
    expect(refs('~bug ~"two words" ~123 ~scope::value')).toEqual([
      ["label", "", "bug", false, "~bug"],
      ["label", "", "two words", false, '~"two words"'],
      ["label", "", "123", true, "~123"],
      ["label", "", "scope::value", false, "~scope::value"],
    ]);
    expect(refs('%"Release 1.0" %v1.0 %4 @alice.smith')).toEqual([
      ["milestone", "", "Release 1.0", false, '%"Release 1.0"'],
      ["milestone", "", "v1.0", false, "%v1.0"],
      ["milestone", "", "4", true, "%4"],
      ["user", "", "alice.smith", false, "@alice.smith"],
    ]);
  });

  it("reads full-path forms", () => {
    expect(refs('group/project#5 group/sub/project!3 group/project~bug group/project%"m 1" group/sub&7 group&8')).toEqual([
      ["issue", "group/project", "5", true, "group/project#5"],
      ["merge_request", "group/sub/project", "3", true, "group/sub/project!3"],
      ["label", "group/project", "bug", false, "group/project~bug"],
      ["milestone", "group/project", "m 1", false, 'group/project%"m 1"'],
      ["epic", "group/sub", "7", true, "group/sub&7"],
      ["epic", "group", "8", true, "group&8"],
    ]);
  });

  it("stops at word boundaries and trailing punctuation", () => {
    expect(refs("(#12). ~bug. ~what? @bob.")).toEqual([
      ["issue", "", "12", true, "#12"],
      ["label", "", "bug", false, "~bug"],
      ["label", "", "what", false, "~what"],
      ["user", "", "bob", false, "@bob"],
    ]);
    // Inside words, numbers and emails, nothing.
    expect(refs("a#12 #12a abc!3 me@example.com #L12 C# 1%")).toEqual([]);
    // A project named without its group is not taken.
    expect(refs("project#5")).toEqual([]);
  });

  it("takes no part of an address: anchors, paths and ports are not references", () => {
    expect(refs("https://example.com/g/p/-/issues/5#12 https://example.com/page#12 https://example.com/g/p#5 http://x/!3 https://x/~user")).toEqual([]);
    expect(refs("https://example.com/#12")).toEqual([]);
  });

  it("keys references by what they name, paths and usernames whatever their case", () => {
    const [a, b] = findReferences("Group/Project#5 group/project#5");
    expect(referenceKey(a!)).toBe(referenceKey(b!));
    const [c, d] = findReferences("@Alice @alice");
    expect(referenceKey(c!)).toBe(referenceKey(d!));
    const [e, f] = findReferences('~123 ~"123"');
    expect(referenceKey(e!)).not.toBe(referenceKey(f!));
  });
});
