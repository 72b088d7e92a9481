const TONES = {
  brand: "bg-brand-500",
  success: "bg-green-500",
  warning: "bg-amber-500",
  danger: "bg-red-500",
} as const;

interface ProgressBarProps {
  /** 0 to max; leave it out when how far along is unknown (the bar then shows activity, not an amount). */
  value?: number;
  max?: number;
  /** What is measured, for screen readers ("Relations imported"). */
  label: string;
  /** How it reads aloud and in the tooltip ("3 of 8 relations"); the percentage otherwise. */
  valueText?: string;
  tone?: keyof typeof TONES;
  className?: string;
}

export function ProgressBar({ value, max = 100, label, valueText, tone = "brand", className = "w-32" }: ProgressBarProps) {
  const known = value !== undefined && Number.isFinite(value) && max > 0;
  const percent = known ? Math.min(100, Math.max(0, (value / max) * 100)) : 0;
  const text = valueText ?? (known ? `${Math.floor(percent)}%` : undefined);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={known ? Math.min(max, Math.max(0, value)) : undefined}
      aria-valuetext={text}
      title={text}
      className={`h-1.5 overflow-hidden rounded-full bg-gray-200 ${className}`}
    >
      <div
        className={`h-full rounded-full transition-[width] duration-500 motion-reduce:transition-none ${TONES[tone]} ${known ? "" : "w-1/3 animate-pulse"}`}
        style={known ? { width: `${percent}%` } : undefined}
      />
    </div>
  );
}
