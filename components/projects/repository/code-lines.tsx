/**
 * A file's lines with their numbers, each number a link to its own anchor (`#L12`, GitLab's): the line a URL points to
 * is marked (`:target`). `lines` are HTML from lib/highlight (escaped text and highlight.js's spans only). The rows are
 * written as one HTML string: a 20,000-line file would otherwise be 100,000 React elements to render.
 */
export function CodeLines({ lines, label }: { lines: string[]; label: string }) {
  const rows = lines
    .map((html, index) => {
      const number = index + 1;
      return (
        `<tr id="L${number}" class="group target:bg-amber-50">` +
        `<td class="w-px border-r border-gray-200 bg-gray-50 px-3 text-right align-top select-none group-target:bg-amber-100">` +
        `<a href="#L${number}" class="text-gray-400 hover:text-gray-700" aria-label="Line ${number}">${number}</a></td>` +
        `<td class="px-4 align-top whitespace-pre text-gray-800">${html || "\n"}</td></tr>`
      );
    })
    .join("");
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse font-mono text-xs leading-5" aria-label={label}>
        <tbody dangerouslySetInnerHTML={{ __html: rows }} />
      </table>
    </div>
  );
}
