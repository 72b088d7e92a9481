import { describe, expect, it } from "vitest";
import { eventRecord } from "./issuable-records";

describe("eventRecord", () => {
  it("gives a source's __proto__ field back as a field, Ferry's columns over the source's", () => {
    const at = new Date("2024-01-02T03:04:05.000Z");
    const sourceAttributes = JSON.parse('{"id": 999, "__proto__": {"polluted": true}, "fingerprint": "f", "extra": 1}') as Record<string, unknown>;
    const event = { id: 7, targetType: "Issue", targetId: 5, groupId: null, projectId: 3, createdAt: at, updatedAt: at, action: "created", authorId: 2, sourceAttributes };
    const record = eventRecord(event as Parameters<typeof eventRecord>[0]);
    expect(JSON.stringify(record)).toBe(
      '{"id":7,"target_type":"Issue","target_id":5,"group_id":null,"created_at":"2024-01-02T03:04:05.000Z","updated_at":"2024-01-02T03:04:05.000Z",' +
        '"action":"created","author_id":2,"project_id":3,"fingerprint":"f","__proto__":{"polluted":true},"extra":1}',
    );
    expect((record as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
