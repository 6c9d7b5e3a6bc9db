/**
OpenCode message rows that name no `role` but carry `tokens` (ccusage's test rows in
fixtures/agents/opencode/opencode.db: `db-msg-1`, `msg-1`; `opencode-beta.db`: `channel-msg-1`) are
assistant messages: only assistant messages carry tokens. A message of another role never counts.
*/
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {zeroTokens} from '../../../source/core/tokens.js';
import {callFromMessage} from '../../../source/parsers/opencode/message.js';
import {opencodeParser} from '../../../source/parsers/opencode/index.js';
import {agentFixtures} from '../../support/agents-oracle.js';
import {parseWith} from '../gemini/helpers.js';

describe('OpenCode messages without a role', () => {
	it('database rows without role are calls', async () => {
		const {calls} = await parseWith(opencodeParser, {OPENCODE_DATA_DIR: path.join(agentFixtures, 'opencode')});
		const rows = calls
			.filter(call => call.callId !== 'msg_test001')
			.map(call => [call.callId, call.sessionId, call.tokens.input, call.tokens.output, call.reportedCostUSD])
			.sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1])));
		expect(rows).toEqual([
			['channel-msg-1', 'channel-session-a', 80, 40, undefined],
			['db-msg-1', 'db-session-a', 120, 60, 0.03],
			['msg-1', 'db-session-a', 120, 60, 0.03],
			['msg-1', 'session-a', 100, 50, 0.02],
		]);
	});

	it('a role other than assistant never counts, even with tokens', () => {
		const data = {time: {created: 1767312000000}, tokens: {input: 5, output: 1}};
		const context = {id: 'm', sessionId: 's'};
		expect(callFromMessage({...data, role: 'user'}, context, [])).toBeUndefined();
		expect(callFromMessage(data, {...context, role: 'user'}, [])).toBeUndefined();
		expect(callFromMessage(data, context, [])?.tokens).toEqual({...zeroTokens(), input: 5, output: 1});
		expect(callFromMessage({time: {created: 1}}, context, [])).toBeUndefined();
	});
});
