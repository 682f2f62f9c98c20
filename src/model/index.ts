export type * from "./source.js";
export type * from "./entities.js";
export type * from "./series.js";
export type * from "./index-types.js";
export { CASE_STUDY_LIST_NAME, MAX_BLOCK_NESTING, SECTORS } from "./entities.js";
import "./mdast-data.js";
