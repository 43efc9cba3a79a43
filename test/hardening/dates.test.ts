/**
 * Issue 13, cases 3 and 9: one date parser and formatter (src/lib/iso-date.ts) for every field
 * and filter. Dates run 0001-01-01T00:00:00Z … 9999-12-31T23:59:59Z after the offset; a value is
 * never shifted (0050 stays 0050); a leap second :60 is read as :59.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDate, parseDateInput } from "../../src/lib/iso-date";
import { parseDateFilter } from "../../src/http/date-filter";
import { expectError } from "../support/contract";
import { newOrganization } from "../support/fixtures";
import { call } from "../support/http";
import { notServerError, PREFIX, read } from "./support";

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, "0");

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  offsetMinutes: number;
}

function text(p: Parts): string {
  const zone =
    p.offsetMinutes === 0
      ? "Z"
      : `${p.offsetMinutes < 0 ? "-" : "+"}${pad(Math.trunc(Math.abs(p.offsetMinutes) / 60), 2)}:${pad(Math.abs(p.offsetMinutes) % 60, 2)}`;
  return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}${zone}`;
}

/** The expected output, computed another way (setUTCFullYear takes years as written). */
function oracle(p: Parts): string | null {
  const date = new Date(0);
  date.setUTCFullYear(p.year, p.month - 1, p.day);
  if (date.getUTCFullYear() !== p.year || date.getUTCMonth() !== p.month - 1 || date.getUTCDate() !== p.day) return null;
  if (p.hour > 23 || p.minute > 59 || p.second > 60) return null;
  date.setUTCHours(p.hour, p.minute, Math.min(p.second, 59), 0);
  const ms = date.getTime() - p.offsetMinutes * 60_000;
  const out = new Date(ms);
  const year = out.getUTCFullYear();
  if (year < 1 || year > 9999) return null;
  return `${out.toISOString().slice(0, 19)}Z`;
}

const parts: fc.Arbitrary<Parts> = fc.record({
  year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 1, 50, 99, 100, 1969, 1970, 9999)),
  month: fc.integer({ min: 1, max: 13 }),
  day: fc.integer({ min: 1, max: 32 }),
  hour: fc.integer({ min: 0, max: 24 }),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.integer({ min: 0, max: 60 }),
  offsetMinutes: fc.oneof(fc.constant(0), fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 })),
});

describe("offering date fields", () => {
  it("keeps years 0001–0099 as written (0050 used to be stored as 1950)", async () => {
    const org = await newOrganization();
    for (const [input, output] of [
      ["0050-06-15", "0050-06-15T00:00:00Z"],
      ["0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"],
      ["0099-12-31T23:59:59+00:00", "0099-12-31T23:59:59Z"],
      ["9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"],
      ["0002-01-01T00:30:00+01:00", "0001-12-31T23:30:00Z"],
    ]) {
      const created = await call("POST", `${PREFIX}/offerings`, { token: org.token, json: { title: "Old", beginDate: input } });
      expect(created.status, input).toBe(201);
      expect((await read(org.token, created.headers.get("Location") ?? "")).beginDate, input).toBe(output);
    }
  });

  it("refuses what falls outside 0001–9999 in UTC (it used to come back as +010000-…)", async () => {
    const org = await newOrganization();
    for (const input of ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+00:01", "0000-06-15", "10000-01-01"]) {
      const response = await call("POST", `${PREFIX}/offerings`, { token: org.token, json: { title: "Far", beginDate: input } });
      await expectError(response, 400, "validation_failed", { fieldErrors: { beginDate: "beginDate must be a date" } });
    }
  });

  it("reads a leap second :60 as :59 of that minute", async () => {
    const org = await newOrganization();
    const created = await call("POST", `${PREFIX}/offerings`, {
      token: org.token,
      json: { title: "Leap", endDate: "2016-12-31T23:59:60Z", registrationEndDate: "2016-12-31T23:59:60.5+01:00" },
    });
    expect(created.status).toBe(201);
    const offering = await read(org.token, created.headers.get("Location") ?? "");
    expect(offering.endDate).toBe("2016-12-31T23:59:59Z");
    expect(offering.registrationEndDate).toBe("2016-12-31T22:59:59Z");
  });

  it("property: a date-time across and beyond the range is stored exactly as the oracle says, or refused", async () => {
    const org = await newOrganization();
    await fc.assert(
      fc.asyncProperty(parts, async (p) => {
        const input = text(p);
        const expected = oracle(p);
        const response = await notServerError(
          await call("POST", `${PREFIX}/offerings`, { token: org.token, json: { title: "P", beginDate: input } }),
        );
        if (expected === null) {
          await expectError(response, 400, "validation_failed", { fieldErrors: { beginDate: "beginDate must be a date" } });
        } else {
          expect(response.status, input).toBe(201);
          expect((await read(org.token, response.headers.get("Location") ?? "")).beginDate, input).toBe(expected);
        }
      }),
      { numRuns: 25 },
    );
  });

  it("property (parser alone): every input parses as the oracle says and formats back without shift", () => {
    fc.assert(
      fc.property(parts, (p) => {
        const ms = parseDateInput(text(p));
        const expected = oracle(p);
        expect(ms === null ? null : formatDate(ms)).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });
});

describe("date filters", () => {
  it("imprecise dates of years 0001–0099 cover their span, not 19xx", () => {
    expect(parseDateFilter("0050")).toEqual({ from: Date.parse("0050-01-01T00:00:00Z"), to: Date.parse("0051-01-01T00:00:00Z") - 1 });
    expect(parseDateFilter("0001-02")).toEqual({ from: Date.parse("0001-02-01T00:00:00Z"), to: Date.parse("0001-03-01T00:00:00Z") - 1 });
    expect(parseDateFilter("9999")).toEqual({ from: Date.parse("9999-01-01T00:00:00Z"), to: Date.parse("9999-12-31T23:59:59.999Z") });
  });

  it("GET /offerings?createdDate= accepts the whole range and :60, refuses outside it", async () => {
    const org = await newOrganization();
    for (const value of ["0001", "0050-06", "0099-12-31", "9999", "2016-12-31T23:59:60Z", "0001,9999", ",0050"]) {
      const response = await call("GET", `${PREFIX}/offerings?createdDate=${encodeURIComponent(value)}`, { token: org.token });
      expect(response.status, value).toBe(200);
    }
    for (const value of ["0000", "10000", "0000-12", "9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00"]) {
      const response = await call("GET", `${PREFIX}/offerings?createdDate=${encodeURIComponent(value)}`, { token: org.token });
      await expectError(response, 400, "validation_failed", { errors: ["createdDate is not a valid date filter"] });
    }
  });

  it("GET /registrations date filters take imprecise years 0001–0099", async () => {
    const org = await newOrganization();
    const response = await call("GET", `${PREFIX}/registrations?beginDate=0050&endDate=0001-01,0099-12`, { token: org.token });
    expect(response.status).toBe(200);
  });
});
