import { spawn } from "node:child_process";

/** Opens `url` in the desktop's browser (`--open`); a failure is only reported, never fatal. */
export function openBrowser(url: string, onFailure: (message: string) => void): void {
  const [command, args] = process.platform === "darwin" ? ["open", [url]]
    : process.platform === "win32" ? ["cmd", ["/c", "start", "", url]]
    : ["xdg-open", [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: "ignore" });
    child.on("error", (error) => onFailure(`Could not open a browser (${command}): ${error.message}. Open ${url} yourself.`));
    child.unref();
  } catch (error) {
    onFailure(`Could not open a browser: ${error instanceof Error ? error.message : String(error)}. Open ${url} yourself.`);
  }
}
