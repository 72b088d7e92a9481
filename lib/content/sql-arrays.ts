import { sql, type SQL } from "drizzle-orm";
import { arrayLiteral } from "@/lib/db";

/** A text[] parameter (for `= ANY(...)`). */
export const textArray = (list: readonly string[]): SQL => sql`${arrayLiteral(list)}::text[]`;
