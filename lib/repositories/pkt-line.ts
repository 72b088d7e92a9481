// Git's pkt-line framing (gitprotocol-common): four hex digits giving the length, themselves included, then the data.
const MAX_DATA_BYTES = 65516;

export const FLUSH_PKT = Buffer.from("0000");

export function pktLine(data: string): Buffer {
  const payload = Buffer.from(data);
  if (payload.length > MAX_DATA_BYTES) throw new Error(`A pkt-line holds at most ${MAX_DATA_BYTES} bytes.`);
  return Buffer.concat([Buffer.from((payload.length + 4).toString(16).padStart(4, "0")), payload]);
}
