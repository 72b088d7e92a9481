import { describe, expect, it } from "vitest";
import { parseImportEvent, type ImportEvent } from "./import-event";

describe("parseImportEvent", () => {
  it("gives back what the notifier sent, with the same JSON", () => {
    const events: ImportEvent[] = [
      { userId: 1, bulkImportId: 2 },
      { userId: 1, bulkImportId: 2, entityId: 3 },
    ];
    for (const event of events) {
      const parsed = parseImportEvent(JSON.stringify(event));
      expect(parsed).toEqual(event);
      expect(JSON.stringify(parsed)).toBe(JSON.stringify(event));
    }
    expect(Object.keys(parseImportEvent('{"userId":1,"bulkImportId":2}')!)).toEqual(["userId", "bulkImportId"]);
  });

  it("drops unknown keys", () => {
    expect(JSON.stringify(parseImportEvent('{"entityId":3,"extra":"x","bulkImportId":2,"userId":1}'))).toBe('{"userId":1,"bulkImportId":2,"entityId":3}');
  });

  it("refuses what is not an import event", () => {
    for (const text of [undefined, null, "", "not json", "null", "[]", "{}", '{"userId":1}', '{"userId":"1","bulkImportId":2}', '{"userId":1.5,"bulkImportId":2}', '{"userId":1,"bulkImportId":2,"entityId":"3"}']) {
      expect(parseImportEvent(text)).toBeUndefined();
    }
  });
});
