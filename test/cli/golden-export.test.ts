/**
The export document's shape is frozen once released: this golden file locks every field name
and value on a small real sample (Claude Code 1.0.95, vibecodingtracker). An intended format
change updates it with `vitest -u` and bumps `version` (minor for additions). It is the whole
document (`--depth call`, every API call), not the session-deep default.
*/
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {publicFixtures, runCli} from '../support/cli.js';

describe('export document golden file', () => {
	it('matches fixtures/golden/export-vibecodingtracker.json', async () => {
		const result = await runCli(['--json', '--depth', 'call', '--timezone', 'UTC', '--no-cache'], {
			CLAUDE_CONFIG_DIR: path.join(publicFixtures, 'claude-code/vibecodingtracker'),
		});
		expect(result.code).toBe(0);
		const document = JSON.parse(result.stdout);
		// The only volatile fields: when it ran, and the package version that wrote it.
		document.generatedAt = '<generatedAt>';
		document.generator.version = '<version>';
		await expect(JSON.stringify(document, null, '\t') + '\n').toMatchFileSnapshot(
			'../../fixtures/golden/export-vibecodingtracker.json',
		);
	});
});
