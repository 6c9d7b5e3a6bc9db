/** The demo generator writes a database the parser reads back call for call, deterministically. */
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {expect, it} from 'vitest';
import {opencodeParser} from '../../../source/parsers/opencode/index.js';
import {generateOpenCodeDatabase} from '../../generate/opencode.js';
import {dedupe, parseWith} from '../gemini/helpers.js';

it('generateOpenCodeDatabase: same seed, same rows; parser sees every generated call', async () => {
	const [a, b] = [mkdtempSync(path.join(os.tmpdir(), 'ocgen-')), mkdtempSync(path.join(os.tmpdir(), 'ocgen-'))];
	const options = {seed: 7, sessions: 6, startDay: '2026-03-01', days: 5};
	const {calls} = await generateOpenCodeDatabase(a, options);
	await generateOpenCodeDatabase(b, options);
	expect(readFileSync(path.join(a, 'opencode.db')).equals(readFileSync(path.join(b, 'opencode.db')))).toBe(true);
	const parsed = await parseWith(opencodeParser, {OPENCODE_DATA_DIR: a});
	expect(parsed.diagnostics).toEqual([]);
	expect(dedupe(parsed.calls)).toHaveLength(calls.length);
	const sum = (list: number[]) => list.reduce((x, y) => x + y, 0);
	expect(sum(parsed.calls.map(c => c.tokens.output))).toBe(sum(calls.map(c => c.output + c.reasoning)));
	rmSync(a, {recursive: true});
	rmSync(b, {recursive: true});
});
