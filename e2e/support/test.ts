import { expect, test as base, type Page } from "@playwright/test";

export { expect };
export type { Browser, BrowserContext, Locator, Page, Request } from "@playwright/test";

/**
 * After a page of the app loads, waits until React has hydrated it (components/ui/hydration-mark): a click that lands
 * before that can be lost. On a busy CI machine hydration took seconds, and a journey's click on a pagination link
 * right after the list appeared did nothing. Responses that are not the app's pages (raw files, JSON) are left alone.
 */
export async function waitForHydration(page: Page): Promise<void> {
  const isAppPage = await page.evaluate(() => document.querySelector('script[src*="/_next/static/"]') !== null).catch(() => false);
  if (isAppPage) await expect(page.locator("html")).toHaveAttribute("data-hydrated", "", { timeout: 30_000 });
}

/** Playwright's test whose pages wait for hydration after `goto` and `reload`. */
export const test = base.extend({
  page: async ({ page }, provide) => {
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    page.goto = async (...args: Parameters<Page["goto"]>) => {
      const response = await goto(...args);
      await waitForHydration(page);
      return response;
    };
    page.reload = async (...args: Parameters<Page["reload"]>) => {
      const response = await reload(...args);
      await waitForHydration(page);
      return response;
    };
    await provide(page);
  },
});
