/** One page of a list, with what a pager needs. */
export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  perPage: number;
  totalPages: number;
}

export interface PageOptions {
  page?: number;
  perPage?: number;
}

const MAX_PER_PAGE = 100;

export function clampPage(options: PageOptions, fallbackPerPage = 20): { page: number; perPage: number } {
  const page = Math.max(1, Math.floor(Number(options.page) || 1));
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(Number(options.perPage) || fallbackPerPage)));
  return { page, perPage };
}

export const pageOf = <T>(rows: T[], total: number, page: number, perPage: number): Page<T> => ({ rows, total, page, perPage, totalPages: Math.ceil(total / perPage) });
