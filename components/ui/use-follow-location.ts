import { useEffect } from "react";

/**
 * Loads `location` (an ActionState's) as a new page once an action returns it: for changes the whole page shows, which
 * a server action cannot redraw on a rewritten route (see ActionState.location).
 */
export function useFollowLocation(location: string | undefined) {
  useEffect(() => {
    if (location) window.location.assign(location);
  }, [location]);
}
