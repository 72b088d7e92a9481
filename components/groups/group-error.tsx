"use client";

import { Button } from "@/components/ui/button";

/**
 * What a group page shows when its content failed on the server: a plain sentence and a retry, never the error itself
 * (production only sends a digest, which the server log has beside the full error; it is shown for the administrator).
 */
export function GroupError({ what, error, retry }: { what: string; error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-6 py-10 text-center text-sm">
      <h2 className="font-semibold text-red-800">{`We couldn't load ${what}.`}</h2>
      <p className="mt-1 text-red-700">Something went wrong on our side. It is often temporary: try again in a moment.</p>
      {digest ? (
        <p className="mt-2 text-xs text-red-700/80">
          If it keeps happening, your administrator can find it in the server log under <span className="font-mono">{digest}</span>.
        </p>
      ) : null}
      <Button variant="secondary" className="mt-4" onClick={() => retry()}>
        Try again
      </Button>
    </div>
  );
}
