import Link from "next/link";
import type { ReactNode } from "react";

/**
 * A small GitLab-flavoured Markdown renderer for descriptions and notes that builds React elements, never HTML strings:
 * every piece of source text reaches the page through React's escaping, raw HTML in the source shows as text, and only
 * http(s), mailto and same-site links become links. Covers what imported epics mostly use: paragraphs with line
 * breaks, headings, lists, quotes, fenced code, rules, emphasis, code spans, links, bare URLs and `&N` epic references.
 */

type Block =
  | { type: "paragraph"; lines: string[] }
  | { type: "heading"; level: number; text: string }
  | { type: "code"; text: string }
  | { type: "quote"; lines: string[] }
  | { type: "list"; ordered: boolean; items: string[] }
  | { type: "rule" };

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;

function parseBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = line.match(FENCE);
    if (fence) {
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !lines[i]!.trim().startsWith(fence[1]!)) body.push(lines[i++]!);
      i += 1;
      blocks.push({ type: "code", text: body.join("\n") });
      continue;
    }
    if (!line.trim()) {
      i += 1;
      continue;
    }
    const heading = line.match(HEADING);
    if (heading) {
      blocks.push({ type: "heading", level: heading[1]!.length, text: heading[2]! });
      i += 1;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ type: "rule" });
      i += 1;
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) quoted.push(lines[i++]!.match(QUOTE)![1]!);
      blocks.push({ type: "quote", lines: quoted });
      continue;
    }
    const listPattern = BULLET.test(line) ? BULLET : NUMBERED.test(line) ? NUMBERED : null;
    if (listPattern) {
      const items: string[] = [];
      const other = listPattern === BULLET ? NUMBERED : BULLET;
      while (i < lines.length && lines[i]!.trim() && !other.test(lines[i]!) && !FENCE.test(lines[i]!) && !HEADING.test(lines[i]!) && !QUOTE.test(lines[i]!)) {
        const item = lines[i]!.match(listPattern);
        if (item) items.push(item[1]!);
        else if (items.length) items[items.length - 1] += `\n${lines[i]!.trim()}`;
        i += 1;
      }
      blocks.push({ type: "list", ordered: listPattern === NUMBERED, items });
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && lines[i]!.trim() && !FENCE.test(lines[i]!) && !HEADING.test(lines[i]!) && !QUOTE.test(lines[i]!) && !BULLET.test(lines[i]!)) {
      paragraph.push(lines[i++]!);
    }
    blocks.push({ type: "paragraph", lines: paragraph });
  }
  return blocks;
}

/** Where a link may go: the web, mail, or a path on this site (not `//host`, which leaves it). */
export function safeHref(url: string): string | null {
  if (/^(https?:|mailto:)/i.test(url)) return url;
  if (/^\/(?!\/)/.test(url) || url.startsWith("#")) return url;
  return null;
}

const INLINE = new RegExp(
  [
    /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/u.source, // 1, 2: code span
    /\*\*(?=\S)([\s\S]*?\S)\*\*/u.source, // 3: strong
    /__(?=\S)([\s\S]*?\S)__/u.source, // 4: strong
    /~~(?=\S)([\s\S]*?\S)~~/u.source, // 5: strikethrough
    /\*(?=[^\s*])([\s\S]*?[^\s*])\*/u.source, // 6: emphasis
    /(?<![\p{L}\p{N}])_(?=[^\s_])([\s\S]*?[^\s_])_(?![\p{L}\p{N}])/u.source, // 7: emphasis
    /!?\[([^\]\n]+)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/u.source, // 8, 9: link or image
    /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'])/u.source, // 10: bare URL
    /(?<![\p{L}\p{N}&])&(\d+)(?!\p{L}|\p{N})/u.source, // 11: epic reference
  ].join("|"),
  "gu",
);

interface RenderOptions {
  /** Where `&N` points, or nothing to leave references as text. */
  epicHref?: (iid: number) => string;
}

function renderInline(text: string, options: RenderOptions): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const index = match.index;
    if (index > last) nodes.push(text.slice(last, index));
    last = index + match[0].length;
    const key = nodes.length;
    const [, , code, strong1, strong2, strike, em1, em2, label, url, bare, epicIid] = match;
    if (code !== undefined) nodes.push(<code key={key} className="rounded bg-gray-100 px-1 py-0.5 font-mono text-[0.85em] text-gray-800">{code.trim() || code}</code>);
    else if (strong1 !== undefined || strong2 !== undefined) nodes.push(<strong key={key}>{renderInline((strong1 ?? strong2)!, options)}</strong>);
    else if (strike !== undefined) nodes.push(<del key={key}>{renderInline(strike, options)}</del>);
    else if (em1 !== undefined || em2 !== undefined) nodes.push(<em key={key}>{renderInline((em1 ?? em2)!, options)}</em>);
    else if (label !== undefined) {
      const href = safeHref(url!);
      nodes.push(href ? <a key={key} href={href} rel="nofollow noreferrer noopener" className="underline">{renderInline(label, options)}</a> : match[0]);
    } else if (bare !== undefined) {
      nodes.push(<a key={key} href={bare} rel="nofollow noreferrer noopener" className="break-all underline">{bare}</a>);
    } else if (epicIid !== undefined) {
      nodes.push(options.epicHref ? <Link key={key} href={options.epicHref(Number(epicIid))} className="hover:underline">&amp;{epicIid}</Link> : match[0]);
    }
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

function withBreaks(lines: string[], options: RenderOptions): ReactNode[] {
  return lines.flatMap((line, i) => (i === 0 ? renderInline(line, options) : [<br key={`br${i}`} />, ...renderInline(line, options)]));
}

const HEADING_CLASS = ["text-xl", "text-lg", "text-base", "text-base", "text-sm", "text-sm"];

export function Markdown({ source, epicHref, className = "" }: { source: string; epicHref?: (iid: number) => string; className?: string }) {
  const options = { epicHref };
  return (
    <div className={`space-y-3 text-sm leading-6 text-gray-800 ${className}`}>
      {parseBlocks(source).map((block, i) => {
        switch (block.type) {
          case "heading": {
            const Tag = `h${Math.min(block.level + 2, 6)}` as "h3";
            return <Tag key={i} className={`font-semibold text-gray-900 ${HEADING_CLASS[block.level - 1]}`}>{renderInline(block.text, options)}</Tag>;
          }
          case "code":
            return <pre key={i} className="overflow-x-auto rounded-md bg-gray-50 p-3 font-mono text-xs text-gray-800 ring-1 ring-inset ring-gray-200">{block.text}</pre>;
          case "quote":
            return <blockquote key={i} className="border-l-4 border-gray-200 pl-3 text-gray-600">{withBreaks(block.lines, options)}</blockquote>;
          case "list": {
            const Tag = block.ordered ? "ol" : "ul";
            return (
              <Tag key={i} className={`space-y-1 pl-5 ${block.ordered ? "list-decimal" : "list-disc"}`}>
                {block.items.map((item, j) => <li key={j}>{withBreaks(item.split("\n"), options)}</li>)}
              </Tag>
            );
          }
          case "rule":
            return <hr key={i} className="border-gray-200" />;
          default:
            return <p key={i} className="break-words">{withBreaks(block.lines, options)}</p>;
        }
      })}
    </div>
  );
}

/** One line of Markdown inside running text (system notes): emphasis, code, links and references, no blocks. */
export function InlineMarkdown({ source, epicHref }: { source: string; epicHref?: (iid: number) => string }) {
  return <>{renderInline(source.replace(/\s*\n\s*/g, " "), { epicHref })}</>;
}
