/**
Text from agent data made safe to show in a terminal. Project names, prompts, model and tool
names, file paths and titles come from files any program can write, and a terminal obeys the
control characters in them: OSC 52 writes the clipboard, OSC 0 renames the window, CSI clears
or recolours the screen, `ESC[?1049l` leaves the alternate screen. So every such character is
shown as a visible stand-in instead of being sent.

Where it applies (one call per boundary, not per field): the TUI where it fits a line to the
screen (list rows, header, line panes, insights pane, footer, loading error, OTLP pane), the
CLI's stderr writer, the status line, and the JSON export, where each value is escaped as it is
serialised (`jsonString` for a string, `inertJson` for the text of a small object). The tree
keeps the raw values, so the export and the filters see exactly what the agent wrote.
*/

/**
C0 controls and DEL (`\x00`–`\x1f`, `\x7f`), C1 controls (U+0080–U+009F: U+009B is a
one-character CSI) and the bidi embeddings, overrides and isolates (U+202A–U+202E,
U+2066–U+2069), which reorder the text after them and can make a name read as another.
*/
const controls = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** What JSON.stringify leaves raw but a terminal could act on: the same set without C0, plus U+2028/U+2029. */
const rawInJson = /[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
/** The same set, for a stateless test (a `g` regex's `test` would carry `lastIndex` between calls). */
const hasRawInJson = /[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

function unicodeEscape(char: string): string {
	return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
C0 and DEL become their Unicode control pictures (`␛` for ESC, `␇` for BEL, `␡` for DEL):
one cell each, so widths, wrapping and truncation stay exact. C1 and bidi controls have no
picture and are written `\u009b`, as `--json` writes them.
*/
function visible(char: string): string {
	const code = char.charCodeAt(0);
	if (code < 0x20) {
		return String.fromCharCode(0x24_00 + code);
	}

	return code === 0x7f ? '\u2421' : unicodeEscape(char);
}

/** `text` with every terminal control character shown visibly instead (see `visible`). */
export function inertText(text: string): string {
	return text.replace(controls, visible);
}

/**
JSON text (from JSON.stringify, which escapes C0 but not C1 or the bidi controls) with those
characters written as `\u009b` escapes. They occur only inside strings, where the escape
parses to the same character: the document means the same and is inert in a terminal.
*/
export function inertJson(json: string): string {
	// Most text has none: a test allocates nothing, a replace with no match still builds its result.
	return hasRawInJson.test(json) ? json.replace(rawInJson, unicodeEscape) : json;
}

/**
`JSON.stringify(value)` for a string, inert: the way a string from data enters the export
document. Escaping each value as it is serialised, rather than the whole document as it is
written, scans only the strings (model names, ids, paths: mostly short ASCII that the test
passes over), not the numbers and keys that make most of a `--depth call` document.
*/
export function jsonString(value: string): string {
	const json = JSON.stringify(value);
	return hasRawInJson.test(value) ? json.replace(rawInJson, unicodeEscape) : json;
}
