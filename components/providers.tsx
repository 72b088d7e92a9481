"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

function makeClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        // A server that answered has said what it means (the source's trouble arrives as a message); only a
        // request that never got an answer is worth one more try.
        retry: (failures, error) => failures < 1 && error.name !== "HttpError",
      },
    },
  });
}

/** Client-side providers for the signed-in pages: one query client per browser tab. */
export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
