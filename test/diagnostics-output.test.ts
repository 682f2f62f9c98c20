import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/diagnostics/diagnostic.js";
import { formatGithub } from "../src/diagnostics/format-github.js";
import { formatHuman } from "../src/diagnostics/format-human.js";
import { githubStepSummary } from "../src/diagnostics/github-step-summary.js";
import { relativeToWorkspace } from "../src/diagnostics/github-workspace.js";
import { LineIndex } from "../src/diagnostics/line-index.js";
import { ensureCompiled, papersmith, REPO } from "./helpers/cli.js";
import { fixture } from "./helpers/fixtures.js";

/** A diagnostic with everything a test does not name filled in. */
function diagnostic(fields: Partial<Diagnostic>): Diagnostic {
  return { file: "papers/01.md", line: 1, column: 1, rule: "ref-missing", severity: "error", message: "m", ...fields };
}

/** A message that tries every trick at once: commands after line breaks, escapes, markup, controls. */
const HOSTILE = "Bad\n::error::injected\r\n::add-mask::secret 100% a,b:c | <img src=https://remote/x.png> `code` ![i](https://remote/y.png) \u001b[31mred\u0007";

describe("GitHub workflow commands", () => {
  it("escape the message and property values as GitHub documents, so a source cannot start a command", () => {
    const out = formatGithub([diagnostic({ file: "papers/a,b:c%\n::warning::x.md", line: 3, column: 5, message: HOSTILE, suggestion: "x\n::set-output name=a::b" })]);
    expect(out).toBe(
      "::error file=papers/a%2Cb%3Ac%25%0A%3A%3Awarning%3A%3Ax.md,line=3,col=5,title=ref-missing::"
      + "Bad%0A::error::injected%0D%0A::add-mask::secret 100%25 a,b:c | <img src=https://remote/x.png> `code` ![i](https://remote/y.png) \u001b[31mred\u0007"
      + " (suggestion: x%0A::set-output name=a::b)\n"
      + "1 error, 0 warnings\n",
    );
    expect(out.split("\n").filter((line) => line.startsWith("::"))).toHaveLength(1);
  });

  it("give endLine always and endColumn only on a one-line range", () => {
    const out = formatGithub([
      diagnostic({ line: 2, column: 3, endLine: 2, endColumn: 9, severity: "warn" }),
      diagnostic({ line: 2, column: 3, endLine: 4, endColumn: 9 }),
    ]);
    expect(out).toBe(
      "::warning file=papers/01.md,line=2,col=3,endLine=2,endColumn=9,title=ref-missing::m\n"
      + "::error file=papers/01.md,line=2,col=3,endLine=4,title=ref-missing::m\n"
      + "1 error, 1 warning\n",
    );
  });
});

describe("the GitHub step summary", () => {
  it("writes markup from sources as character references, one row per diagnostic", () => {
    const out = githubStepSummary([diagnostic({ file: "papers/a|b<i>.md", line: 7, column: 2, message: HOSTILE })]);
    expect(out).toBe([
      "### papersmith: 1 error, 0 warnings",
      "",
      "| where | severity | message | rule |",
      "|---|---|---|---|",
      "| papers/a&#124;b&#60;i&#62;.md:7:2 | error | Bad ::error::injected ::add-mask::secret 100% a,b:c &#124; &#60;img src=https://remote/x.png&#62; "
      + "&#96;code&#96; !&#91;i&#93;(https://remote/y.png) \u001b&#91;31mred\u0007 | `ref-missing` |",
      "",
    ].join("\n"));
  });

  it("escapes &, backslashes and emphasis so the cell reads as written", () => {
    const row = githubStepSummary([diagnostic({ message: "a & b \\| *c* _d_ ~e~ $f$ &amp;" })]).split("\n")[4];
    expect(row).toBe("| papers/01.md:1:1 | error | a &#38; b &#92;&#124; &#42;c&#42; &#95;d&#95; &#126;e&#126; &#36;f&#36; &#38;amp; | `ref-missing` |");
  });
});

describe("GITHUB_WORKSPACE", () => {
  const root = resolve("/ws/repo/policy/series");
  const d = diagnostic({ file: "papers/01.md" });

  it("makes paths relative to the workspace when the project is inside it", () => {
    expect(relativeToWorkspace([d], root, resolve("/ws/repo"))).toEqual([{ ...d, file: "policy/series/papers/01.md" }]);
  });

  it("leaves project-relative paths when it is unset, empty, or does not hold the project", () => {
    expect(relativeToWorkspace([d], root, undefined)).toEqual([d]);
    expect(relativeToWorkspace([d], root, "")).toEqual([d]);
    expect(relativeToWorkspace([d], root, resolve("/elsewhere"))).toEqual([d]);
  });
});

