/**
 * An archive entry's name as a relative path of plain segments, or null when it could escape the directory it is
 * extracted to or name something odd: absolute paths, drive letters, `..`, backslashes, control characters.
 * Leading `./` (what `tar -C dir .` writes) and `.` segments are dropped.
 */
export function safeRelativePath(name: string): string[] | null {
  if (name === "" || name.startsWith("/") || /^[a-zA-Z]:/.test(name) || name.includes("\\")) return null;
  if (/[\x00-\x1f\x7f]/.test(name)) return null;
  const segments = name.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (segments.length === 0 || segments.some((segment) => segment === "..")) return null;
  return segments;
}
