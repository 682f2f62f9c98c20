/**
 * The stages' order, enforced: files → load → model → resolve → validate → render → print (→ audit → release), with
 * the preview (server) and the commands (cli) on top. A stage never imports a later one, so data
 * flows one way. `npm test` runs this over the compiled lib/ (one file per src/ file, the same
 * folders) before the suite; type-only imports vanish in compiling and are not held to it.
 */
const stage = (name) => `^lib/${name}/`;
const later = {
  model: ["diagnostics", "config", "load", "resolve", "validate", "report", "render", "print", "audit", "release", "server", "cli"],
  diagnostics: ["config", "load", "resolve", "validate", "report", "render", "print", "audit", "release", "server", "cli"],
  config: ["load", "resolve", "validate", "report", "render", "print", "audit", "release", "server", "cli"],
  load: ["resolve", "validate", "report", "render", "print", "audit", "release", "server", "cli"],
  resolve: ["load", "validate", "report", "render", "print", "audit", "release", "server", "cli"],
  validate: ["load", "report", "render", "print", "audit", "release", "server", "cli"],
  report: ["load", "validate", "render", "print", "audit", "release", "server", "cli"],
  render: ["load", "validate", "print", "audit", "release", "server", "cli"],
  print: ["load", "validate", "audit", "release", "server", "cli"],
  audit: ["load", "validate", "release", "server", "cli"],
  release: ["load", "validate", "audit", "server", "cli"],
  server: ["cli"],
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
      from: { path: "^lib/(model|diagnostics|config|load|resolve|validate|report|render|print|audit|release)/" },
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
