const NAMES: Record<number, string> = { 5: "Minimal access", 10: "Guest", 15: "Planner", 20: "Reporter", 30: "Developer", 40: "Maintainer", 50: "Owner" };

export function accessLevelName(level: number): string {
  return NAMES[level] ?? `Level ${level}`;
}
