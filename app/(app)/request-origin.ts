import { headers } from "next/headers";
import { baseUrlOf } from "@/lib/api";

/**
 * This site's origin as the browser sees it (`https://ferry.example.com`), for addresses shown to copy (clone URLs):
 * behind a proxy, x-forwarded-proto and x-forwarded-host, as the API's URLs; of a list (proxies in a chain), the first
 * value, the client's.
 */
export async function requestOrigin(): Promise<string> {
  const incoming = await headers();
  const forwarded = new Headers(incoming);
  for (const name of ["x-forwarded-proto", "x-forwarded-host"]) {
    const first = incoming.get(name)?.split(",")[0]?.trim();
    if (first) forwarded.set(name, first);
    else forwarded.delete(name);
  }
  return baseUrlOf(new Request("http://localhost", { headers: forwarded }));
}
