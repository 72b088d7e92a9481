/*
 * Text that GitLab-flavoured Markdown gives back as it is: paragraphs of words and plain punctuation, which the
 * pages can draw without parsing (a merge request's 50 threads a page spent most of their time in the parser, and
 * most comments are such text: "Done.", "Thanks, fixed"). Anything that could be syntax (a sigil, a bracket, a
 * backtick, an emphasis mark, an address, a list or code at a line's start, a hard break) is left to the parser:
 * the check errs on that side. Its output is tested equal to the parser's (test/components/markdown.test.ts).
 */

const PLAIN_CHARACTERS = /^[\p{L}\p{N}\p{M} \n.,;?'"()/-]*$/u;
// At a line's start: indented code or a continuation (space), a list or a thematic break (-), an ordered list (1. 1)).
const SYNTAX_AT_LINE_START = /(?:^|\n)(?: |-|\d{1,9}[.)])/;
// GitLab's autolinks without a scheme; and spaces before a line end, a hard break.
const OTHER_SYNTAX = /www\.| \n| $/i;
// Past this, the parser's time hardly matters beside the page's, and the checks stay cheap.
const MAX_LENGTH = 20_000;

/** The paragraphs of `source`, each as its lines, when it is plain text in the sense above; null otherwise. */
export function plainParagraphs(source: string): string[][] | null {
  if (source.length > MAX_LENGTH || !PLAIN_CHARACTERS.test(source) || SYNTAX_AT_LINE_START.test(source) || OTHER_SYNTAX.test(source)) return null;
  return source
    .replace(/^\n+|\n+$/g, "")
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.split("\n"));
}
