// Test helper: an HTTPS file server standing in for object storage, and what Ferry logs, for remote-import tests.
import type http from "node:http";
import https from "node:https";
import pino from "pino";
import { logger } from "@/lib/log";
import { startServer, TEST_TLS_CERT, type TestServer } from "@/lib/gitlab/test-server";

/** What the server answers for one path: the HEAD's headers, and the GET's status, headers and body. */
export interface ServedFile {
  head?: http.OutgoingHttpHeaders;
  status?: number;
  headers?: http.OutgoingHttpHeaders;
  body?: Buffer;
  /** The GET's answer waits this long (a slow store). */
  delayMs?: number;
}

/** Headers given as undefined are left out (no Content-Length: the body is sent chunked). */
const defined = (headers: http.OutgoingHttpHeaders) => Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== undefined)) as http.OutgoingHttpHeaders;

/**
 * A TLS server (the self-signed test certificate, trusted by this process's default agent as an operator would trust
 * a private CA with NODE_EXTRA_CA_CERTS) serving `files` by path, query ignored. `authorize` may refuse a request.
 */
export async function startFileServer(files: Map<string, ServedFile>, authorize?: (req: http.IncomingMessage) => number | null): Promise<TestServer> {
  (https.globalAgent.options as https.AgentOptions).ca = TEST_TLS_CERT;
  return startServer(
    (req, res) => {
      const refused = authorize?.(req) ?? null;
      const file = files.get(new URL(req.url ?? "/", "https://x").pathname);
      if (refused !== null || !file) {
        res.writeHead(refused ?? 404, { "content-type": "application/xml" });
        res.end(req.method === "HEAD" ? undefined : "<Error><Code>NoSuchKey</Code></Error>");
        return;
      }
      const body = file.body ?? Buffer.alloc(0);
      if (req.method === "HEAD") {
        res.writeHead(200, defined({ "content-type": "application/gzip", "content-length": String(body.length), ...file.head }));
        res.end();
        return;
      }
      setTimeout(() => {
        res.writeHead(file.status ?? 200, defined({ "content-type": "application/gzip", "content-length": String(body.length), ...file.headers }));
        res.end(body);
      }, file.delayMs ?? 0);
    },
    { tls: true },
  );
}

/** Every line Ferry's logger writes from now on, at every level (the test's output stays quiet). */
export function captureLogs(): string[] {
  const lines: string[] = [];
  const stream = (logger as unknown as Record<symbol, { write(line: string): void }>)[pino.symbols.streamSym]!;
  stream.write = (line: string) => void lines.push(line);
  logger.level = "trace";
  return lines;
}
