import type { Viewer } from "@/lib/viewer";

/** What every resolver gets: who asks (access checks see them as the REST API does) and Ferry's public address. */
export interface GraphqlContext {
  viewer: Viewer;
  /** `https://ferry.example.com`, for `webUrl` and `httpUrlToRepo`. */
  baseUrl: string;
}
