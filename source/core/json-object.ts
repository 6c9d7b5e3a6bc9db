/**
The first step of every reader of untrusted JSON (agent files, the config file, remembered
views): a value is used as an object only when it is a plain JSON object, not null or an array.
*/
export function asRecord(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}
