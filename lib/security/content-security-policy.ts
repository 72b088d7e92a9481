/** A fresh, unguessable value for one response's `'nonce-…'` (128 random bits). */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export interface PagePolicyOptions {
  nonce: string;
  /** Served over https (directly or behind a proxy that says so in x-forwarded-proto). */
  https: boolean;
  /** `next dev`: React rebuilds server error stacks in the browser with eval. */
  development: boolean;
}

/**
 * The Content-Security-Policy of the app's pages. Next.js reads the nonce from this header on the request and puts it
 * on its own scripts; 'strict-dynamic' lets those load the chunks they need, and nothing else runs.
 */
export function pageContentSecurityPolicy({ nonce, https, development }: PagePolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // React renders `style` attributes (table alignment, progress widths, Radix popover positions), which a nonce
    // cannot cover; styles cannot run code, so allowing inline ones costs little.
    "style-src 'self' 'unsafe-inline'",
    // Group badges show images from wherever the source said (shields.io, CI servers). An http Ferry shows http ones
    // too; an https one gets them upgraded by the browser (mixed content), so `https:` is enough there.
    `img-src 'self' data: blob: https:${https ? "" : " http:"}`,
    "font-src 'self'",
    // Live status (EventSource) and react-query fetches go to this origin only; in dev, 'self' also covers HMR's socket.
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only over https: on a plain-http install it would send the page's own requests to a port nobody listens on.
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}
