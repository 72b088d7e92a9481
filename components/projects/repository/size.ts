const units = ["B", "KiB", "MiB", "GiB", "TiB"];

/** "512 B", "4.2 KiB", "30 MiB": a file's size as GitLab writes it. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0).replace(/\.0$/, "")} ${units[unit]}`;
}
