/**
The one diagnostic for a line too long to decode (read-lines.ts skips it unread): every
line-oriented parser passes this as `onOversized`, so a skipped giant line is always counted.
*/
import type {AgentId} from '../core/agents.js';
import type {DiagnosticSink} from '../core/diagnostics.js';

export function reportOversized(
	report: DiagnosticSink,
	agent: AgentId,
	file: string,
): (line: number, bytes: number) => void {
	return (line, bytes) =>
		report({kind: 'malformed-line', agent, file, line, message: `line of ${bytes} bytes is too long; skipped`});
}
