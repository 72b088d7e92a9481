// Git's own test (xdiff's buffer_is_binary): a NUL byte among the first 8000 bytes makes content binary. Using the
// same one means Ferry calls binary exactly what `git diff` shows as "Binary files differ".
export const BINARY_CHECK_BYTES = 8000;

export function isBinary(content: Uint8Array): boolean {
  return content.subarray(0, BINARY_CHECK_BYTES).includes(0);
}
