import { sql, type SQL } from "drizzle-orm";

/** A text[] parameter (for `= ANY(...)`), each element quoted as PostgreSQL's array literal wants. */
export const textArray = (list: readonly string[]): SQL => sql`${`{${list.map((item) => `"${item.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`}::text[]`;
