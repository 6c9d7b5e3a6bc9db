/**
Agent identifiers. The list order is the display order in filters and legends.
Adding an agent: add its id here, then one folder under `source/parsers/` and one line in
`source/parsers/registry.ts`.
*/
export const agentIds = [
	'claude',
	'codex',
	'gemini',
	'opencode',
	'qwen',
	'amp',
	'kimi',
	'pi',
	'droid',
	'codebuff',
	'copilot',
	'grok',
	'openclaw',
	'hermes',
	'goose',
	'kilo',
	'zcode',
	'antigravity',
	'cline',
	'roo',
	'kilocode',
] as const;
export type AgentId = (typeof agentIds)[number];

export const agentLabels: Record<AgentId, string> = {
	claude: 'Claude Code',
	codex: 'Codex',
	gemini: 'Gemini CLI',
	opencode: 'OpenCode',
	qwen: 'Qwen Code',
	amp: 'Amp',
	kimi: 'Kimi CLI',
	pi: 'Pi',
	droid: 'Droid',
	codebuff: 'Codebuff',
	copilot: 'Copilot CLI',
	grok: 'Grok Build',
	openclaw: 'OpenClaw',
	hermes: 'Hermes Agent',
	goose: 'Goose',
	kilo: 'Kilo CLI',
	zcode: 'Z Code',
	antigravity: 'Antigravity',
	cline: 'Cline',
	roo: 'Roo Code',
	kilocode: 'Kilo Code',
};

export function isAgentId(value: string): value is AgentId {
	return (agentIds as readonly string[]).includes(value);
}
