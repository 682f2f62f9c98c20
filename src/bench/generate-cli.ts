import { generateSeries } from "./generate-series.js";

/** `node lib/bench/generate-cli.js DIR PAPERS CASES SESSIONS`: write a synthetic series. */
const [dir, papers = "50", cases = "200", sessions = "20"] = process.argv.slice(2);
if (!dir) {
  process.stderr.write("usage: node lib/bench/generate-cli.js DIR [PAPERS] [CASE_STUDIES] [SESSIONS]\n");
  process.exit(2);
}
await generateSeries(dir, { papers: Number(papers), caseStudies: Number(cases), sessions: Number(sessions) });
