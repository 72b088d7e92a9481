import { expect, type APIResponse, type Page, type Response } from "@playwright/test";

type AnyResponse = Response | APIResponse;

/** One directive of a Content-Security-Policy header, or undefined. */
export function directive(policy: string, name: string): string | undefined {
  return policy
    .split(";")
    .map((d) => d.trim())
    .find((d) => d === name || d.startsWith(`${name} `));
}

/** The headers every response carries, whatever it is. */
export function expectCommonHeaders(response: AnyResponse) {
  const headers = response.headers();
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["permissions-policy"]).toContain("geolocation=()");
  expect(headers["permissions-policy"]).toContain("microphone=()");
  // Served over plain http here, and nothing says otherwise.
  expect(headers["strict-transport-security"]).toBeUndefined();
}

/** A page's policy: scripts only with this response's nonce, no framing, no plugins, no foreign base or form targets. */
export function expectPageHeaders(response: AnyResponse): string {
  expectCommonHeaders(response);
  const policy = response.headers()["content-security-policy"] ?? "";
  const scripts = directive(policy, "script-src");
  expect(scripts).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'$/);
  expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");
  expect(directive(policy, "object-src")).toBe("object-src 'none'");
  expect(directive(policy, "base-uri")).toBe("base-uri 'self'");
  expect(directive(policy, "form-action")).toBe("form-action 'self'");
  expect(directive(policy, "default-src")).toBe("default-src 'self'");
  expect(directive(policy, "connect-src")).toBe("connect-src 'self'");
  expect(policy).not.toContain("unsafe-eval");
  return /'nonce-([^']+)'/.exec(scripts ?? "")![1]!;
}

/** Every script the server rendered into the page carries the response's nonce (else the browser would not run it). */
export async function expectScriptsCarryNonce(response: Response, nonce: string) {
  const html = await response.text();
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag, tag).toContain(`nonce="${nonce}"`);
}

/** Anything not a page: nothing may load or run from it, even opened as a document. */
export function expectNonPageHeaders(response: AnyResponse) {
  expectCommonHeaders(response);
  expect(response.headers()["content-security-policy"]).toBe("default-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
}

/**
 * Collects what the browser reports about the page's policies: Content-Security-Policy violations (console errors) and
 * Permissions-Policy features it does not know. Call `expectNone` after the page has done its work.
 */
export function watchPolicyReports(page: Page) {
  const reports: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Permissions-Policy/i.test(text)) reports.push(`${page.url()}: ${text}`);
  });
  return {
    reports,
    expectNone: () => expect(reports).toEqual([]),
  };
}
