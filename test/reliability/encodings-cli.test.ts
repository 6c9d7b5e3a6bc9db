/**
Transcripts saved in another Unicode encoding, end to end through the built CLI: a Claude Code
and a Codex folder whose every JSONL file was re-encoded as UTF-16LE or UTF-16BE with a byte
order mark (what a Windows editor or PowerShell's `>` writes), or as UTF-8 with one, give the
same totals, days and sessions as the UTF-8 originals, with no diagnostics.
*/
import {cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {publicFixtures, runJson} from '../support/cli.js';

const encodings = {
	utf8: (text: string) => Buffer.from(text, 'utf8'),
	'utf8 with BOM': (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
	'utf16le with BOM': (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
	'utf16be with BOM': (text: string) =>
		Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
} as const;

/** `<tmp>/claude` and `<tmp>/codex` copies of public samples, every `.jsonl` re-encoded. */
function dataDir(encode: (text: string) => Buffer): string {
	const data = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-encoding-'));
	cpSync(path.join(publicFixtures, 'claude-code', 'vibecodingtracker'), path.join(data, 'claude'), {recursive: true});
	cpSync(path.join(publicFixtures, 'codex', 'localpush'), path.join(data, 'codex'), {recursive: true});
	for (const name of readdirSync(data, {recursive: true, encoding: 'utf8'}).filter(file => file.endsWith('.jsonl'))) {
		const file = path.join(data, name);
		writeFileSync(file, encode(readFileSync(file, 'utf8')));
	}

	return data;
}

async function summary(encode: (text: string) => Buffer) {
	const document = await runJson(['--no-cache', '--no-ledger', '--data-dir', dataDir(encode)]);
	return {
		totals: document.totals,
		byAgent: document.byAgent,
		days: document.days,
		sessions: document.sessions,
		diagnostics: document.diagnostics.total,
	};
}

describe('JSONL files in other Unicode encodings (built CLI)', () => {
	let original: Awaited<ReturnType<typeof summary>>;
	beforeAll(async () => {
		original = await summary(encodings.utf8);
	});

	it.each(Object.keys(encodings).filter(name => name !== 'utf8') as Array<keyof typeof encodings>)(
		'%s gives the totals of the UTF-8 original',
		async name => {
			expect(original.totals.calls).toBeGreaterThan(100);
			expect(original.diagnostics).toBe(0);
			expect(await summary(encodings[name])).toEqual(original);
		},
	);
});
