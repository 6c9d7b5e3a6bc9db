/**
One rule for every agent's folder variables (CLAUDE_CONFIG_DIR, CODEX_HOME, GEMINI_DATA_DIR,
…): one folder, one absolute spelling, so the parse cache and the roots never see it twice.
*/
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {foldersFromList} from '../../source/parsers/data-folders.js';
import {parsers} from '../../source/parsers/registry.js';

const home = '/home/u';

describe('foldersFromList', () => {
	it('resolves relative entries against the working folder', () => {
		expect(foldersFromList('claude', home)).toEqual([path.resolve(process.cwd(), 'claude')]);
		expect(foldersFromList('./data/../claude', home)).toEqual([path.resolve(process.cwd(), 'claude')]);
	});

	it('expands a leading ~ only', () => {
		expect(foldersFromList('~', home)).toEqual(['/home/u']);
		expect(foldersFromList('~/work/claude', home)).toEqual(['/home/u/work/claude']);
		expect(foldersFromList('/data/~/x', home)).toEqual(['/data/~/x']);
	});

	it('reads a comma list: trimmed, empties ignored, duplicates in any spelling kept once', () => {
		const relative = path.relative(process.cwd(), '/data/claude');
		expect(foldersFromList(` /data/claude , ,~/b,/data/claude/, ${relative} ,~/b/,`, home)).toEqual([
			'/data/claude',
			'/home/u/b',
		]);
	});

	it('drops trailing slashes', () => {
		expect(foldersFromList('/data/claude///', home)).toEqual(['/data/claude']);
	});

	it('gives nothing for an unset or blank variable', () => {
		expect(foldersFromList(undefined, home)).toEqual([]);
		expect(foldersFromList(' , ', home)).toEqual([]);
	});
});

describe('every parser reads its folder variable by that rule', () => {
	const variables = {
		claude: 'CLAUDE_CONFIG_DIR',
		codex: 'CODEX_HOME',
		gemini: 'GEMINI_DATA_DIR',
		opencode: 'OPENCODE_DATA_DIR',
		qwen: 'QWEN_DATA_DIR',
		amp: 'AMP_DATA_DIR',
		kimi: 'KIMI_DATA_DIR',
		pi: 'PI_AGENT_DIR',
		droid: 'DROID_SESSIONS_DIR',
		codebuff: 'CODEBUFF_DATA_DIR',
		copilot: 'COPILOT_HOME',
		grok: 'GROK_HOME',
		openclaw: 'OPENCLAW_DIR',
		hermes: 'HERMES_HOME',
		goose: 'GOOSE_PATH_ROOT',
		kilo: 'KILO_DATA_DIR',
		zcode: 'ZCODE_HOME',
		antigravity: 'ANTIGRAVITY_DATA_DIR',
		cline: 'CLINE_DATA_DIR',
		roo: 'ROO_CODE_DATA_DIR',
		kilocode: 'KILO_CODE_DATA_DIR',
	} as const;

	it.each(parsers.map(parser => [parser.id, parser] as const))('%s', (id, parser) => {
		const absolute = path.resolve('agent-data', id);
		const spellings = [path.join('agent-data', id), `./agent-data/${id}/`, absolute, `${absolute}/`].join(',');
		const roots = parser.roots({env: {[variables[id]]: spellings}, home, report: () => undefined});
		expect(roots).toEqual([absolute]);
	});
});
