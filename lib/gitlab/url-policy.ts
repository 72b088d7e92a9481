import dns from "node:dns";
import net from "node:net";
import { SourceError } from "./errors";
import { canonicalAddress, classifyAddress, METADATA_CLASSES, type ForbiddenAddressClass } from "./ip-address";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Host name → addresses. Injectable so tests can make any name resolve anywhere. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface UrlPolicyOptions {
  /** Allow http:// sources (never other schemes). */
  allowInsecure?: boolean;
  /** Allow private, loopback and other non-public addresses (an administrator's choice, and tests); not link-local. */
  allowLocal?: boolean;
  /**
   * Allow link-local and cloud metadata addresses. Apart from `allowLocal` because a source there can read the host's
   * cloud credentials, which a test setup that needs local sources has no reason to expose.
   */
  allowLinkLocal?: boolean;
  /** Addresses or CIDR blocks allowed even when `allowLocal` is off, like GitLab's outbound allow list (not link-local). */
  allowList?: readonly string[];
  resolve?: Resolver;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

export const defaultResolver: Resolver = async (hostname) => {
  const found = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

function malformed(detail: string): SourceError {
  return new SourceError(
    "malformed_url",
    `The source URL is not valid: ${detail}. Enter the base URL of the GitLab instance, such as https://gitlab.example.com.`,
  );
}

/**
 * The user's source URL in canonical form: https://host[:port][/relative/prefix], no trailing slash. A scheme-less
 * entry gets https://, and a pasted ".../api/v4" is dropped because every request adds it again.
 */
export function normaliseSourceUrl(input: string, options: UrlPolicyOptions = {}): string {
  const trimmed = input.trim();
  if (!trimmed) throw malformed("it is empty");
  let url: URL;
  try {
    url = new URL(SCHEME.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    throw malformed("it could not be parsed");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new SourceError("insecure_scheme", `The source URL must start with https:// (it starts with ${url.protocol}//).`);
  }
  if (!url.hostname) throw malformed("it has no host name");
  if (url.username || url.password) throw malformed("it must not contain a user name or password");
  if (url.search || url.hash) throw malformed("it must not contain a query or a fragment");
  assertTargetAllowed(url, options);
  const path = url.pathname.replace(/\/+$/, "").replace(/\/api\/v4$/, "");
  return `${url.origin}${path}`;
}

function allowListed(address: string, allowList: readonly string[] | undefined): boolean {
  if (!allowList?.length) return false;
  const canonical = canonicalAddress(address);
  if (!canonical) return false;
  const blocks = new net.BlockList();
  for (const entry of allowList) {
    const [base = "", bits] = entry.split("/");
    const family = net.isIP(base) === 6 ? "ipv6" : "ipv4";
    if (!net.isIP(base)) continue;
    if (bits === undefined) blocks.addAddress(base, family);
    else blocks.addSubnet(base, Number(bits), family);
  }
  return blocks.check(canonical, net.isIP(canonical) === 6 ? "ipv6" : "ipv4");
}

/** Null when a connection to `address` is allowed, otherwise the class of address that forbids it. */
export function forbiddenReason(address: string, options: UrlPolicyOptions): ForbiddenAddressClass | null {
  const verdict = classifyAddress(address);
  if (verdict === null) return null;
  if (METADATA_CLASSES.has(verdict)) return options.allowLinkLocal ? null : verdict;
  if (options.allowLocal || allowListed(address, options.allowList)) return null;
  return verdict;
}

export function localAddressError(host: string, address: string, verdict: ForbiddenAddressClass): SourceError {
  const where = host === address ? address : `${host} (${address})`;
  const remedy = METADATA_CLASSES.has(verdict)
    ? "Link-local and cloud metadata addresses are allowed only when the server sets FERRY_ALLOW_LINK_LOCAL_SOURCES."
    : "An administrator can allow local sources.";
  return new SourceError("local_address", `The source URL points to a ${verdict} address, ${where}, which is not allowed. ${remedy}`);
}

/**
 * The checks that need no DNS: the scheme, and a literal IP in the host (Node connects to those without calling
 * `lookup`, so they must be judged here). Run on the entered URL and on every redirect target.
 */
export function assertTargetAllowed(url: URL, options: UrlPolicyOptions): void {
  if (url.protocol === "http:" && !options.allowInsecure) {
    throw new SourceError("insecure_scheme", "The source URL must use https://. An administrator can allow http:// sources.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new SourceError("insecure_scheme", `The source URL must start with https:// (it starts with ${url.protocol}//).`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host)) {
    const verdict = forbiddenReason(host, options);
    if (verdict) throw localAddressError(host, host, verdict);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request/net.connect that resolves every address of the host and refuses the connection if any
 * of them is forbidden. The check happens on the very addresses the socket then connects to, so a DNS answer that
 * changes between a check and the connection (rebinding) cannot get through.
 */
export function createPolicyLookup(options: UrlPolicyOptions) {
  const resolve = options.resolve ?? defaultResolver;
  return (hostname: string, lookupOptions: dns.LookupOptions, callback: LookupCallback): void => {
    resolve(hostname).then(
      (addresses) => {
        const wanted = lookupOptions.family === 4 || lookupOptions.family === 6 ? lookupOptions.family : undefined;
        const usable = addresses.filter((a) => wanted === undefined || a.family === wanted);
        if (usable.length === 0) {
          const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
          error.code = "ENOTFOUND";
          callback(error, "");
          return;
        }
        for (const { address } of addresses) {
          const verdict = forbiddenReason(address, options);
          if (verdict) {
            callback(localAddressError(hostname, address, verdict), "");
            return;
          }
        }
        if (lookupOptions.all) callback(null, usable);
        else callback(null, usable[0]?.address ?? "", usable[0]?.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ""),
    );
  };
}
