import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkProject } from "../src/check.js";
import { findPersonalData, isValidNhsNumber } from "../src/validate/personal-data/detectors.js";
import { canonicalText } from "../src/validate/personal-data/allow-list.js";
import { personalDataRule } from "../src/validate/rules/personal-data.js";
import { computeEveryTime } from "../src/validate/file-memo.js";
import { loadSeries } from "../src/load/load-series.js";
import { resolveSeries } from "../src/resolve/resolve-series.js";
import { fixture, fixtureCases, readExpected, reportLines } from "./helpers/fixtures.js";
import { lookAlikes, positives } from "./fixtures/personal-data/corpus.js";

const kinds = (text: string): string[] => findPersonalData(text).map((m) => `${m.kind} ${m.text}`);

describe("personal-data: the generated corpus (issue 8)", () => {
  it("finds at least 95% of the personal data and flags at most 2% of the look-alikes", () => {
    const pos = positives();
    const neg = lookAlikes();
    expect(pos.length).toBeGreaterThanOrEqual(200);
    expect(neg.length).toBeGreaterThanOrEqual(200);
    const missed = pos.filter((p) => !findPersonalData(p.sentence).some((m) => m.kind === p.kind && m.text === p.planted));
    const flagged = neg.filter((s) => findPersonalData(s).length > 0);
    const recall = (pos.length - missed.length) / pos.length;
    const falsePositiveRate = flagged.length / neg.length;
    console.log(`personal-data corpus: ${pos.length} positives, recall ${recall.toFixed(4)} (${missed.length} missed); ` +
      `${neg.length} look-alikes, false-positive rate ${falsePositiveRate.toFixed(4)} (${flagged.length} flagged)`);
    if (missed.length > 0) console.log("missed:", missed.map((m) => m.sentence));
    if (flagged.length > 0) console.log("flagged:", flagged.map((s) => `${s} -> ${kinds(s).join(", ")}`));
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(falsePositiveRate).toBeLessThanOrEqual(0.02);
  });
});

describe("personal-data: detectors", () => {
  it("checks the NHS modulus-11 digit", () => {
    expect(isValidNhsNumber("9434765919")).toBe(true); // NHS Digital's published example
    expect(isValidNhsNumber("9434765918")).toBe(false);
    expect(isValidNhsNumber("4010232137")).toBe(true);
    // 1000000000: sum 10, check 11 − 10 = 1; 1000000001 is valid, …000 not.
    expect(isValidNhsNumber("1000000001")).toBe(true);
    expect(isValidNhsNumber("1000000000")).toBe(false);
    // 0000000060: sum 6·2 = 12, 12 mod 11 = 1, check 10 → no valid number with these nine digits.
    for (let d = 0; d <= 9; d++) expect(isValidNhsNumber(`000000006${d}`)).toBe(false);
  });

  it("finds NHS numbers plain, spaced and hyphenated, and only with one kind of separator", () => {
    expect(kinds("NHS 9434765919.")).toEqual(["nhs-number 9434765919"]);
    expect(kinds("NHS 943 476 5919.")).toEqual(["nhs-number 943 476 5919"]);
    expect(kinds("NHS 943-476-5919.")).toEqual(["nhs-number 943-476-5919"]);
    expect(kinds("NHS 943 476-5919.")).toEqual([]);
    expect(kinds("NHS 94347659190 or 19434765919")).toEqual([]);
  });

  it("finds postcodes in every format, any case, with or without the space", () => {
    for (const pc of ["M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX", "EC1A 1BB", "ec1a1bb", "sw1a 2aa"]) {
      expect(kinds(`Lives at ${pc}, near the park.`)).toEqual([`postcode ${pc}`]);
    }
    expect(kinds("In Q3 2nd-line care grew; Q3 2nd place.")).toEqual([]);
    expect(kinds("See assets/ab1-2cd.svg and x.ab1 2cd")).toEqual([]);
  });

  it("finds UK phone numbers in their usual writings", () => {
    for (const phone of ["020 7946 0958", "(01632) 960 001", "+44 7700 900123", "07700900123", "+44 (0)20 7946 0958", "0117 496 0123", "0800-123-4567"]) {
      expect(kinds(`Call ${phone} today.`)).toEqual([`phone ${phone}`]);
    }
    expect(kinds("Call 0207 946 09580 or 020 7946 095.")).toEqual([]);
    expect(kinds("Dial 111, 999 or 0161.")).toEqual([]);
    expect(kinds("Order 07700 900123 shipped.")).toEqual([]);
  });

  it("finds dates of birth only after a DOB label", () => {
    expect(kinds("DOB: 12/03/1985.")).toEqual(["date-of-birth 12/03/1985"]);
    expect(kinds("D.O.B. 3 March 1954")).toEqual(["date-of-birth 3 March 1954"]);
    expect(kinds("date of birth 1985-03-12")).toEqual(["date-of-birth 1985-03-12"]);
    expect(kinds("She was born on 4th July 1960.")).toEqual(["date-of-birth 4th July 1960"]);
    expect(kinds("Met on 12/03/1985; born in 1985.")).toEqual([]);
  });

  it("finds numbers and postcodes split where a line wraps, and reports them from their first character", () => {
    expect(kinds("NHS number 943 476\n5919 and\nphone 020 7946\n  0958, home SW1A\n2AA.")).toEqual([
      "nhs-number 943 476\n5919", "phone 020 7946\n  0958", "postcode SW1A\n2AA"]);
    expect(kinds("NHS 943-476\n5919")).toEqual([]);
  });

  it("reads +44, brackets, spaces and case alike for the allow-list", () => {
    expect(canonicalText("+44 (0)20 7946 0958")).toBe(canonicalText("020-7946-0958"));
    expect(canonicalText("SW1A 2AA")).toBe(canonicalText("sw1a2aa"));
  });
});

