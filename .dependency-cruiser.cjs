/**
 * The stages' order, enforced: files → load → model → resolve → validate → render → print (→ docx → audit → release), with
 * the preview (server) and the commands (cli) on top. A stage never imports a later one, so data
 * flows one way. `npm test` runs this over the compiled lib/ (one file per src/ file, the same
 * folders) before the suite; type-only imports vanish in compiling and are not held to it.
 */
const stage = (name) => `^lib/${name}/`;
const later = {
  model: ["diagnostics", "config", "load", "schema", "resolve", "validate", "report", "render", "print", "docx", "audit", "release", "server", "cli"],
  diagnostics: ["config", "load", "schema", "resolve", "validate", "report", "render", "print", "docx", "audit", "release", "server", "cli"],
  config: ["load", "schema", "resolve", "validate", "report", "render", "print", "docx", "audit", "release", "server", "cli"],
  load: ["schema", "resolve", "validate", "report", "render", "print", "docx", "audit", "release", "server", "cli"],
  // The JSON Schemas are written from load's field definitions; only the commands use them.
  schema: ["resolve", "validate", "report", "render", "print", "docx", "audit", "release", "server", "cli"],
  resolve: ["load", "schema", "validate", "report", "render", "print", "docx", "audit", "release", "server", "cli"],
  validate: ["load", "schema", "report", "render", "print", "docx", "audit", "release", "server", "cli"],
  report: ["load", "schema", "validate", "render", "print", "docx", "audit", "release", "server", "cli"],
  render: ["load", "schema", "validate", "print", "docx", "audit", "release", "server", "cli"],
  print: ["load", "schema", "validate", "docx", "audit", "release", "server", "cli"],
  // The Word documents are made from what render makes of the series, beside the PDFs.
  docx: ["load", "schema", "validate", "print", "audit", "release", "server", "cli"],
  audit: ["load", "schema", "validate", "release", "server", "cli"],
  release: ["load", "schema", "validate", "audit", "server", "cli"],
  server: ["schema", "cli"],
};

module.exports = {
  forbidden: [
    ...Object.entries(later).map(([from, targets]) => ({
      name: `${from}-reaches-forward`,
      comment: `src/${from}/ must not import a later stage (${targets.join(", ")}).`,
      severity: "error",
      from: { path: stage(from) },
      to: { path: `^lib/(${targets.join("|")})/` },
    })),
    {
      name: "stage-imports-driver",
      comment: "No stage imports the build or check driver (src/build.ts, src/check.ts); the server and the commands may.",
      severity: "error",
      from: { path: "^lib/(model|diagnostics|config|load|schema|resolve|validate|report|render|print|docx|audit|release)/" },
      to: { path: "^lib/(build|check)\\.js$" },
    },
  ],
  // A cycle across stages needs a forward import, which the rules above forbid; inside a stage,
  // mutual recursion (Markdown rendering and the blocks it contains) is allowed.
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^lib/bundle/" },
  },
};
