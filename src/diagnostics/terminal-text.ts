/**
 * Characters a terminal acts on instead of showing: C0 controls but tab, DEL, C1 controls
 * (ESC and CSI start escape sequences that recolour, move the cursor, retitle the window or
 * write hyperlinks; BEL rings; CR and LF would let a message fake further report lines), and
 * the bidirectional overrides and isolates, which reorder what is shown (Trojan Source).
 */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r" };

function escapeOne(char: string): string {
  const code = char.charCodeAt(0);
  return NAMED[char] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16)}`);
}

/**
 * Text from a source (a message, file name, suggestion or source line) made safe to write to
 * a terminal: every control character is shown as a visible escape (`\x1b`, `\n`, `\u202e`)
 * and tabs are kept, so what the source says is printed and never acted on.
 */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}
