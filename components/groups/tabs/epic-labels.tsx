import Link from "next/link";

export interface EpicLabelItem {
  id: number;
  title: string;
  color: string;
  textColor: string;
  description: string | null;
}

/** Labels as coloured chips, in the label's own colours; with `hrefFor`, each chip filters by its label (as GitLab's). */
export function EpicLabels({ labels, hrefFor }: { labels: EpicLabelItem[]; hrefFor?: (title: string) => string }) {
  if (labels.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Labels">
      {labels.map((label) => (
        <li key={label.id} title={label.description ?? undefined} className="rounded-full px-2 py-0.5 text-xs font-medium" style={{ backgroundColor: label.color, color: label.textColor }}>
          {hrefFor ? (
            <Link href={hrefFor(label.title)} className="hover:underline" style={{ color: label.textColor }} aria-label={`Show epics labelled ${label.title}`}>
              {label.title}
            </Link>
          ) : (
            label.title
          )}
        </li>
      ))}
    </ul>
  );
}
