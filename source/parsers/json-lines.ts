/**
The JSON objects of a JSONL file, for the parsers that decode every line they keep (Qwen, Pi,
Kimi, Copilot, Grok, OpenClaw, Gemini's `.jsonl`): one loop, so what is skipped is reported the
same way everywhere. A line that is not a JSON object is a `malformed-line`, or a `partial-line`
when it is the unterminated last line (usually still being written); a line too long to decode
is reported by `reportOversized`.
*/
import {reportOversized} from './oversized.js';
import {parseJsonObject, readLines} from './read-lines.js';
import type {ParseContext, SourceFile} from './types.js';

export type JsonLine = {readonly record: Record<string, unknown>; readonly number: number};

export async function* readJsonLines(
	file: Pick<SourceFile, 'agent' | 'path'>,
	context: Pick<ParseContext, 'report' | 'onBytes'>,
	markers?: readonly string[],
): AsyncGenerator<JsonLine> {
	const lines = readLines(file.path, {
		markers,
		onBytes: context.onBytes,
		onOversized: reportOversized(context.report, file.agent, file.path),
	});
	for await (const line of lines) {
		const record = parseJsonObject(line.text);
		if (record) {
			yield {record, number: line.number};
		} else {
			const kind = line.unterminated ? 'partial-line' : 'malformed-line';
			context.report({kind, agent: file.agent, file: file.path, line: line.number, message: 'not a JSON object'});
		}
	}
}
