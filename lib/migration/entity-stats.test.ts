import { describe, expect, it } from "vitest";
import { statsFromTrackers } from "./entity-stats";
import { TRACKER_STATUS } from "./status";

const tracker = (relation: string, status: number, source: number | null, fetched: number, imported: number) => ({ relation, status, source, fetched, imported });

describe("entity stats", () => {
  it("lists record relations with counts, and every failed relation whatever its format or how early it failed", () => {
    expect(
      statsFromTrackers([
        tracker("labels", TRACKER_STATUS.finished, 3, 3, 3),
        tracker("milestones", TRACKER_STATUS.finished, 0, 0, 0),
        tracker("badges", TRACKER_STATUS.skipped, 2, 0, 0),
        tracker("boards", TRACKER_STATUS.failed, null, 0, 0),
        tracker("uploads", TRACKER_STATUS.failed, null, 0, 0),
        tracker("epics", TRACKER_STATUS.failed, 1234, 600, 500),
        tracker("members", TRACKER_STATUS.finished, 4, 4, 4),
      ]),
    ).toEqual({
      labels: { source: 3, fetched: 3, imported: 3 },
      boards: { source: 0, fetched: 0, imported: 0 },
      uploads: { source: 0, fetched: 0, imported: 0 },
      epics: { source: 1234, fetched: 600, imported: 500 },
      members: { source: 4, fetched: 4, imported: 4 },
    });
  });
});
