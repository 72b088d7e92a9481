import { eq, type SQL } from "drizzle-orm";
import { bulkImports } from "@/lib/db";
import type { Viewer } from "@/lib/viewer";

/**
 * Who sees which imports. Users see only their own. Administrators may open any (details, failures, the API, which
 * lists everything for them as the pages let them see everything); the history and realtime lists show them their
 * own unless they ask for everyone's (`all`).
 */
export const ownImportsUnlessAll = (viewer: Viewer, all: boolean | undefined): SQL | undefined => (viewer.isAdmin && all ? undefined : eq(bulkImports.userId, viewer.id));

export const importsVisibleTo = (viewer: Viewer): SQL | undefined => (viewer.isAdmin ? undefined : eq(bulkImports.userId, viewer.id));

export const canOpen = (viewer: Viewer, ownerId: number): boolean => viewer.isAdmin || viewer.id === ownerId;

// Postgres integer ids: a larger number cannot match, and would be a query error instead of a 404.
const MAX_ID = 2_147_483_647;
export const validId = (id: number) => Number.isInteger(id) && id > 0 && id <= MAX_ID;
