// Public face of lib/highlight: syntax highlighting of a file's text on the server (highlight.js), one line at a time
// so that a page can number and anchor each line. highlight.js escapes the text and adds nothing but
// `<span class="hljs-...">`, so each line is HTML safe to put in a page.
import hljs from "highlight.js/lib/common";
import dockerfile from "highlight.js/lib/languages/dockerfile";

hljs.registerLanguage("dockerfile", dockerfile);

/** Past these, a file is shown as plain text: highlighting it would hold a request for seconds. */
export const MAX_HIGHLIGHT_BYTES = 512 * 1024;
export const MAX_HIGHLIGHT_LINES = 20_000;

// Names whose extension does not tell their language.
const BY_NAME: Record<string, string> = {
  dockerfile: "dockerfile",
  makefile: "makefile",
  gemfile: "ruby",
  rakefile: "ruby",
  ".bashrc": "bash",
  ".gitignore": "bash",
};

// Extensions that highlight.js knows under no alias.
const BY_EXTENSION: Record<string, string> = {
  mjs: "javascript",
  cjs: "javascript",
  mts: "typescript",
  cts: "typescript",
  tsx: "typescript",
  jsx: "javascript",
  svg: "xml",
  vue: "xml",
  lock: "yaml",
};

/** highlight.js's name of the language of a file, by its name; null when it is unknown (shown plain). */
export function languageOf(fileName: string): string | null {
  const name = fileName.toLowerCase();
  if (BY_NAME[name]) return BY_NAME[name];
  const dot = name.lastIndexOf(".");
  if (dot < 0) return null;
  const extension = name.slice(dot + 1);
  const language = BY_EXTENSION[extension] ?? extension;
  return hljs.getLanguage(language) ? language : null;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const TAG = /<span class="[^"]*">|<\/span>/g;

/**
 * Cuts highlighted HTML into lines: a span open at a line's end is closed there and opened again on the next line (a
 * block comment or a string over several lines), so that every line is balanced HTML of its own.
 */
export function splitHighlightedLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let line = "";
  let at = 0;
  const text = (chunk: string) => {
    const parts = chunk.split("\n");
    parts.forEach((part, index) => {
      if (index > 0) {
        lines.push(line + "</span>".repeat(open.length));
        line = open.join("");
      }
      line += part;
    });
  };
  for (const match of html.matchAll(TAG)) {
    text(html.slice(at, match.index));
    if (match[0] === "</span>") open.pop();
    else open.push(match[0]);
    line += match[0];
    at = match.index + match[0].length;
  }
  text(html.slice(at));
  lines.push(line);
  return lines;
}

export interface HighlightedLines {
  /** The language it was highlighted as; null when shown plain. */
  language: string | null;
  /** Each line as HTML (escaped text, highlight.js's spans), without its newline. */
  lines: string[];
}

/** A file's text cut into lines of HTML, highlighted when its language is known and it is not too large. */
export function highlightLines(content: string, fileName: string): HighlightedLines {
  const source = content.endsWith("\n") ? content.slice(0, -1) : content;
  const language = languageOf(fileName);
  const lineCount = source.split("\n", MAX_HIGHLIGHT_LINES + 1).length;
  if (!language || source.length > MAX_HIGHLIGHT_BYTES || lineCount > MAX_HIGHLIGHT_LINES) {
    return { language: null, lines: source.split("\n").map(escapeHtml) };
  }
  const { value } = hljs.highlight(source, { language, ignoreIllegals: true });
  return { language, lines: splitHighlightedLines(value) };
}
