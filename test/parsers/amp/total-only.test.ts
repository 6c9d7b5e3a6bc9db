/**
Records that report only a total ("this response used N tokens") and none of the parts, from
ccusage's own tests (fixtures/agents, PROVENANCE.md): Amp (ledger `tokens.total`, message
`usage.totalTokens`), Pi (`usage.totalTokens`), Kimi CLI (`token_usage.total`) and Qwen Code
(`usageMetadata.totalTokenCount`). The total is booked as output, as ccusage 20.0.24 does, never
dropped (parsers/FORMATS.md §0); when parts are present the total is ignored.
*/
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {withTotalOnly, zeroTokens} from '../../../source/core/tokens.js';
import {ampParser} from '../../../source/parsers/amp/index.js';
import {kimiParser} from '../../../source/parsers/kimi/index.js';
import {piParser} from '../../../source/parsers/pi/index.js';
import {qwenParser} from '../../../source/parsers/qwen/index.js';
import {agentFixtures} from '../../support/agents-oracle.js';
import {parseWith} from '../gemini/helpers.js';

const outputOnly = (output: number) => ({...zeroTokens(), output});

describe('total-only usage records are booked as output', () => {
	it('Amp: a ledger event with tokens.total only, a message usage with totalTokens only', async () => {
		const {calls} = await parseWith(ampParser, {AMP_DATA_DIR: path.join(agentFixtures, 'amp')});
		const of = (thread: string) => calls.filter(call => call.sessionId === thread).map(call => call.tokens);
		expect(of('T-ledger-total-only')).toEqual([outputOnly(345)]);
		expect(of('T-messages-total-only')).toEqual([outputOnly(345)]);
	});

	it('Pi: an assistant message whose usage is {totalTokens: 333}', async () => {
		const {calls} = await parseWith(piParser, {PI_AGENT_DIR: path.join(agentFixtures, 'pi', 'sessions')});
		const call = calls.find(each => each.sessionId === 'agent_session-a');
		expect(call?.tokens).toEqual(outputOnly(333));
	});

	it('Kimi CLI: a StatusUpdate whose token_usage is {total: 432}', async () => {
		const {calls} = await parseWith(kimiParser, {KIMI_DATA_DIR: path.join(agentFixtures, 'kimi')});
		expect(calls.filter(call => call.sessionId === 'group/session-total').map(call => call.tokens)).toEqual([
			outputOnly(432),
		]);
	});

	it('Qwen Code: a usageMetadata of {totalTokenCount: 321}', async () => {
		const {calls} = await parseWith(qwenParser, {QWEN_DATA_DIR: path.join(agentFixtures, 'qwen')});
		expect(calls.filter(call => call.tokens.output === 321).map(call => call.tokens)).toEqual([outputOnly(321)]);
	});

	it('parts win over the total; a zero or missing total leaves an empty record empty', () => {
		expect(withTotalOnly({...zeroTokens(), input: 5, output: 2}, 99)).toEqual({...zeroTokens(), input: 5, output: 2});
		expect(withTotalOnly(zeroTokens(), 0)).toEqual(zeroTokens());
		expect(withTotalOnly(zeroTokens(), undefined)).toEqual(zeroTokens());
		expect(withTotalOnly(zeroTokens(), 'lots')).toEqual(zeroTokens());
	});
});
