/** Ferry's mark: a boat on a wave, drawn so that it needs no emoji font. */
export function Logo({ className = "h-6 w-6" }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" className={className} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M4 14h16l-2.5 4.5h-11z" />
      <path d="M7 14V9h10v5" />
      <path d="M10 9V6h4v3" />
      <path d="M2 21c1.5 0 1.5-1 3-1s1.5 1 3 1 1.5-1 3-1 1.5 1 3 1 1.5-1 3-1 1.5 1 3 1" />
    </svg>
  );
}
