import type { RouteHandler } from "./context";

interface Route {
  method: string;
  template: string;
  segments: string[];
  handler: RouteHandler;
}

export interface RouteMatch {
  template: string;
  params: Record<string, string>;
  handler: RouteHandler;
}

/** Matches `/groups/:id/...` templates segment by segment; a `:param` takes one segment, percent-decoded. */
export class Router {
  private routes: Route[] = [];

  add(method: string, template: string, handler: RouteHandler): this {
    this.routes.push({ method, template, segments: template.split("/").filter(Boolean), handler });
    return this;
  }

  /** `pathname` is the part after /api/v4, still percent-encoded (an encoded full path is one segment). */
  match(method: string, pathname: string): RouteMatch | undefined {
    const parts = pathname.split("/").filter(Boolean);
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const ok = route.segments.every((segment, i) => {
        const part = parts[i] as string;
        if (segment.startsWith(":")) {
          params[segment.slice(1)] = safeDecode(part);
          return true;
        }
        return segment === part;
      });
      if (ok) return { template: route.template, params, handler: route.handler };
    }
    return undefined;
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
