import { describe, expect, it } from "vitest";
import { CSV_MAX_BYTES, parseReassignmentCsv } from "./reassign-csv";

const MALFORMED = `Malformed line: expected "source username or email,local username".`;
const lines = (text: string) => {
  const { entries, errors } = parseReassignmentCsv(text);
  return { entries: entries.map((e) => [e.line, e.source, e.target]), errors: errors.map((e) => [e.line, e.message]) };
};

describe("parseReassignmentCsv", () => {
  it("skips a header only as the first line, and blank or whitespace-only lines", () => {
    expect(lines("\n  \nSOURCE,target\nada,alice\nsource,bob\n\t\n")).toEqual({ entries: [[4, "ada", "alice"], [5, "source", "bob"]], errors: [] });
    expect(lines("Source username or email , Local username\r\nada,alice")).toEqual({ entries: [[2, "ada", "alice"]], errors: [] });
    expect(lines("sources,x\nada,alice").entries).toEqual([[1, "sources", "x"], [2, "ada", "alice"]]);
    expect(lines("")).toEqual({ entries: [], errors: [] });
  });

  it("ignores a UTF-8 byte order mark and reads CRLF, LF and CR line ends", () => {
    expect(lines("\uFEFFSource,Local\r\nada,alice\r\nbob,bert\r\n").entries).toEqual([[2, "ada", "alice"], [3, "bob", "bert"]]);
    expect(lines("\uFEFFada,alice").entries).toEqual([[1, "ada", "alice"]]);
    expect(lines("ada,alice\rbob,bert\r").entries).toEqual([[1, "ada", "alice"], [2, "bob", "bert"]]);
  });

  it("reads quoted fields: spaces around them, doubled quotes, commas and line breaks inside", () => {
    expect(lines(' "bob@x.org" , " bob "\n"a""b","c,d"\n"multi\nline",x\nafter,it').entries).toEqual([
      [1, "bob@x.org", "bob"],
      [2, 'a"b', "c,d"],
      [3, "multi\nline", "x"],
      [5, "after", "it"],
    ]);
  });

  it("reports a line without exactly two non-empty fields by its number, and goes on", () => {
    expect(lines("only-one\na,b,c\n,x\nx,\n,\n\"\",y\nada,alice")).toEqual({
      entries: [[7, "ada", "alice"]],
      errors: [1, 2, 3, 4, 5, 6].map((line) => [line, MALFORMED]),
    });
    const { errors } = parseReassignmentCsv("a,b,c\n");
    expect(errors[0]).toEqual({ line: 1, source: "a", target: "b", status: "error", message: MALFORMED });
  });

  it("reports a misplaced or unclosed quote on its line, then reads the next lines", () => {
    const { entries, errors } = parseReassignmentCsv('ada,alice\n"ab"c,d\nbob,bert\n\nx,"unclosed\ncarl,chris\nd"e,f\ndan,dora');
    expect(entries.map((e) => e.line)).toEqual([1, 3, 6, 8]);
    expect(errors.map((e) => [e.line, e.source, e.message])).toEqual([
      [2, '"ab"c,d', "Malformed line: a quote is misplaced or not closed."],
      [5, 'x,"unclosed', "Malformed line: a quote is misplaced or not closed."],
      [7, 'd"e,f', "Malformed line: a quote is misplaced or not closed."],
    ]);
    // A quote that runs on for more than a record's worth of file is still reported as a quote.
    expect(lines(`"open,x\n${"a,b\n".repeat(2000)}`).errors).toEqual([[1, "Malformed line: a quote is misplaced or not closed."]]);
  });

  it("reports an overlong line, its text shortened", () => {
    const { entries, errors } = parseReassignmentCsv(`ada,${"x".repeat(5000)}\nbob,bert`);
    expect(entries).toEqual([{ line: 2, source: "bob", target: "bert" }]);
    expect(errors[0]).toMatchObject({ line: 1, message: "Malformed line: the line is too long." });
    expect(errors[0]!.source).toHaveLength(101);
  });

  it("refuses files over the size, line or malformed-line limits", () => {
    expect(() => parseReassignmentCsv("a,b\n".repeat(CSV_MAX_BYTES / 4 + 1))).toThrow(/too large/);
    expect(() => parseReassignmentCsv("a,b\n".repeat(10_000))).toThrow("The file has too many lines (maximum is 10000).");
    expect(parseReassignmentCsv("a,b\n".repeat(9_999)).entries).toHaveLength(9_999);
    expect(() => parseReassignmentCsv('"a"b,c\n'.repeat(101))).toThrow(/not a valid CSV file/);
    expect(parseReassignmentCsv('"a"b,c\n'.repeat(100)).errors).toHaveLength(100);
  });
});
