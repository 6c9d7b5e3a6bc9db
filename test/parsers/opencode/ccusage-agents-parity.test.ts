/**
OpenCode through the built CLI (empty HOME, `OPENCODE_DATA_DIR` at fixtures/agents/opencode)
against ccusage 20.0.24's stored daily report on the same files (a hand-written legacy message,
ccusage's loader tests: rows of opencode.db and opencode-beta.db, a legacy JSON twin). The
2024-12-01 day is equal; on 2026-01-02 we count two messages ccusage leaves out (parsers/FORMATS.md
§4.3).
*/
import {describe, expect, it} from 'vitest';
import {ccusageDaily, daysOf, ourExport, tokenColumns} from '../../support/agents-oracle.js';

describe('OpenCode: daily parity with ccusage 20.0.24 on fixtures/agents/opencode', async () => {
	const ours = daysOf(await ourExport('OPENCODE_DATA_DIR', 'opencode', 'opencode'));
	const theirs = ccusageDaily('opencode');

	it('the same days; 2024-12-01 (storage/message/test-project/msg_test001.json) equal', () => {
		expect(ours.map(day => day.date)).toEqual(['2024-12-01', '2026-01-02']);
		expect(theirs.map(day => day.date)).toEqual(['2024-12-01', '2026-01-02']);
		expect(tokenColumns(ours)[0]).toEqual(tokenColumns(theirs)[0]);
	});

	it('2026-01-02: ccusage reads one database and matches a JSON twin by id alone', () => {
		// Both: opencode.db rows db-msg-1 (120 / 60 / read 12 / write 24) and msg-1 (120 / 60); these
		// rows name no role, and carry tokens, so they are assistant messages.
		// Ours only: opencode-beta.db row channel-msg-1 (80 / 40): ccusage reads opencode.db and no
		// channel database when it exists; and storage/message/session-a/msg-1.json (100 / 50 /
		// read 10 / write 20): its id is the database row msg-1's, its content is not, and we match a
		// legacy copy to its database row by content.
		expect(tokenColumns(theirs)[1]).toEqual({
			date: '2026-01-02',
			inputTokens: 120 + 120,
			outputTokens: 60 + 60,
			cacheReadTokens: 12,
			cacheCreationTokens: 24,
		});
		expect(tokenColumns(ours)[1]).toEqual({
			date: '2026-01-02',
			inputTokens: 120 + 120 + 80 + 100,
			outputTokens: 60 + 60 + 40 + 50,
			cacheReadTokens: 12 + 10,
			cacheCreationTokens: 24 + 20,
		});
	});
});
