import { describe, expect, it } from "vitest";
import { CRITERIA_CSV_COLUMNS, criteriaCsv, csvResponse, type CriterionExportRow } from "@/lib/criteria/csv";

const APPROVED = "0196f0a0-0000-7000-8000-000000000001";
const EARLIER = "0196f0a0-0000-7000-8000-000000000002";

function row(overrides: Partial<CriterionExportRow> = {}): CriterionExportRow {
  return {
    given: "",
    when: "",
    then: "",
    text: "Search answers in under a second",
    verdict: "UNTESTED",
    verdictAt: null,
    verdictSpecRevisionId: null,
    retiredAt: null,
    specRevisionNumber: 2,
    feature: { title: "Smart search", approvedSpecRevisionId: APPROVED },
    verdicts: [],
    ...overrides,
  };
}

const BOM = "\uFEFF";

/** Reads the CSV back the way RFC 4180 says a spreadsheet should. */
function cells(csv: string): string[][] {
  const rows: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let quoted = false;
  const text = csv.replace(BOM, "");
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ",") {
      record.push(cell);
      cell = "";
    } else if (ch === "\n") {
      rows.push([...record, cell]);
      record = [];
      cell = "";
    } else {
      cell += ch;
    }
  }
  if (cell || record.length) rows.push([...record, cell]);
  return rows;
}

describe("criteriaCsv", () => {
  it("starts with a BOM and a header row, then one row per criterion", () => {
    const csv = criteriaCsv([row()]);
    expect(csv.startsWith(BOM)).toBe(true);
    const [header, first, ...rest] = cells(csv);
    expect(header).toEqual([...CRITERIA_CSV_COLUMNS]);
    expect(first).toEqual(["Smart search", "Search answers in under a second", "Untested", "no", "", "", "", "", "2", "no"]);
    expect(rest).toEqual([]);
  });

  it("writes only the header when there are no criteria", () => {
    expect(cells(criteriaCsv([]))).toEqual([[...CRITERIA_CSV_COLUMNS]]);
  });

  it("writes Given / When / Then on one line, and the latest verdict's details", () => {
    const csv = criteriaCsv([
      row({
        text: "",
        given: "a signed-in user",
        when: "they search",
        then: "results appear",
        verdict: "FAILED",
        verdictAt: new Date("2026-11-24T09:30:00.000Z"),
        verdictSpecRevisionId: APPROVED,
        specRevisionNumber: null,
        verdicts: [{ note: "Times out on mobile", evidenceUrl: "https://ci.example.com/run/42", user: { name: "Quinn QA" } }],
      }),
    ]);
    expect(cells(csv)[1]).toEqual([
      "Smart search",
      "Given a signed-in user; When they search; Then results appear",
      "Failed",
      "no",
      "2026-11-24T09:30:00.000Z",
      "Quinn QA",
      "Times out on mobile",
      "https://ci.example.com/run/42",
      "",
      "no",
    ]);
  });

  it("flags a verdict given against an earlier approved spec, but never an untested or retired criterion", () => {
    const reverify = (overrides: Partial<CriterionExportRow>) => cells(criteriaCsv([row(overrides)]))[1]?.[3];
    expect(reverify({ verdict: "PASSED", verdictSpecRevisionId: EARLIER })).toBe("yes");
    expect(reverify({ verdict: "PASSED", verdictSpecRevisionId: APPROVED })).toBe("no");
    expect(reverify({ verdict: "UNTESTED", verdictSpecRevisionId: EARLIER })).toBe("no");
    const retired = cells(criteriaCsv([row({ verdict: "PASSED", verdictSpecRevisionId: EARLIER, retiredAt: new Date() })]))[1];
    expect(retired?.[3]).toBe("no");
    expect(retired?.[9]).toBe("yes");
  });

  it("keeps a deleted verdict author blank", () => {
    const csv = criteriaCsv([row({ verdict: "PASSED", verdicts: [{ note: null, evidenceUrl: null, user: null }] })]);
    expect(cells(csv)[1]?.[5]).toBe("");
  });

  it("quotes commas, quotes and newlines so each cell reads back whole", () => {
    const csv = criteriaCsv([
      row({
        feature: { title: 'Search, "smart" edition', approvedSpecRevisionId: APPROVED },
        text: "Line one\nline two, with a comma",
        verdicts: [{ note: 'He said "no"\r\nthen left', evidenceUrl: null, user: { name: "Quinn" } }],
      }),
    ]);
    expect(csv).toContain('"Search, ""smart"" edition"');
    expect(csv).toContain('"Line one\nline two, with a comma"');
    const [, first] = cells(csv);
    expect(first?.[0]).toBe('Search, "smart" edition');
    expect(first?.[1]).toBe("Line one\nline two, with a comma");
    expect(first?.[6]).toBe('He said "no"\r\nthen left');
  });

  it.each([
    ["=", "=HYPERLINK(\"https://evil.example\",\"click\")"],
    ["+", "+1+1"],
    ["-", "-2+3"],
    ["@", "@SUM(A1:A2)"],
    ["tab", "\t=1+1"],
    ["carriage return", "\r=1+1"],
    ["full-width =", "\uFF1D1+1"],
  ])("prefixes a cell starting with %s with a single quote", (_name, payload) => {
    const csv = criteriaCsv([
      row({
        feature: { title: payload, approvedSpecRevisionId: APPROVED },
        text: payload,
        verdict: "BLOCKED",
        verdicts: [{ note: payload, evidenceUrl: null, user: { name: payload } }],
      }),
    ]);
    const [, first] = cells(csv);
    for (const i of [0, 1, 5, 6]) expect(first?.[i]).toBe(`'${payload}`);
  });

  it("leaves cells that merely contain those characters alone", () => {
    const [, first] = cells(criteriaCsv([row({ text: "Total = 2 + 2 - 1 @ noon" })]));
    expect(first?.[1]).toBe("Total = 2 + 2 - 1 @ noon");
  });
});

describe("csvResponse", () => {
  it("is a private, uncached CSV attachment with a safe file name", () => {
    const response = csvResponse("a,b\n", 'Smart "search"/../\r\nX: criteria.csv');
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="Smart-search-..-X-criteria.csv"');
  });

  it("falls back to a plain name when nothing safe is left", () => {
    expect(csvResponse("", "..").headers.get("content-disposition")).toBe('attachment; filename="export.csv"');
  });
});
