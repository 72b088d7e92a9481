import net from "node:net";

/** Why an address may not be the target of an outbound request. */
export type ForbiddenAddressClass =
  | "private"
  | "loopback"
  | "link-local"
  | "cloud-metadata"
  | "unspecified"
  | "multicast"
  | "broadcast"
  | "reserved";

/**
 * Where a cloud host's instance metadata (and its credentials) can be read: link-local addresses and the few metadata
 * services outside them. Allowing local sources does not open these; only their own setting does.
 */
export const METADATA_CLASSES: ReadonlySet<ForbiddenAddressClass> = new Set(["link-local", "cloud-metadata"]);

type Range = readonly [prefix: readonly number[], bits: number, verdict: ForbiddenAddressClass];

// Special-purpose IPv4 blocks (IANA registry) that never host a public GitLab. The first match wins, so a single
// address comes before the block that holds it.
const IPV4_RANGES: readonly Range[] = [
  [[0, 0, 0, 0], 8, "unspecified"],
  [[10, 0, 0, 0], 8, "private"],
  [[100, 100, 100, 200], 32, "cloud-metadata"], // Alibaba Cloud, inside the carrier-grade NAT block below
  [[100, 64, 0, 0], 10, "private"], // carrier-grade NAT
  [[127, 0, 0, 0], 8, "loopback"],
  [[169, 254, 0, 0], 16, "link-local"], // also where cloud metadata services live
  [[172, 16, 0, 0], 12, "private"],
  [[192, 0, 0, 192], 32, "cloud-metadata"], // Oracle Cloud's older address, inside the reserved block below
  [[192, 0, 0, 0], 24, "reserved"],
  [[192, 0, 2, 0], 24, "reserved"],
  [[192, 88, 99, 0], 24, "reserved"],
  [[192, 168, 0, 0], 16, "private"],
  [[198, 18, 0, 0], 15, "reserved"],
  [[198, 51, 100, 0], 24, "reserved"],
  [[203, 0, 113, 0], 24, "reserved"],
  [[224, 0, 0, 0], 4, "multicast"],
  [[255, 255, 255, 255], 32, "broadcast"],
  [[240, 0, 0, 0], 4, "reserved"],
];

const IPV6_RANGES: readonly Range[] = [
  [[0, 0, 0, 0, 0, 0, 0, 0], 128, "unspecified"],
  [[0, 0, 0, 0, 0, 0, 0, 1], 128, "loopback"],
  [[0x64, 0xff9b, 1, 0, 0, 0, 0, 0], 48, "private"], // local-use NAT64
  [[0x100, 0, 0, 0, 0, 0, 0, 0], 64, "reserved"], // discard-only
  [[0x2001, 0, 0, 0, 0, 0, 0, 0], 32, "reserved"], // Teredo hides the real endpoint
  [[0x2001, 0xdb8, 0, 0, 0, 0, 0, 0], 32, "reserved"],
  [[0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254], 128, "cloud-metadata"], // AWS (IMDS over IPv6), inside unique-local below
  [[0xfc00, 0, 0, 0, 0, 0, 0, 0], 7, "private"], // unique-local
  [[0xfe80, 0, 0, 0, 0, 0, 0, 0], 10, "link-local"],
  [[0xfec0, 0, 0, 0, 0, 0, 0, 0], 10, "private"], // deprecated site-local
  [[0xff00, 0, 0, 0, 0, 0, 0, 0], 8, "multicast"],
];

function inRange(words: readonly number[], wordBits: number, prefix: readonly number[], bits: number): boolean {
  let remaining = bits;
  for (let i = 0; remaining > 0; i++) {
    const take = Math.min(wordBits, remaining);
    const mask = ((1 << take) - 1) << (wordBits - take);
    if (((words[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
    remaining -= take;
  }
  return true;
}

function parseIpv4(address: string): number[] {
  return address.split(".").map(Number);
}

function parseIpv6(input: string): number[] {
  let address = input.replace(/%.*$/, ""); // zone index: fe80::1%eth0
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = parseIpv4(dotted[1]);
    address = `${address.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = address.split("::");
  const headWords = head ? head.split(":") : [];
  const tailWords = tail === undefined ? [] : tail ? tail.split(":") : [];
  const fill = tail === undefined ? 0 : 8 - headWords.length - tailWords.length;
  return [...headWords, ...Array<string>(fill).fill("0"), ...tailWords].map((w) => parseInt(w, 16));
}

function classifyIpv4(bytes: readonly number[]): ForbiddenAddressClass | null {
  for (const [prefix, bits, verdict] of IPV4_RANGES) {
    if (inRange(bytes, 8, prefix, bits)) return verdict;
  }
  return null;
}

function embeddedIpv4(words: readonly number[], high: number): number[] {
  const hi = words[high] ?? 0;
  const lo = words[high + 1] ?? 0;
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
}

function classifyIpv6(words: readonly number[]): ForbiddenAddressClass | null {
  // Forms that carry an IPv4 address inside are judged by that address, or ::ffff:127.0.0.1 would slip through.
  const [w0 = 0, w1 = 0, w2 = 0, w3 = 0, w4 = 0, w5 = 0] = words;
  const zeroHigh = w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0 && w4 === 0;
  if (zeroHigh && w5 === 0xffff) return classifyIpv4(embeddedIpv4(words, 6)); // IPv4-mapped
  if (w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0 && w4 === 0xffff && w5 === 0) {
    return classifyIpv4(embeddedIpv4(words, 6)); // IPv4-translated (SIIT)
  }
  if (zeroHigh && w5 === 0 && !(words[6] === 0 && (words[7] ?? 0) <= 1)) {
    return classifyIpv4(embeddedIpv4(words, 6)) ?? "reserved"; // deprecated IPv4-compatible
  }
  if (w0 === 0x64 && w1 === 0xff9b && w2 === 0 && w3 === 0 && w4 === 0 && w5 === 0) {
    return classifyIpv4(embeddedIpv4(words, 6)); // well-known NAT64 prefix
  }
  if (w0 === 0x2002) return classifyIpv4(embeddedIpv4(words, 1)); // 6to4
  for (const [prefix, bits, verdict] of IPV6_RANGES) {
    if (inRange(words, 16, prefix, bits)) return verdict;
  }
  return null;
}

/**
 * Why `address` (a literal IPv4 or IPv6 address) must not be connected to, or null for an ordinary public address.
 * Anything that is not an IP literal is refused as "reserved" so a caller's mistake fails closed.
 */
export function classifyAddress(address: string): ForbiddenAddressClass | null {
  const bare = address.replace(/^\[|\]$/g, "");
  const family = net.isIP(bare.replace(/%.*$/, ""));
  if (family === 4) return classifyIpv4(parseIpv4(bare));
  if (family === 6) return classifyIpv6(parseIpv6(bare));
  return "reserved";
}

/** The same address in one canonical spelling, so allow lists can be compared with what DNS returns. */
export function canonicalAddress(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = net.isIP(bare);
  if (family === 4) return bare;
  if (family === 6) return parseIpv6(bare).map((w) => w.toString(16)).join(":");
  return null;
}
