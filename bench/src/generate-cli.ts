import { generateRealisticSeries } from "./generate-realistic.js";
import { generateSeries } from "./generate-series.js";

/**
 * `node bench/lib/generate-cli.js [--realistic] DIR PAPERS CASES SESSIONS`: write a synthetic
 * series, of plain prose or (--realistic) of prose with the markup real papers have.
 */
const args = process.argv.slice(2);
const realistic = args[0] === "--realistic";
const [dir, papers = "50", cases = "200", sessions = "20"] = realistic ? args.slice(1) : args;
if (!dir) {
  process.stderr.write("usage: node bench/lib/generate-cli.js [--realistic] DIR [PAPERS] [CASE_STUDIES] [SESSIONS]\n");
  process.exit(2);
}
const size = { papers: Number(papers), caseStudies: Number(cases), sessions: Number(sessions) };
await (realistic ? generateRealisticSeries : generateSeries)(dir, size);
