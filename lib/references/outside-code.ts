import remarkParse from "remark-parse";
import { unified } from "unified";

interface MdNode {
  type: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

// CommonMark's code is GFM's: its extensions (tables, autolinks, strikethrough) add no code, and cost time.
const parser = unified().use(remarkParse);
// Without a backtick, a tilde fence or an indented line there is no code, and nothing to parse.
const MAY_HAVE_CODE = /`|~~~|^(?: {4}|\t)/m;

/** Where the Markdown has code (fenced, indented, inline), as [start, end) offsets in order: GitLab's filters skip it. */
function codeRanges(markdown: string): [number, number][] {
  const ranges: [number, number][] = [];
  if (!MAY_HAVE_CODE.test(markdown)) return ranges;
  const walk = (node: MdNode) => {
    if ((node.type === "code" || node.type === "inlineCode") && node.position) {
      ranges.push([node.position.start.offset ?? 0, node.position.end.offset ?? markdown.length]);
      return;
    }
    node.children?.forEach(walk);
  };
  walk(parser.parse(markdown) as MdNode);
  return ranges;
}

/** The Markdown with `rewrite` applied to every stretch outside code, code kept byte for byte. */
export function mapOutsideCode(markdown: string, rewrite: (text: string) => string): string {
  let out = "";
  let at = 0;
  for (const [start, end] of codeRanges(markdown)) {
    out += rewrite(markdown.slice(at, start)) + markdown.slice(start, end);
    at = end;
  }
  return out + rewrite(markdown.slice(at));
}

/** The stretches of the Markdown outside code, where references may be. */
export function textOutsideCode(markdown: string): string[] {
  const parts: string[] = [];
  mapOutsideCode(markdown, (text) => {
    parts.push(text);
    return text;
  });
  return parts;
}
