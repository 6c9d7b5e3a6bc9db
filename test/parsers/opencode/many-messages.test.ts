/**
A heavy OpenCode user's database: 150,000 assistant messages in one file. Every one is a call
(the events were once collected with `push(...generator)`, which passes each as an argument
and overflows the stack past ~100k).
*/
import {mkdirSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadUsage} from '../../../source/pipeline/load.js';
import {createOpenCodeDatabase, insertSession} from '../../generate/opencode.js';

const messages = 150_000;

describe('OpenCode database with very many messages', () => {
	it('counts every message', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-opencode-many-'));
		mkdirSync(path.join(dir, 'opencode'));
		const database = createOpenCodeDatabase(path.join(dir, 'opencode', 'opencode.db'));
		insertSession(database, {id: 'ses_many', directory: '/home/dev/webapp', title: 'many', created: 1_760_000_000_000});
		// One statement generates the rows (a JS loop of 150k INSERTs through WASM takes far longer).
		database.exec(`
			WITH RECURSIVE counter(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM counter WHERE n < ${messages})
			INSERT INTO message (id, session_id, time_created, time_updated, data)
			SELECT printf('msg_%06d', n), 'ses_many', 1760000000000 + n * 1000, 1760000000000 + n * 1000,
				json_object('id', printf('msg_%06d', n), 'sessionID', 'ses_many', 'role', 'assistant', 'modelID', 'claude-sonnet-4-5',
					'providerID', 'anthropic', 'cost', 0, 'path', json_object('cwd', '/home/dev/webapp', 'root', '/home/dev/webapp'),
					'tokens', json_object('input', 10, 'output', 2, 'reasoning', 0, 'cache', json_object('read', 5, 'write', 0)),
					'time', json_object('created', 1760000000000 + n * 1000, 'completed', 1760000000000 + n * 1000 + 500))
			FROM counter;
		`);
		database.close();
		const result = await loadUsage({dataDirs: [dir], agents: ['opencode'], env: {}, home: '/nonexistent'});
		expect(result.diagnostics.total).toBe(0);
		expect(result.store.callCount).toBe(messages);
	}, 60_000);
});
