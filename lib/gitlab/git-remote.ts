import net from "node:net";
import { SourceError } from "./errors";
import { assertTargetAllowed, defaultResolver, forbiddenReason, localAddressError, type UrlPolicyOptions } from "./url-policy";

/**
 * How git reaches a repository of the source: its URL (no credentials in it, so none in a process list or an error
 * message) and the `git -c` settings that carry the token and hold git to the URL policy.
 */
export interface GitRemote {
  url: string;
  config: Record<string, string>;
}

/**
 * The smart-HTTP remote of `<source>/<fullPath>.git` (a project, or `.wiki.git`), as GitLab's importers fetch it:
 * HTTP Basic `oauth2:<token>`. Git resolves names itself, so the policy is applied here, on every address the name
 * has, and git is pinned to the one checked (curl's resolve list): a DNS answer that changes in between cannot
 * send it elsewhere. Redirects are not followed, and no protocol but http(s) is allowed.
 */
export async function gitRemote(baseUrl: string, token: string, repositoryPath: string, policy: UrlPolicyOptions): Promise<GitRemote> {
  const url = new URL(`${baseUrl.replace(/\/+$/, "")}/${repositoryPath.split("/").map(encodeURIComponent).join("/")}`);
  assertTargetAllowed(url, policy);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  let address = host;
  if (!net.isIP(host)) {
    const addresses = await (policy.resolve ?? defaultResolver)(host).catch(() => []);
    if (addresses.length === 0) throw new SourceError("unreachable", `The source host ${host} could not be resolved.`, { reason: "dns", retryable: true });
    for (const candidate of addresses) {
      const verdict = forbiddenReason(candidate.address, policy);
      if (verdict) throw localAddressError(host, candidate.address, verdict);
    }
    address = addresses[0]!.address;
  }
  const pinned = net.isIPv6(address) ? `[${address}]` : address;
  return {
    url: url.href,
    config: {
      "http.extraHeader": `Authorization: Basic ${Buffer.from(`oauth2:${token}`).toString("base64")}`,
      "http.followRedirects": "false",
      "http.curloptResolve": `${host}:${port}:${pinned}`,
      "protocol.allow": "never",
      "protocol.https.allow": "always",
      ...(url.protocol === "http:" ? { "protocol.http.allow": "always" } : {}),
      "credential.helper": "",
    },
  };
}
