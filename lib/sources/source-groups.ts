import { SourceClient } from "@/lib/gitlab";
import { latestImports, type LatestImport } from "@/lib/migration";
import { sourcePolicy } from "@/lib/settings";
import { getConnectionWithToken } from "./connections";

export const PER_PAGE_CHOICES = [20, 50, 100] as const;
export type PerPage = (typeof PER_PAGE_CHOICES)[number];

export interface SourceGroupRow {
  id: number;
  name: string;
  fullName: string;
  path: string;
  fullPath: string;
  webUrl: string;
  lastImport: LatestImport | null;
}

export interface SourceGroupsPage {
  sourceUrl: string;
  host: string;
  page: number;
  perPage: number;
  /** Null when the source leaves it out (GitLab does past 10,000 rows). */
  total: number | null;
  hasNextPage: boolean;
  groups: SourceGroupRow[];
}

export class NotConnectedError extends Error {
  constructor() {
    super("Connect a source GitLab instance first.");
  }
}

interface ApiGroup {
  id?: unknown;
  name?: unknown;
  full_name?: unknown;
  path?: unknown;
  full_path?: unknown;
  web_url?: unknown;
}

const text = (value: unknown, fallback: string) => (typeof value === "string" ? value : fallback);

/** A group as the page shows it; a row the source mangled is left out rather than breaking the page. */
function toRow(group: ApiGroup): Omit<SourceGroupRow, "lastImport"> | null {
  if (typeof group.id !== "number" || typeof group.full_path !== "string") return null;
  const path = text(group.path, group.full_path.split("/").pop() ?? group.full_path);
  const webUrl = text(group.web_url, "");
  return {
    id: group.id,
    fullPath: group.full_path,
    path,
    name: text(group.name, path),
    fullName: text(group.full_name, text(group.name, path)),
    // Only web links: the page renders this as an href.
    webUrl: /^https?:\/\//i.test(webUrl) ? webUrl : "",
  };
}

/**
 * One page of the top-level groups the user owns on their source (GitLab's own importer query), each with the
 * user's latest import of it from this Ferry. Throws NotConnectedError, or a SourceError whose message is for the user.
 */
export async function listSourceGroups(userId: number, options: { page: number; perPage: number; search?: string }): Promise<SourceGroupsPage> {
  const connection = await getConnectionWithToken(userId);
  if (!connection) throw new NotConnectedError();
  // Someone is waiting on the page: one retry, not the workers' patient backoff.
  const client = new SourceClient({ url: connection.url, token: connection.token, ...(await sourcePolicy()), maxRetries: 1, timeoutMs: 20_000 });
  try {
    const search = options.search?.trim().toLowerCase() || undefined;
    const { items, pagination } = await client.getPage<ApiGroup>("/groups", {
      top_level_only: true,
      min_access_level: 50,
      search,
      page: options.page,
      per_page: options.perPage,
    });
    const rows = items.map(toRow).filter((row) => row !== null);
    const imports = await latestImports(userId, connection.url, rows.map((row) => row.fullPath));
    const total = pagination.total;
    return {
      sourceUrl: connection.url,
      host: connection.host,
      page: options.page,
      perPage: options.perPage,
      total,
      hasNextPage: pagination.nextPage !== null || (total !== null && options.page * options.perPage < total),
      groups: rows.map((row) => ({ ...row, lastImport: imports.get(row.fullPath) ?? null })),
    };
  } finally {
    client.close();
  }
}
