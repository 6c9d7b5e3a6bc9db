/**
Property: whatever the lines say, the rollout state machine never throws, and every call it
emits either has finite, non-negative, integral token counts or is one core/limits.ts drops
(as parseOneFile does): a hostile file cannot poison a total.
*/
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {UsageEvent} from '../../../source/core/events.js';
import {eventProblem} from '../../../source/core/limits.js';
import {tokenKinds} from '../../../source/core/tokens.js';
import {RolloutState} from '../../../source/parsers/codex/rollout.js';

const number = fc.oneof(
	fc.integer({min: -5, max: 5_000_000}),
	fc.double(),
	fc.constant(null),
	fc.string({maxLength: 3}),
);
const usage = fc.record(
	{
		input_tokens: number,
		cached_input_tokens: number,
		output_tokens: number,
		reasoning_output_tokens: number,
		total_tokens: number,
	},
	{requiredKeys: []},
);
const timestamp = fc.oneof(
	fc.integer({min: 1_760_000_000_000, max: 1_760_000_100_000}).map(ms => new Date(ms).toISOString()),
	fc.constant('not a date'),
	fc.constant(undefined),
);
const payload = fc.oneof(
	fc.record({
		type: fc.constant('token_count'),
		info: fc.oneof(
			fc.constant(null),
			fc.record({total_token_usage: usage, last_token_usage: usage, model: fc.string()}, {requiredKeys: []}),
		),
	}),
	fc.record({type: fc.constant('user_message'), message: fc.oneof(fc.string(), fc.integer())}),
	fc.record({
		type: fc.constantFrom('function_call', 'custom_tool_call', 'local_shell_call'),
		name: fc.string(),
		arguments: fc.oneof(fc.string(), fc.json()),
		input: fc.string(),
	}),
	fc.record(
		{id: fc.string(), cwd: fc.oneof(fc.string(), fc.integer()), source: fc.jsonValue(), forked_from_id: fc.string()},
		{requiredKeys: []},
	),
	fc.jsonValue(),
);
const line = fc.oneof(
	fc
		.record({
			timestamp,
			type: fc.constantFrom('session_meta', 'turn_context', 'event_msg', 'response_item', 'compacted', 'other'),
			payload,
		})
		.map(entry => JSON.stringify(entry)),
	fc.string(),
);

describe('codex rollout robustness', () => {
	it('never throws, and keeps token counts sane on arbitrary lines once bounded', () => {
		fc.assert(
			fc.property(fc.array(line, {maxLength: 40}), texts => {
				const state = new RolloutState(
					{agent: 'codex', path: '/x/sessions/a.jsonl', root: '/x', size: 0, mtimeMs: 0, kind: 'jsonl'},
					() => {},
				);
				const events: UsageEvent[] = [];
				for (const [index, text] of texts.entries()) {
					events.push(...state.accept({text, number: index + 1, unterminated: index === texts.length - 1}));
				}

				state.finish();
				for (const event of events.filter(candidate => eventProblem(candidate) === undefined)) {
					if (event.type === 'call') {
						for (const kind of tokenKinds) {
							const value = event.tokens[kind];
							expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
						}

						expect(Number.isFinite(event.time)).toBe(true);
					}
				}
			}),
			{numRuns: 300, seed: 42},
		);
	});
});
