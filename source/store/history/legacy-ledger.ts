/**
The usage history's previous format, read only to migrate it: `<host>.ledger.jsonl.gz`, gzip
JSON Lines with a header line (format `agent-ncdu-ledger`, version 1; records.ts). This host's
file is converted to `<host>.history` on the first run and then removed (index.ts); another
host's is read as it is on every run until that host's own agent-ncdu converts it.

Damaged content (a cut or garbled gzip stream, no header) yields the records before the damage,
marked `damage`.
*/
import {promisify} from 'node:util';
import {constants as zlibConstants, createInflateRaw, gunzip} from 'node:zlib';
import type {UsageEvent} from '../../core/events.js';
import {contentFree} from './events.js';
import {type LedgerHeader, ledgerFormat, ledgerVersion, recordEvent, validRecord} from './records.js';

const gunzipAsync = promisify(gunzip);

export const legacyLedgerSuffix = '.ledger.jsonl.gz';

/** A newer-format legacy file: the caller must not overwrite it. */
export class LegacyTooNew extends Error {}

/**
The text of a damaged gzip file up to the damage: the deflate stream (after the 10-byte header
the old writer made) inflated in small steps, without the length and CRC checks.
*/
async function salvageText(bytes: Buffer): Promise<string> {
	if (bytes.length < 10 || bytes[0] !== 0x1f || bytes[1] !== 0x8b || bytes[3] !== 0) {
		return '';
	}

	const inflate = createInflateRaw({finishFlush: zlibConstants.Z_SYNC_FLUSH});
	const chunks: Buffer[] = [];
	inflate.on('data', (chunk: Buffer) => chunks.push(chunk));
	await new Promise<void>(resolve => {
		inflate.on('end', resolve);
		inflate.on('error', () => resolve());
		for (let offset = 10; offset < bytes.length; offset += 4096) {
			inflate.write(bytes.subarray(offset, offset + 4096));
		}

		inflate.end();
	});
	return Buffer.concat(chunks).toString('utf8');
}

async function decompress(bytes: Buffer): Promise<{text: string; damage?: string}> {
	try {
		return {text: (await gunzipAsync(bytes)).toString('utf8')};
	} catch (error) {
		return {text: await salvageText(bytes), damage: (error as Error).message};
	}
}

export type LegacyLedger = {
	readonly host: string;
	readonly events: UsageEvent[];
	readonly skipped: number;
	readonly damage?: string;
};

/** The events of a legacy ledger's bytes; throws `LegacyTooNew` for a newer version. */
export async function parseLegacyLedger(bytes: Buffer, fallbackHost: string): Promise<LegacyLedger> {
	const {text, damage: streamDamage} = await decompress(bytes);
	let damage = streamDamage;
	const events: UsageEvent[] = [];
	let header: LedgerHeader | undefined;
	let skipped = 0;
	const lines = text.split('\n');
	// A damaged stream's last line is cut off (complete lines end with a newline).
	for (const line of damage ? lines.slice(0, -1) : lines) {
		if (line.length === 0) {
			continue;
		}

		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch {
			skipped++;
			// After damage nothing more is trusted.
			if (damage) break;
			continue;
		}

		if ((value as {k?: unknown} | null)?.k === 'h') {
			header = value as LedgerHeader;
			continue;
		}

		const record = validRecord(value);
		const event = record && contentFree(recordEvent(record));
		if (event) events.push(event);
		else skipped++;
	}

	if (!header || header.format !== ledgerFormat || typeof header.version !== 'number') {
		damage ??= 'not an agent-ncdu ledger (no header)';
	} else if (header.version > ledgerVersion) {
		throw new LegacyTooNew(`was written by a newer agent-ncdu (ledger version ${header.version})`);
	}

	const host = typeof header?.host === 'string' && header.host ? header.host : fallbackHost;
	return {host, events, skipped, damage};
}
