"use client";

import { useEffect } from "react";

/**
 * Marks the document `data-hydrated` once React has hydrated the page: until then a click on a link can be lost (the
 * browser journeys saw one vanish on a busy machine, where hydration took seconds), so the journeys wait for it after
 * each page load. Nothing in the app reads it.
 */
export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return null;
}
