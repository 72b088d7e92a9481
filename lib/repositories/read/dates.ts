// GitLab prints a commit's dates in the time zone they were recorded in, with milliseconds:
// "2012-09-20T09:06:12.000+03:00". Git's strict ISO format (%aI) is the same without the milliseconds.

const STRICT_ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(Z|[+-]\d{2}:\d{2})$/;

/** `%aI`/`%cI`/`%(creatordate:iso-strict)` in GitLab's form. */
export function gitlabDate(isoStrict: string): string {
  const match = STRICT_ISO.exec(isoStrict);
  if (!match) return isoStrict;
  return `${match[1]}.000${match[2] === "Z" ? "+00:00" : match[2]}`;
}

/** A raw git date (`1348123572 +0300`, as in a tag object's `tagger` line) in GitLab's form. */
export function gitlabDateFromRaw(raw: string): string | null {
  const match = /^(-?\d+) ([+-])(\d{2})(\d{2})$/.exec(raw.trim());
  if (!match) return null;
  const offsetMinutes = (match[2] === "-" ? -1 : 1) * (Number(match[3]) * 60 + Number(match[4]));
  const local = new Date((Number(match[1]) + offsetMinutes * 60) * 1000);
  if (Number.isNaN(local.getTime())) return null;
  return `${local.toISOString().slice(0, 19)}.000${match[2]}${match[3]}:${match[4]}`;
}
