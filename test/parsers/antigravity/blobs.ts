/**
Writes Antigravity's protobuf blobs for tests, with the field numbers of FORMATS.md §5.9
(source/parsers/antigravity/metadata.ts): varints and length-delimited fields only.
*/
function varint(value: number): number[] {
	const bytes: number[] = [];
	let rest = value;
	while (rest >= 0x80) {
		bytes.push((rest % 0x80) | 0x80);
		rest = Math.floor(rest / 0x80);
	}

	bytes.push(rest);
	return bytes;
}

export type Field = readonly [number, number | string | Uint8Array | undefined];

/** One message: varint fields for numbers, length-delimited for texts and nested messages. */
export function message(...fields: readonly Field[]): Uint8Array {
	const bytes: number[] = [];
	for (const [number, value] of fields) {
		if (value === undefined) {
			continue;
		}

		if (typeof value === 'number') {
			bytes.push(...varint(number * 8), ...varint(value));
		} else {
			const payload = typeof value === 'string' ? new TextEncoder().encode(value) : value;
			bytes.push(...varint(number * 8 + 2), ...varint(payload.length), ...payload);
		}
	}

	return Uint8Array.from(bytes);
}

export type Usage = {
	modelEnum?: number;
	input?: number;
	output?: number;
	cacheWrite?: number;
	cacheRead?: number;
	thinking?: number;
	visible?: number;
	messageId?: string;
	responseId?: string;
	providerId?: string;
};

export function usageStats(usage: Usage): Uint8Array {
	return message(
		[1, usage.modelEnum],
		[2, usage.input],
		[3, usage.output],
		[4, usage.cacheWrite],
		[5, usage.cacheRead],
		[7, usage.messageId],
		[9, usage.thinking],
		[10, usage.visible],
		[11, usage.responseId],
		[12, usage.providerId],
	);
}

const timestamp = (ms: number) => message([1, Math.floor(ms / 1000)], [2, (ms % 1000) * 1_000_000]);
const retry = (usage: Usage) => message([2, usageStats(usage)]);

export function generationBlob(options: {name?: string; usage?: Usage; time?: number; retries?: Usage[]}): Uint8Array {
	const chatModel = message(
		[4, options.usage ? usageStats(options.usage) : undefined],
		[9, options.time === undefined ? undefined : message([4, timestamp(options.time)])],
		...(options.retries ?? []).map((usage): Field => [17, retry(usage)]),
		[19, options.name],
	);
	return message([1, chatModel]);
}

export function stepBlob(options: {
	name?: string;
	modelEnum?: number;
	usage?: Usage;
	time?: number;
	retries?: Usage[];
}): Uint8Array {
	return message(
		[8, options.time === undefined ? undefined : timestamp(options.time)],
		[9, options.usage ? usageStats(options.usage) : undefined],
		[24, options.name || options.modelEnum ? message([1, options.modelEnum], [12, options.name]) : undefined],
		...(options.retries ?? []).map((usage): Field => [28, retry(usage)]),
	);
}

export function trajectoryBlob(time: number): Uint8Array {
	return message([2, timestamp(time)]);
}

export const antigravitySchema = `CREATE TABLE gen_metadata (idx INTEGER PRIMARY KEY, data BLOB NOT NULL);
	CREATE TABLE steps (idx INTEGER PRIMARY KEY, metadata BLOB);
	CREATE TABLE trajectory_metadata_blob (data BLOB)`;
