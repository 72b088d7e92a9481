import { describe, expect, it } from "vitest";
import { parseLfsPointer } from "./index";

const OID = "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393";
const POINTER = `version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize 12345\n`;

describe("parseLfsPointer", () => {
  it("reads the object's oid and size from a pointer file, extension keys or not", () => {
    expect(parseLfsPointer(POINTER)).toEqual({ oid: OID, size: 12345 });
    expect(parseLfsPointer(`version https://git-lfs.github.com/spec/v1\next-0-foo sha256:${"a".repeat(64)}\noid sha256:${OID}\nsize 0\n`)).toEqual({ oid: OID, size: 0 });
  });

  it("takes nothing else for a pointer: another version, a missing or malformed key, text around it, a long file", () => {
    for (const text of [
      POINTER.replace("spec/v1", "spec/v2"),
      POINTER.replace(`oid sha256:${OID}\n`, ""),
      POINTER.replace("size 12345", "size many"),
      POINTER.replace(OID, OID.toUpperCase()),
      `# readme\n${POINTER}`,
      POINTER + "x".repeat(1024),
      "",
    ]) {
      expect(parseLfsPointer(text), text).toBeNull();
    }
  });
});
