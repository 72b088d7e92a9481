export interface LabelChipItem {
  id: number;
  title: string;
  color: string;
  textColor: string;
  description: string | null;
}

/**
 * Labels as coloured chips, in the label's own colours; with `hrefFor`, each chip filters its list by its label (as
 * GitLab's), `noun` naming what is listed ("issues", "epics") for the link's accessible name. Plain links: the list's
 * page again with another query (see IssuableFilters).
 */
export function LabelChips({ labels, hrefFor, noun = "items" }: { labels: LabelChipItem[]; hrefFor?: (title: string) => string; noun?: string }) {
  if (labels.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Labels">
      {labels.map((label) => (
        <li key={label.id} title={label.description ?? undefined} className="rounded-full px-2 py-0.5 text-xs font-medium" style={{ backgroundColor: label.color, color: label.textColor }}>
          {hrefFor ? (
            <a href={hrefFor(label.title)} className="hover:underline" style={{ color: label.textColor }} aria-label={`Show ${noun} labelled ${label.title}`}>
              {label.title}
            </a>
          ) : (
            label.title
          )}
        </li>
      ))}
    </ul>
  );
}
