/**
One pack file on disk: the fingerprints of many source files, their events in columns
(codec.ts) and the diagnostics parsing them gave. Written atomically and privately
(durable-file.ts), so a crash never leaves half a pack; read back only when its SHA-1 (the
first 20 bytes: ~25 ms for a year of usage) and every structural check pass, so even a flipped
bit in a token count is caught rather than trusted.
*/
import {createHash, randomUUID} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {deserialize, serialize} from 'node:v8';
import type {Diagnostic} from '../../core/diagnostics.js';
import {writeFileAtomic} from '../durable-file.js';
import type {PackColumns, PackRange} from './codec.js';

/** Bump when the pack layout, any event/diagnostic shape or any parser's output changes. */
export const packFormatVersion = 4;
const magic = 'agent-ncdu-pack';
const digestLength = 20;

/** What identifies one version of a source file. */
export type Fingerprint = {
	readonly path: string;
	readonly size: number;
	readonly mtimeMs: number;
	readonly ino: number;
	readonly ctimeMs: number;
};

export type PackedFile = Fingerprint & {
	readonly range: PackRange;
	readonly diagnostics: readonly Diagnostic[];
};

export type Pack = PackColumns & {
	readonly magic: typeof magic;
	readonly version: number;
	/** The release that parsed these files: a new release never trusts an old one's parse. */
	readonly parserVersion: string;
	/** Which set of files this pack covers (agent, data root, scope). */
	readonly group: string;
	readonly id: string;
	/** For a delta pack: the base pack it amends. */
	readonly baseId?: string;
	readonly files: readonly PackedFile[];
	/** For a delta pack: files of the base that no longer exist. */
	readonly removed: readonly string[];
};

export function newPackId(): string {
	return randomUUID();
}

function isRange(value: unknown): value is PackRange {
	const range = value as PackRange | undefined;
	return (
		typeof range === 'object' &&
		range !== null &&
		[range.events, range.intStart, range.intEnd, range.floatStart, range.floatEnd].every(
			number => Number.isSafeInteger(number) && number >= 0,
		)
	);
}

function isPackedFile(value: unknown): value is PackedFile {
	const file = value as PackedFile | undefined;
	return (
		typeof file === 'object' &&
		file !== null &&
		typeof file.path === 'string' &&
		typeof file.size === 'number' &&
		typeof file.mtimeMs === 'number' &&
		typeof file.ino === 'number' &&
		typeof file.ctimeMs === 'number' &&
		isRange(file.range) &&
		Array.isArray(file.diagnostics)
	);
}

/** The pack at `file` when it is one of ours for this group and release; else undefined. */
export function readPack(file: string, group: string, parserVersion: string): Pack | undefined {
	let pack: Pack;
	try {
		const bytes = readFileSync(file);
		const payload = bytes.subarray(digestLength);
		if (!createHash('sha1').update(payload).digest().equals(bytes.subarray(0, digestLength))) {
			return undefined;
		}

		pack = deserialize(payload) as Pack;
	} catch {
		return undefined;
	}

	const valid =
		typeof pack === 'object' &&
		pack !== null &&
		pack.magic === magic &&
		pack.version === packFormatVersion &&
		pack.parserVersion === parserVersion &&
		pack.group === group &&
		typeof pack.id === 'string' &&
		Array.isArray(pack.strings) &&
		pack.ints instanceof Uint32Array &&
		pack.floats instanceof Float64Array &&
		Array.isArray(pack.files) &&
		pack.files.every(isPackedFile) &&
		Array.isArray(pack.removed);
	return valid ? pack : undefined;
}

export async function writePack(file: string, pack: Omit<Pack, 'magic' | 'version'>): Promise<void> {
	const payload = serialize({magic, version: packFormatVersion, ...pack});
	await writeFileAtomic(file, [createHash('sha1').update(payload).digest(), payload]);
}
