import { describe, expect, it } from "vitest";
import { humanSize, remoteFileLimit, remoteFileProblem } from "./remote-archive";

describe("the remote file checks (GitLab's RemoteFileValidator)", () => {
  it("prints sizes as Rails' number_to_human_size does", () => {
    expect([1, 2, 1023, 1024, 1536, 1024 ** 2, 10_240 * 1024 ** 2, 1234567].map(humanSize)).toEqual(["1 Byte", "2 Bytes", "1023 Bytes", "1 KB", "1.5 KB", "1 MB", "10 GB", "1.18 MB"]);
  });

  it("takes 10 GiB, or less when the administrator's max_import_size is lower", () => {
    expect(remoteFileLimit({ maxImportSizeMb: 0 })).toBe(10 * 1024 ** 3);
    expect(remoteFileLimit({ maxImportSizeMb: 50 })).toBe(50 * 1024 ** 2);
    expect(remoteFileLimit({ maxImportSizeMb: 20_000 })).toBe(10 * 1024 ** 3);
  });

  it("checks the length first, then the type, and answers the first problem", () => {
    const limit = 1024 ** 2;
    expect(remoteFileProblem("100", "application/gzip", limit)).toBeNull();
    expect(remoteFileProblem("100", "application/x-gzip", limit)).toBeNull();
    expect(remoteFileProblem("100", "application/x-tar", limit)).toBeNull();
    expect(remoteFileProblem(undefined, undefined, limit)).toBe("Content length is too small (should be at least 1 Byte)");
    expect(remoteFileProblem("-5", "application/gzip", limit)).toBe("Content length is too small (should be at least 1 Byte)");
    expect(remoteFileProblem(String(limit + 1), "application/gzip", limit)).toBe("Content length is too big (should be at most 1 MB)");
    expect(remoteFileProblem("100", undefined, limit)).toBe("Content type '' not allowed. (Allowed: application/gzip, application/x-tar, application/x-gzip)");
    expect(remoteFileProblem("100", "application/zip", limit)).toBe("Content type 'application/zip' not allowed. (Allowed: application/gzip, application/x-tar, application/x-gzip)");
  });
});
