/**
A Claude Code transcript whose data strings carry terminal escape sequences, in every field
that reaches the screen: the cwd (project name), the session title, the prompt, the model,
a tool name and a file path. Each is a real attack: OSC 0 renames the window, OSC 52 writes
the clipboard, OSC 8 plants a link, CSI clears and recolours the screen, `ESC[?1049l` leaves
the alternate screen, U+009B is the one-byte (C1) CSI and U+202E reverses the text after it.
*/
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';

const esc = '\u001B';
const bel = '\u0007';

export const hostile = {
	/** The cwd's last segment becomes the project name. */
	cwd: `/home/dev/src/shop${esc}]0;PWNED-TITLE${bel}`,
	title: `Stripe ${esc}]8;;https://evil.example/${bel}checkout${esc}]8;;${bel} \u202Egnp.exe`,
	prompt: `Add checkout ${esc}[2J${esc}[H${esc}[41mRED${esc}[0m ${esc}[?1049l to the cart page`,
	/** Vague in the insight's sense (its words: continue, k, k, ok): ESC[K and C1 CSI K erase the line. */
	vaguePrompt: `continue${esc}[K\u009BK ok\u202E`,
	model: `claude-opus-4-6${esc}]2;MODEL-TITLE${bel}`,
	tool: `Read\u009B31mRED`,
	/** OSC 52: put `pwned` (base64 cHduZWQ=) on the clipboard. */
	file: `/home/dev/src/shop/cart${esc}]52;c;cHduZWQ=${bel}.ts`,
	/** A transcript file name (a diagnostic quotes it): OSC 2 renames the window. */
	brokenFile: `broken${esc}]2;FILE-TITLE${bel}.jsonl`,
} as const;

/** Every control character a terminal could act on: C0 (but newline), DEL, C1 and the bidi controls. */
export const rawControl = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

function line(fields: Record<string, unknown>): string {
	return JSON.stringify(fields);
}

const common = {
	isSidechain: false,
	userType: 'external',
	cwd: hostile.cwd,
	sessionId: 'hostile-session',
	version: '2.1.39',
	gitBranch: 'main',
	entrypoint: 'cli',
};

/** A human prompt and the one API call that answers it (reading `hostile.file`). */
function turn(id: string, minute: string, prompt: string, cacheRead: number): string[] {
	return [
		line({
			...common,
			parentUuid: null,
			type: 'user',
			message: {role: 'user', content: prompt},
			uuid: `u${id}`,
			timestamp: `2026-02-12T16:${minute}:00.000Z`,
		}),
		line({
			...common,
			parentUuid: `u${id}`,
			type: 'assistant',
			requestId: `req_${id}`,
			uuid: `a${id}`,
			timestamp: `2026-02-12T16:${minute}:05.000Z`,
			message: {
				model: hostile.model,
				id: `msg_${id}`,
				type: 'message',
				role: 'assistant',
				content: [{type: 'tool_use', id: `toolu_${id}`, name: hostile.tool, input: {file_path: hostile.file}}],
				stop_reason: 'tool_use',
				usage: {
					input_tokens: 3,
					cache_creation_input_tokens: 8216,
					cache_read_input_tokens: cacheRead,
					cache_creation: {ephemeral_5m_input_tokens: 8216, ephemeral_1h_input_tokens: 0},
					output_tokens: 311,
					service_tier: 'standard',
				},
			},
		}),
	];
}

/**
Writes `<dir>/claude/projects/<project>/hostile.jsonl` (read it with `--data-dir <dir>`): a title
and two turns of one API call each: `hostile.prompt` (the larger, listed first), then
`hostile.vaguePrompt` in a long context, which the vague-prompts insight quotes. Next to it
`hostile.brokenFile`, whose malformed line is reported as a diagnostic naming the file.
*/
export function writeHostileClaudeData(dir: string): void {
	const folder = path.join(dir, 'claude', 'projects', '-home-dev-src-shop');
	mkdirSync(folder, {recursive: true});
	const lines = [
		line({type: 'summary', summary: hostile.title, leafUuid: 'a1'}),
		...turn('1', '01', hostile.prompt, 150_000),
		...turn('2', '05', hostile.vaguePrompt, 60_000),
	];
	writeFileSync(path.join(folder, 'hostile.jsonl'), `${lines.join('\n')}\n`);
	writeFileSync(path.join(folder, hostile.brokenFile), '{"type":"user","message":{"role":"user"\n');
}
