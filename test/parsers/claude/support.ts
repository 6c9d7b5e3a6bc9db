/**
Writes small Claude Code transcripts in the real 2.1.x line shapes into a temp root and runs
the parser, store and builder over them.
*/
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {Diagnostic} from '../../../source/core/diagnostics.js';
import type {UsageEvent} from '../../../source/core/events.js';
import {buildTree} from '../../../source/model/build.js';
import {UsageStore} from '../../../source/model/store.js';
import {claudeParser} from '../../../source/parsers/claude/index.js';
import {createPricer} from '../../../source/pricing/index.js';

export function claudeRoot(files: Record<string, string | unknown[]>): string {
	const root = mkdtempSync(path.join(tmpdir(), 'agent-ncdu-claude-'));
	for (const [relative, content] of Object.entries(files)) {
		const file = path.join(root, 'projects', relative);
		mkdirSync(path.dirname(file), {recursive: true});
		writeFileSync(
			file,
			typeof content === 'string' ? content : content.map(line => JSON.stringify(line)).join('\n') + '\n',
		);
	}

	return root;
}

export async function parseRoot(root: string) {
	const diagnostics: Diagnostic[] = [];
	const context = {env: {}, home: '/nonexistent', report: (d: Diagnostic) => diagnostics.push(d)};
	const files = (await claudeParser.discover(root, context)).sort((a, b) => a.path.localeCompare(b.path));
	const events: UsageEvent[] = [];
	for (const file of files) {
		for await (const event of claudeParser.parse(file, {report: context.report})) {
			events.push(event);
		}
	}

	const store = new UsageStore().addAll(events);
	const model = buildTree(store, {timezone: 'UTC', pricer: createPricer()});
	return {files, events, diagnostics, store, model};
}

let counter = 0;

export function assistant(options: {
	session?: string;
	id?: string | null;
	request?: string | null;
	time?: string;
	model?: string;
	input?: number;
	output?: number;
	read?: number;
	write5m?: number;
	write1h?: number;
	content?: unknown[];
	sidechain?: boolean;
	parent?: string;
	extra?: Record<string, unknown>;
}) {
	const uuid = `a-${++counter}`;
	return {
		parentUuid: options.parent ?? null,
		isSidechain: options.sidechain ?? false,
		userType: 'external',
		cwd: '/home/dev/src/shop',
		sessionId: options.session ?? 'S1',
		version: '2.1.39',
		gitBranch: 'main',
		message: {
			model: options.model ?? 'claude-sonnet-4-5-20250929',
			...(options.id === null ? {} : {id: options.id ?? `msg_${counter}`}),
			type: 'message',
			role: 'assistant',
			content: options.content ?? [{type: 'text', text: 'ok'}],
			usage: {
				input_tokens: options.input ?? 10,
				cache_creation_input_tokens: (options.write5m ?? 0) + (options.write1h ?? 0),
				cache_read_input_tokens: options.read ?? 100,
				cache_creation: {
					ephemeral_5m_input_tokens: options.write5m ?? 0,
					ephemeral_1h_input_tokens: options.write1h ?? 0,
				},
				output_tokens: options.output ?? 20,
			},
		},
		...(options.request === null ? {} : {requestId: options.request ?? `req_${counter}`}),
		type: 'assistant',
		uuid,
		timestamp: options.time ?? '2026-02-12T10:00:00.000Z',
		...options.extra,
	};
}

export function user(
	content: unknown,
	options: {session?: string; time?: string; uuid?: string; extra?: Record<string, unknown>} = {},
) {
	return {
		parentUuid: null,
		isSidechain: false,
		userType: 'external',
		cwd: '/home/dev/src/shop',
		sessionId: options.session ?? 'S1',
		version: '2.1.39',
		type: 'user',
		message: {role: 'user', content},
		uuid: options.uuid ?? `u-${++counter}`,
		timestamp: options.time ?? '2026-02-12T09:59:00.000Z',
		...options.extra,
	};
}
