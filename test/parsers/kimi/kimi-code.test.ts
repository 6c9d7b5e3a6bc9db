/**
Kimi Code's `usage.record` wire lines (fixtures/agents/kimi, ccusage's test
`loads_kimi_code_usage_record_format`): a `turn` record is a call, the `session` record that sums
the session is not; sub-agent files under `<session>/agents/<agent>/` belong to the session.
*/
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {zeroTokens} from '../../../source/core/tokens.js';
import {kimiParser} from '../../../source/parsers/kimi/index.js';
import {agentFixtures, scratchFolder} from '../../support/agents-oracle.js';
import {parseWith} from '../gemini/helpers.js';

describe('Kimi Code usage.record', () => {
	it('a turn record is one call in the session folder, priced as kimi-for-coding', async () => {
		const {calls, sessions} = await parseWith(kimiParser, {KIMI_DATA_DIR: path.join(agentFixtures, 'kimi')});
		const session = calls.filter(call => call.sessionId === 'workspace/session-b');
		expect(session.map(call => [call.time, call.model, call.tokens])).toEqual([
			[1782113184943, 'kimi-for-coding', {...zeroTokens(), input: 3064, output: 76, cacheRead: 14848, cacheWrite5m: 0}],
		]);
		expect(sessions.some(each => each.sessionId === 'workspace/session-b')).toBe(true);
	});

	it('a record without time is a missing-field diagnostic; a scope-less record counts', async () => {
		const root = scratchFolder('kimi');
		const folder = path.join(root, 'sessions', 'ws', 's1');
		mkdirSync(folder, {recursive: true});
		writeFileSync(
			path.join(folder, 'wire.jsonl'),
			[
				'{"type":"usage.record","model":"kimi-k2","usage":{"inputOther":1,"output":2}}',
				'{"type":"usage.record","model":"kimi-k2","usage":{"inputOther":10,"output":20},"time":1782113184943}',
			].join('\n'),
		);
		const {calls, diagnostics} = await parseWith(kimiParser, {KIMI_DATA_DIR: root});
		expect(calls.map(call => [call.model, call.tokens.input, call.tokens.output])).toEqual([['kimi-k2', 10, 20]]);
		expect(diagnostics.map(each => [each.kind, each.line])).toEqual([['missing-field', 1]]);
	});
});
