import { describe, expect, it } from "vitest";
import { booleanParam } from "./booleans";
import { dateTimeParam } from "./dates";
import { digitsRowId, integerParam, NO_ROW, pathRowId, rowIdListParam, rowIdParam } from "./ids";
import { pageParams } from "./pagination";
import { ParamError, readAll } from "./param-error";
import { choiceParam, stringParam } from "./strings";

const problem = (read: () => unknown) => {
  try {
    read();
  } catch (error) {
    if (error instanceof ParamError) return error.message;
    throw error;
  }
  return null;
};

describe("integer and id parameters", () => {
  it("coerce as Grape's Integer: sign, digits, blanks, JSON integers; anything else is `<name> is invalid`", () => {
    expect([integerParam("12", "n"), integerParam(" +7 ", "n"), integerParam("-3", "n"), integerParam(42, "n")]).toEqual([12, 7, -3, 42]);
    expect([integerParam(undefined, "n"), integerParam(null, "n"), integerParam("", "n")]).toEqual([undefined, undefined, undefined]);
    for (const bad of ["abc", "1.5", "1e3", "0x10", "12abc", " ", "١٢", 1.5, true, [], {}, ["1"], Number.NaN]) {
      expect(problem(() => integerParam(bad, "page")), JSON.stringify(bad)).toBe("page is invalid");
    }
  });

  it("turn ids outside PostgreSQL's integer range into NO_ROW, which names nothing and is no falsy 'none'", () => {
    expect(NO_ROW).toBeLessThan(0);
    expect([rowIdParam("2147483647", "id"), rowIdParam("2147483648", "id"), rowIdParam("99999999999999999999", "id"), rowIdParam("0", "id"), rowIdParam("-5", "id")]).toEqual([
      2147483647,
      NO_ROW,
      NO_ROW,
      NO_ROW,
      NO_ROW,
    ]);
    expect(rowIdParam(undefined, "id")).toBeUndefined();
  });

  it("read Integer path segments: not an integer is a 400, out of range no row (the route's 404)", () => {
    expect(pathRowId("5", "board_id")).toBe(5);
    expect(pathRowId("2147483648", "board_id")).toBe(NO_ROW);
    expect(problem(() => pathRowId("abc", "board_id"))).toBe("board_id is invalid");
    expect(problem(() => pathRowId("", "board_id"))).toBe("board_id is invalid");
    expect(problem(() => pathRowId(undefined, "board_id"))).toBe("board_id is invalid");
    // /users/:id only routes digits: anything else is simply not found.
    expect([digitsRowId("12"), digitsRowId("abc"), digitsRowId("-1"), digitsRowId("2147483648")]).toEqual([12, NO_ROW, NO_ROW, NO_ROW]);
  });

  it("check arrays element by element, so one bad element refuses the filter instead of dropping it", () => {
    expect(rowIdListParam(["1", "2,3"], "iids")).toEqual([1, 2, 3]);
    expect(rowIdListParam(["99999999999"], "iids")).toEqual([NO_ROW]);
    expect(rowIdListParam([], "iids")).toBeUndefined();
    expect(rowIdListParam(["", " "], "iids")).toBeUndefined();
    expect(rowIdListParam(undefined, "iids")).toBeUndefined();
    for (const bad of [["abc"], ["1", "x"], ["1,x"], [{}], [["1"]], ["1.5"]]) expect(problem(() => rowIdListParam(bad, "iids")), JSON.stringify(bad)).toBe("iids is invalid");
  });
});

describe("pageParams", () => {
  const page = (query: string) => pageParams(new URLSearchParams(query));

  it("defaults to page 1 of 20, clamps per_page to 100 and falls back on non-positive values", () => {
    expect(page("")).toEqual({ page: 1, perPage: 20 });
    expect(page("page=3&per_page=1000")).toEqual({ page: 3, perPage: 100 });
    expect(page("page=0&per_page=-4")).toEqual({ page: 1, perPage: 20 });
  });

  it("keeps a huge page a safe number, so OFFSET stays exact and the page is just empty", () => {
    const huge = page("page=99999999999999999999999&per_page=100");
    expect(Number.isSafeInteger((huge.page - 1) * huge.perPage)).toBe(true);
    expect(huge.page).toBeGreaterThan(1_000_000_000);
  });

  it("refuses non-integers, naming both parameters at once as Grape does", () => {
    expect(problem(() => page("page=abc"))).toBe("page is invalid");
    expect(problem(() => page("page=1.5&per_page=x"))).toBe("page is invalid, per_page is invalid");
  });
});

describe("boolean, choice, string and date parameters", () => {
  it("take Grape's Boolean spellings and refuse the rest", () => {
    for (const yes of ["true", "TRUE", "1", "t", "yes", "y", "on", true]) expect(booleanParam(yes, "b"), String(yes)).toBe(true);
    for (const no of ["false", "0", "f", "no", "n", "off", false]) expect(booleanParam(no, "b"), String(no)).toBe(false);
    expect(booleanParam("", "b")).toBeUndefined();
    for (const bad of ["maybe", "2", "truee", {}, ["true"]]) expect(problem(() => booleanParam(bad, "owned")), JSON.stringify(bad)).toBe("owned is invalid");
  });

  it("refuse values outside a choice, objects where text is expected, and dates PostgreSQL could not store", () => {
    expect(choiceParam("asc", "sort", ["asc", "desc"])).toBe("asc");
    expect(problem(() => choiceParam("up", "sort", ["asc", "desc"]))).toBe("sort does not have a valid value");
    expect(stringParam(12, "name")).toBe("12");
    expect(problem(() => stringParam({ a: 1 }, "name"))).toBe("name is invalid");
    expect(dateTimeParam("2024-06-01T00:00:00Z", "updated_after")?.toISOString()).toBe("2024-06-01T00:00:00.000Z");
    for (const bad of ["yesterday", "+275760-09-13T00:00:00Z", 5]) expect(problem(() => dateTimeParam(bad, "updated_after")), String(bad)).toBe("updated_after is invalid");
  });

  it("readAll gathers every problem into one ParamError and passes other errors through", () => {
    expect(problem(() => readAll(() => integerParam("x", "page"), () => choiceParam("up", "sort", ["asc"]), () => 1))).toBe("page is invalid, sort does not have a valid value");
    expect(readAll(() => 1, () => "a")).toEqual([1, "a"]);
    expect(() =>
      readAll(() => {
        throw new TypeError("boom");
      }),
    ).toThrow(TypeError);
  });
});
