import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";

export interface IterationItem {
  id: number;
  /** The iteration's page. */
  href: string;
  title: string | null;
  description: string | null;
  state: "upcoming" | "current" | "closed";
  startDate: string;
  dueDate: string;
}

export interface CadenceItem {
  id: number;
  title: string;
  description: string | null;
  active: boolean;
  rollOver: boolean;
  /** Iterations of the cadence in the chosen state, on every page. */
  matching: number;
  /** Those on this page; none for a cadence that has none in that state. */
  iterations: IterationItem[];
}

// GitLab's iteration state badges: Upcoming (neutral), Current (success), Done (info).
const STATES: Record<IterationItem["state"], { label: string; tone: BadgeTone }> = {
  upcoming: { label: "Upcoming", tone: "neutral" },
  current: { label: "Current", tone: "success" },
  closed: { label: "Done", tone: "info" },
};

export function IterationStateBadge({ state }: { state: IterationItem["state"] }) {
  return <Badge tone={STATES[state].tone}>{STATES[state].label}</Badge>;
}

const day = (date: string, withYear: boolean) =>
  new Date(`${date}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", year: withYear ? "numeric" : undefined, timeZone: "UTC" });

/** "Nov 16 – Nov 29, 2026", or with both years when the iteration spans a new year. */
export function iterationPeriod(startDate: string, dueDate: string): string {
  const sameYear = startDate.slice(0, 4) === dueDate.slice(0, 4);
  return `${day(startDate, !sameYear)} – ${day(dueDate, true)}`;
}

function IterationRow({ iteration }: { iteration: IterationItem }) {
  const period = iterationPeriod(iteration.startDate, iteration.dueDate);
  return (
    <li className={`flex items-start justify-between gap-4 px-4 py-3 ${iteration.state === "current" ? "bg-green-50/40" : ""}`} data-testid="iteration">
      <div className="min-w-0">
        <p className="font-medium text-gray-900">
          <Link href={iteration.href} className="text-gray-900 hover:text-brand-600 hover:underline">
            {iteration.title ?? period}
          </Link>
        </p>
        {iteration.title ? <p className="mt-0.5 text-xs text-gray-500">{period}</p> : null}
        {iteration.description ? <p className="mt-0.5 truncate text-sm text-gray-600">{iteration.description}</p> : null}
      </div>
      <IterationStateBadge state={iteration.state} />
    </li>
  );
}

/** GitLab's iteration cadences page: each cadence with its iterations, their dates and state. */
export function IterationsList({ cadences, empty, stateLabel }: { cadences: CadenceItem[]; empty: string; stateLabel: string }) {
  if (cadences.length === 0) return <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">{empty}</p>;
  return (
    <div className="space-y-6">
      {cadences.map((cadence) => (
        <section key={cadence.id} aria-labelledby={`cadence-${cadence.id}`} className="overflow-hidden rounded-lg border border-gray-200 bg-white" data-testid="cadence">
          <header className="flex flex-wrap items-start justify-between gap-3 border-b border-gray-100 bg-gray-50 px-4 py-3">
            <div className="min-w-0">
              <h3 id={`cadence-${cadence.id}`} className="font-semibold text-gray-900">
                {cadence.title}
              </h3>
              {cadence.description ? <p className="mt-0.5 text-sm text-gray-600">{cadence.description}</p> : null}
            </div>
            <div className="flex shrink-0 flex-wrap items-center gap-2 text-xs text-gray-600">
              {cadence.rollOver ? <Badge>Roll over</Badge> : null}
              {cadence.active ? null : <Badge tone="warning">Inactive</Badge>}
              <span>{[cadence.matching, stateLabel, cadence.matching === 1 ? "iteration" : "iterations"].filter((part) => part !== "").join(" ")}</span>
            </div>
          </header>
          {cadence.iterations.length > 0 ? (
            <ul className="divide-y divide-gray-100" aria-label={`Iterations of ${cadence.title}`}>
              {cadence.iterations.map((iteration) => (
                <IterationRow key={iteration.id} iteration={iteration} />
              ))}
            </ul>
          ) : (
            <p className="px-4 py-3 text-sm text-gray-500">{`No ${stateLabel ? `${stateLabel} ` : ""}iterations in this cadence.`}</p>
          )}
        </section>
      ))}
    </div>
  );
}
