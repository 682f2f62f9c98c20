import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { removePendingWrites, writeFileAtomic } from "../src/render/write-atomic.js";

describe("writeFileAtomic on Ctrl-C (removePendingWrites)", () => {
  it("leaves no temporary file and no partial target when stopped with writes in flight, and refuses new ones", async () => {
    const dir = mkdtempSync(join(tmpdir(), "papersmith-write-atomic-"));
    const content = "x".repeat(256 * 1024);
    // Many writes handed to the file system at once, then the stop, before any has finished.
    const writes = Array.from({ length: 200 }, (_, i) => writeFileAtomic(join(dir, "sub", `${i}.html`), content));
    const outcomes = Promise.allSettled(writes);
    await removePendingWrites();
    const settled = await outcomes;
    expect(settled.some((s) => s.status === "rejected")).toBe(true);
    const files = readdirSync(join(dir, "sub"));
    expect(files.filter((f) => f.endsWith(".tmp"))).toEqual([]);
    for (const file of files) expect(readFileSync(join(dir, "sub", file), "utf8")).toBe(content);
    await expect(writeFileAtomic(join(dir, "late.html"), "late")).rejects.toThrow(/stopping/);
    expect(readdirSync(dir)).toEqual(["sub"]);
  });
});
