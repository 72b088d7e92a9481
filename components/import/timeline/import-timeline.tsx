"use client";

import { useEffect, useState } from "react";
import type { BadgeStatus } from "@/components/import/status-badge";
import { formatOffset } from "@/components/import/history/format";
import type { TimelineBar, TimelineData, TimelineSpan } from "./timeline-types";

const BAR_COLOURS: Record<BadgeStatus, string> = {
  Complete: "bg-green-500",
  "Partially completed": "bg-amber-500",
  "Importing…": "bg-brand-500 bg-[repeating-linear-gradient(135deg,rgba(255,255,255,0.28)_0_5px,transparent_5px_10px)]",
  Failed: "bg-red-500",
  Timeout: "bg-orange-500",
  Cancelled: "bg-gray-400",
  Skipped: "bg-gray-300",
  Pending: "bg-gray-300",
  "Not started": "bg-gray-300",
};

const LEGEND: [string, string][] = [
  ["Complete", BAR_COLOURS.Complete],
  ["Importing…", BAR_COLOURS["Importing…"]],
  ["Partially completed", BAR_COLOURS["Partially completed"]],
  ["Failed", BAR_COLOURS.Failed],
  ["Timeout", BAR_COLOURS.Timeout],
  ["Cancelled or skipped", BAR_COLOURS.Cancelled],
];

const STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

