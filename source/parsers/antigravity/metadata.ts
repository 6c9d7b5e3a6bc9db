/**
Antigravity's stored protobuf messages, by field number (FORMATS.md §5.9; numbers as ccusage's
reader and its test data use them, which it recovered from the descriptors in Antigravity's
binary):

- `gen_metadata.data`: a message whose field 1 is the chat-model record: 3 model enum,
  4 `ModelUsageStats`, 9 generation info (its field 4 a timestamp), 17 retry infos (each's field 2
  a `ModelUsageStats`), 19 or 21 the model's display name.
- `steps.metadata` (`CortexStepMetadata`): 9 `ModelUsageStats`, 28 retry infos, 24 model info
  (1 model enum, 8 or 12 display name), 8 (else 1) a timestamp.
- `trajectory_metadata_blob.data`: 2 the conversation's timestamp.
- `ModelUsageStats`: 1 model enum, 2 input, 3 output (thinking included), 4 cache write,
  5 cache read, 7 message id, 9 thinking output, 10 response (visible) output, 11 response id,
  12 provider-assigned message id.
- A timestamp: 1 seconds, 2 nanoseconds.
*/
import {bytesAll, bytesOf, decodeFields, type ProtoField, textOf, varintOf} from './proto.js';

export type ModelUsage = {
	readonly modelEnum?: number;
	readonly input: number;
	readonly output: number;
	readonly cacheWrite: number;
	readonly cacheRead: number;
	readonly thinking: number;
	readonly visibleOutput: number;
	readonly messageId?: string;
	readonly responseId?: string;
	readonly providerMessageId?: string;
};

/** One record that may carry usage: a generation row or a step row. */
export type UsageRecord = {
	readonly modelName?: string;
	readonly modelEnum?: number;
	readonly usage?: ModelUsage;
	readonly retries: readonly ModelUsage[];
	/** Epoch ms, when the record names one. */
	readonly time?: number;
};

const positive = (value: number | undefined) => (value !== undefined && value > 0 ? value : undefined);

function modelUsage(bytes: Uint8Array): ModelUsage {
	const fields = decodeFields(bytes);
	const count = (number: number) => varintOf(fields, number) ?? 0;
	return {
		modelEnum: positive(varintOf(fields, 1)),
		input: count(2),
		output: count(3),
		cacheWrite: count(4),
		cacheRead: count(5),
		thinking: count(9),
		visibleOutput: count(10),
		messageId: textOf(fields, 7),
		responseId: textOf(fields, 11),
		providerMessageId: textOf(fields, 12),
	};
}

function retries(fields: readonly ProtoField[], number: number): ModelUsage[] {
	return bytesAll(fields, number).flatMap(retry => {
		const usage = bytesOf(decodeFields(retry), 2);
		return usage ? [modelUsage(usage)] : [];
	});
}

/** A `google.protobuf.Timestamp`-shaped message as epoch ms; undefined when unset. */
function timestamp(bytes: Uint8Array | undefined): number | undefined {
	if (!bytes) {
		return undefined;
	}

	const fields = decodeFields(bytes);
	const seconds = positive(varintOf(fields, 1));
	const nanos = Math.min(varintOf(fields, 2) ?? 0, 999_999_999);
	return seconds === undefined ? undefined : seconds * 1000 + Math.floor(nanos / 1_000_000);
}

export function generationRecord(blob: Uint8Array): UsageRecord {
	const chatModel = bytesOf(decodeFields(blob), 1);
	if (!chatModel) {
		return {retries: []};
	}

	const fields = decodeFields(chatModel);
	const usage = bytesOf(fields, 4);
	const generationInfo = bytesOf(fields, 9);
	return {
		modelName: textOf(fields, 19) ?? textOf(fields, 21),
		modelEnum: positive(varintOf(fields, 3)),
		...(usage ? {usage: modelUsage(usage)} : {}),
		retries: retries(fields, 17),
		time: generationInfo ? timestamp(bytesOf(decodeFields(generationInfo), 4)) : undefined,
	};
}

export function stepRecord(blob: Uint8Array): UsageRecord {
	const fields = decodeFields(blob);
	const usage = bytesOf(fields, 9);
	const modelInfo = bytesOf(fields, 24);
	const info = modelInfo ? decodeFields(modelInfo) : [];
	return {
		modelName: textOf(info, 12) ?? textOf(info, 8),
		modelEnum: positive(varintOf(info, 1)),
		...(usage ? {usage: modelUsage(usage)} : {}),
		retries: retries(fields, 28),
		time: timestamp(bytesOf(fields, 8) ?? bytesOf(fields, 1)),
	};
}

export function trajectoryTime(blob: Uint8Array): number | undefined {
	return timestamp(bytesOf(decodeFields(blob), 2));
}