describe("the human format and control characters", () => {
  it("shows escapes, C0 and C1 controls from the message, file name and suggestion as visible escapes", () => {
    const out = formatHuman([diagnostic({ file: "papers/\u001b]0;title\u0007.md", message: HOSTILE, suggestion: "\u009b2Jclear" })], { color: false, sources: new Map() });
    expect(out).toBe([
      "papers/\\x1b]0;title\\x07.md:1:1  error  Bad\\n::error::injected\\r\\n::add-mask::secret 100% a,b:c | <img src=https://remote/x.png> `code` ![i](https://remote/y.png) \\x1b[31mred\\x07  [ref-missing]",
      "  suggestion: \\x9b2Jclear",
      "",
      "1 error, 0 warnings",
      "",
    ].join("\n"));
  });

  it("escapes them in the code frame too, keeping tabs as spaces and the caret under the range", () => {
    const source = "A\u001b[31mred\u0007 :value[x]\there\u202e!\r\nsecond";
    const sources = new Map([["papers/01.md", source]]);
    const out = formatHuman([
      diagnostic({ line: 1, column: 12, endLine: 1, endColumn: 21 }),
      diagnostic({ line: 1, column: 2, endLine: 1, endColumn: 3, severity: "warn" }),
    ], { color: false, sources });
    expect(out).toBe([
      "papers/01.md:1:12  error  m  [ref-missing]",
      "  1 | A\\x1b[31mred\\x07 :value[x]  here\\u202e!",
      "    |                  ^^^^^^^^^",
      "",
      "papers/01.md:1:2  warn   m  [ref-missing]",
      "  1 | A\\x1b[31mred\\x07 :value[x]  here\\u202e!",
      "    |  ^^^^",
      "",
      "1 error, 1 warning",
      "",
    ].join("\n"));
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it("formats 100,000 diagnostics on one file (a report that rescanned the file for each would take minutes)", () => {
    const count = 100_000;
    const lines = Array.from({ length: count }, (_, i) => `Paragraph ${i} cites :value[missing-${i}] here.`);
    const sources = new Map([["papers/01.md", lines.join("\n")]]);
    const diagnostics = lines.map((_, i) => diagnostic({ line: i + 1, column: 22, endLine: i + 1, endColumn: 30 }));
    const out = formatHuman(diagnostics, { color: false, sources });
    const shown = out.split("\n");
    expect(shown).toHaveLength(4 * count + 2);
    expect(shown.slice(4 * (count - 1), 4 * count)).toEqual([
      "papers/01.md:100000:22  error  m  [ref-missing]",
      "  100000 | Paragraph 99999 cites :value[missing-99999] here.",
      "         |                      ^^^^^^^^",
      "",
    ]);
    expect(shown.at(-2)).toBe("100000 errors, 0 warnings");
  });
});

describe("LineIndex", () => {
  it("finds the same lines as splitting on \\r?\\n", () => {
    for (const text of ["", "one", "a\r\nb\nc", "a\n\nb\n", "cr at end\r", "lone\rcr\r\n", "\n"]) {
      const index = new LineIndex(text);
      const split = text.split(/\r?\n/);
      for (let line = 0; line <= split.length + 1; line++) expect(index.line(line), `${JSON.stringify(text)} line ${line}`).toBe(split[line - 1]);
    }
  });
});

describe("machine formats keep stdout machine-readable", () => {
  const errors = fixture("cli", "errors"); // 1 error (ref-missing), 2 warnings
  const out = mkdtempSync(join(tmpdir(), "papersmith-diagnostics-output-"));
  beforeAll(() => ensureCompiled());
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("report --format json prints only JSON on stdout for a project with errors", async () => {
    const run = await papersmith("report", errors, "--format", "json").run();
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ errors: 1, warnings: 2 });
  });

  it("report --format csv prints nothing on stdout for a project with errors, and the report on stderr", async () => {
    const run = await papersmith("report", errors, "--format", "csv").run();
    expect(run).toMatchObject({ code: 1, stdout: "" });
    expect(run.stderr).toContain("papers/01-first.md:9:9  error  ");
  });

  it("check and build --format json print only JSON on stdout", async () => {
    const check = await papersmith("check", errors, "--format", "json").run();
    expect(JSON.parse(check.stdout)).toMatchObject({ errors: 1, warnings: 2 });
    const build = await papersmith("build", errors, "--format", "json", "--html-only", "--out", out).run();
    expect(build.code).toBe(1);
    expect(JSON.parse(build.stdout)).toMatchObject({ errors: 1, warnings: 2 });
  });

  it("--format github names files relative to GITHUB_WORKSPACE", async () => {
    const run = await papersmith("check", errors, "--format", "github").env({ GITHUB_WORKSPACE: REPO }).run();
    expect(run.stdout).toMatch(/^::error file=test\/fixtures\/cli\/errors\/papers\/01-first\.md,line=9,col=9,/m);
  });
});