function formatSpan(ms: number): string {
  const s = ms / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Ticks at a round step, at most about six of them. */
function ticksFor(spanMs: number): number[] {
  const step = (STEPS_S.find((s) => (spanMs / 1000) / s <= 6) ?? 86400) * 1000;
  const ticks: number[] = [];
  for (let t = 0; t <= spanMs; t += step) ticks.push(t);
  return ticks;
}

/** Time passes in the browser between server renders, so that running bars grow while you watch. */
function useNow(renderedAtMs: number, running: boolean): number {
  const [now, setNow] = useState(renderedAtMs);
  useEffect(() => {
    if (!running) return;
    const mounted = performance.now();
    const timer = setInterval(() => setNow(renderedAtMs + (performance.now() - mounted)), 1000);
    return () => clearInterval(timer);
  }, [renderedAtMs, running]);
  return Math.max(now, renderedAtMs);
}

interface Scale {
  origin: number;
  span: number;
  now: number;
}

function place(span: TimelineSpan, scale: Scale): { left: number; width: number; duration: number } | null {
  if (span.startMs === null) return null;
  const end = span.endMs ?? (span.running ? scale.now : null);
  if (end === null) return null;
  const left = ((span.startMs - scale.origin) / scale.span) * 100;
  const width = ((Math.max(end, span.startMs) - span.startMs) / scale.span) * 100;
  return { left: Math.max(0, left), width, duration: Math.max(0, end - span.startMs) };
}

function Gridlines({ ticks, span }: { ticks: number[]; span: number }) {
  return (
    <>
      {ticks.map((t) => (
        <span key={t} aria-hidden="true" className="absolute inset-y-0 w-px bg-gray-100" style={{ left: `${(t / span) * 100}%` }} />
      ))}
    </>
  );
}

function Bar({ bar, scale, ticks }: { bar: TimelineBar; scale: Scale; ticks: number[] }) {
  const at = place(bar, scale);
  const description = at
    ? `${bar.label}: ${bar.status}, from ${formatOffset((bar.startMs ?? 0) - scale.origin)} for ${formatSpan(at.duration)}, ${bar.counts} records`
    : `${bar.label}: ${bar.status}, not started`;
  return (
    <li className="grid grid-cols-[13rem_1fr] items-center gap-3">
      <div className="flex min-w-0 items-baseline justify-between gap-2 pl-4 text-xs">
        <span className="truncate text-gray-800" title={`${bar.label} (stage ${bar.stage})`}>
          {bar.label}
        </span>
        <span className="shrink-0 tabular-nums text-gray-500">{at ? formatSpan(at.duration) : bar.status === "Skipped" ? "skipped" : "waiting"}</span>
      </div>
      <div className="relative h-5">
        <Gridlines ticks={ticks} span={scale.span} />
        {at ? (
          <>
            <div
              role="img"
              aria-label={description}
              title={description}
              data-status={bar.status}
              className={`absolute top-0.5 h-3 min-w-[3px] rounded-sm ${BAR_COLOURS[bar.status]}`}
              style={{ left: `${at.left}%`, width: `${at.width}%` }}
            />
            {bar.batches.map((batch) => {
              const b = place(batch, scale);
              return b ? (
                <div
                  key={batch.key}
                  aria-hidden="true"
                  title={`Batch ${batch.number}: ${batch.status}, ${formatSpan(b.duration)}`}
                  className={`absolute bottom-0 h-1 min-w-[2px] rounded-full opacity-60 ${BAR_COLOURS[batch.status]}`}
                  style={{ left: `${b.left}%`, width: `${b.width}%` }}
                />
              ) : null;
            })}
          </>
        ) : (
          <span className="sr-only">{description}</span>
        )}
      </div>
    </li>
  );
}

/** A Gantt-like picture of where the time went: one bar per relation per entity, batches as thin lines beneath. */
export function ImportTimeline({ data }: { data: TimelineData }) {
  const running = data.lanes.some((lane) => lane.running || lane.bars.some((bar) => bar.running));
  const now = useNow(data.renderedAtMs, running);
  let end = data.originMs;
  for (const lane of data.lanes) {
    for (const span of [lane, ...lane.bars, ...lane.bars.flatMap((b) => b.batches)]) {
      end = Math.max(end, span.endMs ?? (span.running ? now : span.startMs ?? end));
    }
  }
  if (running) end = Math.max(end, now);
  const scale: Scale = { origin: data.originMs, span: Math.max(1000, end - data.originMs), now };
  const ticks = ticksFor(scale.span);
  const hasBars = data.lanes.some((lane) => lane.bars.some((bar) => bar.startMs !== null));

  return (
    <figure aria-labelledby="timeline-title" className="rounded-lg border border-gray-200 bg-white p-4">
      <figcaption className="mb-3 flex flex-wrap items-baseline justify-between gap-3">
        <div>
          <h2 id="timeline-title" className="text-base font-semibold text-gray-900">
            Timeline
          </h2>
          <p className="text-xs text-gray-500">Minutes:seconds since the import was created ({data.originLabel}).</p>
        </div>
        <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-gray-600" aria-label="Legend">
          {LEGEND.map(([label, colour]) => (
            <li key={label} className="inline-flex items-center gap-1.5">
              <span aria-hidden="true" className={`h-2.5 w-4 rounded-sm ${colour}`} />
              {label}
            </li>
          ))}
        </ul>
      </figcaption>
      {!hasBars ? <p className="py-6 text-center text-sm text-gray-600">Nothing has started yet. Bars appear as relations start importing.</p> : null}
      <div className="grid grid-cols-[13rem_1fr] gap-3" aria-hidden="true">
        <span />
        <div className="relative h-5 border-b border-gray-200 text-[11px] tabular-nums text-gray-500">
          {ticks.map((t) => (
            <span key={t} className="absolute bottom-1 -translate-x-1/2 first:translate-x-0" style={{ left: `${(t / scale.span) * 100}%` }}>
              {formatOffset(t)}
            </span>
          ))}
        </div>
      </div>
      <div className="mt-1 space-y-3">
        {data.lanes.map((lane) => {
          const at = place(lane, scale);
          return (
            <section key={lane.entityId} aria-label={lane.title}>
              <div className="grid grid-cols-[13rem_1fr] items-center gap-3 border-t border-gray-100 pt-2">
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium text-gray-900" title={lane.title}>
                    {lane.title}
                  </p>
                  <p className="truncate text-xs text-gray-500" title={lane.subtitle}>
                    → {lane.subtitle}
                  </p>
                </div>
                <div className="relative h-5">
                  <Gridlines ticks={ticks} span={scale.span} />
                  {at ? (
                    <div
                      role="img"
                      aria-label={`${lane.title}: ${lane.status}, ${formatSpan(at.duration)}`}
                      title={`${lane.title}: ${lane.status}, ${formatSpan(at.duration)}`}
                      className={`absolute top-1.5 h-2 min-w-[3px] rounded-full opacity-80 ${BAR_COLOURS[lane.status]}`}
                      style={{ left: `${at.left}%`, width: `${at.width}%` }}
                    />
                  ) : null}
                </div>
              </div>
              <ul className="mt-1 space-y-0.5">
                {lane.bars.map((bar) => (
                  <Bar key={bar.key} bar={bar} scale={scale} ticks={ticks} />
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </figure>
  );
}