describe("personal-data: fixtures", () => {
  for (const name of fixtureCases("personal-data")) {
    it(name, async () => {
      const dir = fixture("personal-data", name);
      const expected = readExpected(dir);
      const result = await checkProject(dir);
      const own = result.diagnostics.filter((d) => d.rule === "personal-data");
      expect(reportLines(own, expected).join("\n")).toBe(expected.map((e) => e.text).join("\n"));
    });
  }

  it("reports nothing on the example series", async () => {
    const dir = fileURLToPath(new URL("../examples/integrated-care-series/", import.meta.url));
    const result = await checkProject(dir);
    expect(result.diagnostics.filter((d) => d.rule === "personal-data")).toEqual([]);
  });

  it("keeps exact columns in CRLF files and after non-ASCII text", async () => {
    const dir = mkdtempSync(join(tmpdir(), "papersmith-pd-"));
    try {
      cpSync(join(fixture("personal-data", "all-kinds"), "assets"), join(dir, "assets"), { recursive: true });
      writeFileSync(join(dir, "papersmith.yaml"), "series:\r\n  title: T\r\npartners:\r\n  - id: a\r\n    name: A\r\n    logo: assets/alpha.svg\r\n    logoAlt: A\r\n");
      mkdirSync(join(dir, "papers"));
      writeFileSync(join(dir, "papers", "01.md"), "---\r\nnumber: 1\r\ntitle: T\r\ndate: 2014-01-01\r\n---\r\n\r\nÉcrit — “quoted” 943 476 5919\r\nand LS1 4AP.\r\n");
      const { diagnostics } = await checkProject(dir);
      expect(diagnostics.filter((d) => d.rule === "personal-data").map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`))
        .toEqual(["7:18-7:30", "8:5-8:12"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("skips what the allow-list names, however it is spaced", async () => {
    const { series } = await loadSeries(fixture("personal-data", "all-kinds"));
    const { index } = resolveSeries(series);
    const all = personalDataRule().check(series, index, computeEveryTime);
    const rule = personalDataRule(() => [{ text: "020-7946-0958", reason: "Alpha Trust switchboard" }, { text: "ls1 4ap", reason: "registered office" }]);
    const allowed = rule.check(series, index, computeEveryTime);
    expect(all.length - allowed.length).toBe(2);
    expect(allowed.map((p) => p.message).join("\n")).not.toMatch(/ending 958|LS1 …/);
  });
});
