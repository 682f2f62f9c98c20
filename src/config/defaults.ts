import type { BuildOptions } from "../model/index.js";

/** The name of the file that makes a folder a papersmith project. */
export const CONFIG_FILE = "papersmith.yaml";

/** Defaults for what papersmith.yaml may leave out (see docs/reference.md#files). */
export const DEFAULT_LANGUAGE = "en-GB";
export const DEFAULT_BUILD: BuildOptions = { outDir: "dist", pdf: { format: "A4", combined: true }, baseUrl: "/" };
export const MAX_PARTNERS = 4;

/** Paper sizes Chromium prints (puppeteer's named formats). */
export const PAPER_FORMATS = ["A0", "A1", "A2", "A3", "A4", "A5", "A6", "Letter", "Legal", "Tabloid", "Ledger"] as const;
