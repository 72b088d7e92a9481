/** Ids and iids are PostgreSQL integers: a number outside that range names no row (and must not reach a query). */
export function isRowId(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 2_147_483_647;
}
