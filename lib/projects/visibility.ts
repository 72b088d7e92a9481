import { VISIBILITIES, VISIBILITY_LEVELS, type Visibility } from "@/lib/db";

// Projects store GitLab's integer (visibility_level, as exports carry it); groups and the API speak in names.
export const visibilityName = (level: number): Visibility => VISIBILITIES.find((v) => VISIBILITY_LEVELS[v] === level) ?? "private";
export const visibilityLevel = (name: Visibility): number => VISIBILITY_LEVELS[name];
