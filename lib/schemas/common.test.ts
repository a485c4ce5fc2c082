import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatTimeIdCursor, parseBigintCursor, parsePageNumber, parseTimeIdCursor } from "@/lib/schemas/common";

// Cursors and page numbers come straight from the URL: anything a person or
// a crawler types must parse to a value or to "absent", never throw.

describe("parseTimeIdCursor", () => {
  it("reads back what formatTimeIdCursor wrote", () => {
    const cursor = { at: new Date("2026-11-24T08:54:30.123Z"), id: randomUUID() };
    expect(parseTimeIdCursor(formatTimeIdCursor(cursor))).toEqual(cursor);
    const epoch = { at: new Date(0), id: "00000000-0000-0000-0000-000000000000" };
    expect(parseTimeIdCursor(formatTimeIdCursor(epoch))).toEqual(epoch);
  });

  it("takes an id in upper case as the same id", () => {
    const id = randomUUID();
    expect(parseTimeIdCursor(`1000.${id.toUpperCase()}`)).toEqual({ at: new Date(1000), id });
  });

  it("is absent for anything else", () => {
    const id = randomUUID();
    for (const value of [
      undefined,
      null,
      42,
      ["1000." + id],
      "",
      "1000",
      id,
      `.${id}`,
      `1000.${id}.`,
      `1000.${id}x`,
      `-1000.${id}`,
      `1e3.${id}`,
      `1000.5.${id}`,
      ` 1000.${id}`,
      `1000.not-a-uuid-but-thirty-six-chars!`,
      `1000.${id.replaceAll("-", "")}`,
      // Past year 9999, and past what a Date holds.
      `253402300800000.${id}`,
      `8640000000000001.${id}`,
      `${"9".repeat(400)}.${id}`,
      `1000.${id}\u0000`,
    ]) {
      expect(parseTimeIdCursor(value), String(value)).toBeUndefined();
    }
  });

  it("never throws, and what it returns is a valid date and a uuid", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{0,17}\.[0-9a-fA-F-]{30,40}$/)), (value) => {
        const cursor = parseTimeIdCursor(value);
        if (cursor) {
          expect(Number.isNaN(cursor.at.getTime())).toBe(false);
          expect(cursor.at.getUTCFullYear()).toBeLessThanOrEqual(9999);
          expect(cursor.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        }
      }),
      { seed: 20261201 },
    );
  });
});

describe("parseBigintCursor", () => {
  it("takes positive integers within bigint's range only", () => {
    expect(parseBigintCursor("1")).toBe(1n);
    expect(parseBigintCursor("9223372036854775807")).toBe(9223372036854775807n);
    for (const value of [undefined, "", "0", "-1", "1e3", "9223372036854775808", "99999999999999999999", "1.5", ["5"]]) {
      expect(parseBigintCursor(value), String(value)).toBeUndefined();
    }
  });
});

describe("parsePageNumber", () => {
  it("is 1 when absent or malformed, and never past the last page allowed", () => {
    expect(parsePageNumber("3")).toBe(3);
    expect(parsePageNumber("0")).toBe(1);
    expect(parsePageNumber("99999", 50)).toBe(50);
    for (const value of [undefined, "", "-1", "1e9", "9999999", "x"]) expect(parsePageNumber(value), String(value)).toBe(1);
  });
});
