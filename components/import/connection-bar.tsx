"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/forms";
import { ConnectForm } from "./connect-form";

interface ConnectionInfo {
  url: string;
  host: string;
  version: string;
  enterprise: boolean;
  sourceUsername: string | null;
}

/** Which source the page lists, and the way to another one or to none. */
export function ConnectionBar({
  connection,
  connectAction,
  disconnectAction,
}: {
  connection: ConnectionInfo;
  connectAction: (state: ActionState, form: FormData) => Promise<ActionState>;
  disconnectAction: () => Promise<void>;
}) {
  const [switching, setSwitching] = useState(false);
  return (
    <section aria-label="Source instance" className="rounded-lg border border-gray-200 bg-white px-4 py-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-gray-700">
          Connected to{" "}
          <a href={connection.url} target="_blank" rel="noopener noreferrer" className="font-medium">
            {connection.host}
          </a>{" "}
          <span className="text-gray-500">
            (GitLab {connection.version}
            {connection.enterprise ? ", Enterprise Edition" : ""})
          </span>
          {connection.sourceUsername ? (
            <>
              {" "}
              as <span className="font-medium">@{connection.sourceUsername}</span>
            </>
          ) : null}
        </p>
        <div className="flex gap-2">
          <Button variant="secondary" size="sm" aria-expanded={switching} aria-controls="switch-instance" onClick={() => setSwitching((s) => !s)}>
            Switch instance
          </Button>
          <form action={disconnectAction}>
            <Button type="submit" variant="ghost" size="sm">
              Disconnect
            </Button>
          </form>
        </div>
      </div>
      {switching ? (
        <div id="switch-instance" className="mt-4 max-w-2xl border-t border-gray-100 pt-4">
          <ConnectForm action={connectAction} onCancel={() => setSwitching(false)} />
        </div>
      ) : null}
    </section>
  );
}
