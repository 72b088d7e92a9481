import fs from "node:fs";
import { Readable } from "node:stream";
import { json } from "@/lib/api";
import type { PortableKind } from "@/lib/relations";

/** `{"message": ...}` with a status: render_api_error!, not_found!, forbidden!. */
export const apiError = (status: number, message: string) => json({ message }, { status });

/**
 * present_carrierwave_file!: the file as an attachment with its length (importers refuse a download without one).
 * The file is opened before answering, so one swept away in between is null (the caller's 404), not a broken body.
 */
export async function sendFile(file: { path: string; filename: string }, kind: PortableKind): Promise<Response | null> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file.path, "r");
  } catch {
    return null;
  }
  const { size } = await handle.stat();
  const body = Readable.toWeb(handle.createReadStream()) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, {
    status: 200,
    headers: {
      // GitLab's project endpoint declares application/gzip; the group one serves octet-stream.
      "content-type": kind === "project" ? "application/gzip" : "application/octet-stream",
      "content-length": String(size),
      "content-disposition": `attachment; filename="${file.filename}"; filename*=UTF-8''${file.filename}`,
      "content-transfer-encoding": "binary",
      "cache-control": "private, no-store",
    },
  });
}
