import { getPool } from "@/lib/db";

/**
 * Where PostgreSQL's time went, when pg_stat_statements is loaded (BENCH_PG_SETTINGS=shared_preload_libraries=
 * pg_stat_statements): `reset` before the measured part, `print` after, by total time and by calls (a statement run
 * per record instead of per chunk shows up in the second list even when each call is cheap).
 */
export const statementsLoaded = () => (process.env.BENCH_PG_SETTINGS ?? "").includes("pg_stat_statements");

export async function resetStatements(): Promise<void> {
  if (!statementsLoaded()) return;
  await getPool().query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  await getPool().query("SELECT pg_stat_statements_reset()");
}

export async function printStatements(): Promise<void> {
  if (!statementsLoaded()) return;
  const { rows: sums } = await getPool().query<{ exec: number; plan: number; calls: number }>(
    `SELECT round(sum(total_exec_time))::int AS exec, round(sum(total_plan_time))::int AS plan, sum(calls)::int AS calls FROM pg_stat_statements WHERE query NOT LIKE 'COPY%'`,
  );
  console.error(`-- statements other than COPY: ${sums[0]!.calls} calls, ${sums[0]!.exec} ms executing, ${sums[0]!.plan} ms planning (planning is counted with pg_stat_statements.track_planning=on)`);
  for (const order of ["total_exec_time + total_plan_time", "calls"]) {
    console.error(`-- statements by ${order}`);
    const { rows } = await getPool().query<{ ms: number; calls: number; rows: number; query: string }>(
      `SELECT round(total_exec_time + total_plan_time)::int AS ms, calls::int, rows::int, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
         FROM pg_stat_statements ORDER BY ${order} DESC LIMIT 15`,
    );
    for (const row of rows) console.error(`${String(row.ms).padStart(7)} ms ${String(row.calls).padStart(7)} calls ${String(row.rows).padStart(8)} rows  ${row.query}`);
  }
}
