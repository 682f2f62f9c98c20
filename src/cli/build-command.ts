import type { Command } from "commander";

/** `papersmith build [dir]`: registered once the render and print stages land. */
export function registerBuild(_program: Command, _setExit: (code: number) => void): void {}
