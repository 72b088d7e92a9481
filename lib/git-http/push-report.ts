// receive-pack ends its answer with a report-status: `unpack ok`, then `ok <ref>` for each ref it updated and
// `ng <ref> <reason>` for each it refused (a protected branch...), as pkt-lines, inside side-band packets when the client
// asked for them. A refused push still exits 0, so only an `ok` line tells that the push changed the repository.
const ACCEPTED_REF = /[0-9a-f]{4}ok refs\//;
// Enough to find the pattern across two chunks.
const TAIL = 16;

/** Watches a receive-pack answer as it streams by, for a ref that the push updated. */
export function pushReport(): { scan(chunk: Uint8Array): void; readonly accepted: boolean } {
  let tail = "";
  let accepted = false;
  return {
    scan(chunk) {
      if (accepted) return;
      const text = tail + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString("latin1");
      accepted = ACCEPTED_REF.test(text);
      tail = text.slice(-TAIL);
    },
    get accepted() {
      return accepted;
    },
  };
}
