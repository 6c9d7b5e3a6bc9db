/**
Model names for Antigravity usage (FORMATS.md §5.9). Antigravity stores a display name
("Gemini 3 Pro", "Gemini 3.6 Flash (High)") or only a numeric model enum. A display name becomes
an API-style id: lowercased, the thinking level in parentheses and a "thinking" suffix dropped
(the level changes how much is generated, not the price per token), spaces as dashes. Enum values
are those ccusage's reader names (from Antigravity's own descriptors); the rest stay
`antigravity-model-<n>`, unpriced.
*/

const enumModels: ReadonlyMap<number, string> = new Map([
	[246, 'gemini-2.5-pro'],
	[312, 'gemini-2.5-flash'],
	[313, 'gemini-2.5-flash'],
	[329, 'gemini-2.5-flash'],
	[330, 'gemini-2.5-flash-lite'],
	[281, 'claude-sonnet-4-20250514'],
	[282, 'claude-sonnet-4-20250514'],
	[290, 'claude-opus-4-20250514'],
	[291, 'claude-opus-4-20250514'],
	[333, 'claude-sonnet-4-5'],
	[334, 'claude-sonnet-4-5'],
	[340, 'claude-haiku-4-5'],
	[341, 'claude-haiku-4-5'],
	[342, 'gpt-oss-120b'],
	[1071, 'gemini-3.6-flash'],
	[1072, 'gemini-3.6-flash'],
	[1073, 'gemini-3.6-flash'],
	[1298, 'gemini-3.7-flash'],
	[1299, 'gemini-3.7-flash'],
	[1300, 'gemini-3.7-flash'],
	[1318, 'gemini-3.8-flash'],
	[1319, 'gemini-3.8-flash'],
	[1320, 'gemini-3.8-flash'],
]);

export function modelFromEnum(value: number): string {
	return enumModels.get(value) ?? `antigravity-model-${value}`;
}

export function modelFromName(name: string): string | undefined {
	const id = name
		.trim()
		.toLowerCase()
		.replace(/\([^)]*\)/g, ' ')
		.replace(/\bthinking\b/g, ' ')
		.trim()
		.replace(/\s+/g, '-');
	return id || undefined;
}
