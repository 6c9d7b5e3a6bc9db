/**
Test helper: turns a rollback-mode database into the WAL-mode pair SQLite itself would leave
while a writer holds uncheckpointed commits (`db` with header bytes 18-19 = 2, and a `-wal`
with salted, checksummed frames). Needed because the WASM SQLite build has no WAL support.
*/
import {readFileSync, writeFileSync} from 'node:fs';

function checksum(buffer: Buffer, start: number, length: number, seed: [number, number]): [number, number] {
	let [s0, s1] = seed;
	for (let i = start; i < start + length; i += 8) {
		s0 = (s0 + buffer.readUInt32LE(i) + s1) >>> 0;
		s1 = (s1 + buffer.readUInt32LE(i + 4) + s0) >>> 0;
	}

	return [s0, s1];
}

/**
Writes `base` as the WAL-mode main file and `<base>-wal` holding every page of `after` as one
committed transaction; `trailing` adds frames after the commit that must be ignored.
*/
export function writeWalPair(base: string, after: string, trailing: 'none' | 'uncommitted' | 'torn' = 'none'): void {
	const main = readFileSync(base);
	const next = readFileSync(after);
	const pageSize = next.readUInt16BE(16) === 1 ? 65_536 : next.readUInt16BE(16);
	const pages = next.length / pageSize;
	const header = Buffer.alloc(32);
	header.writeUInt32BE(0x37_7f_06_82, 0);
	header.writeUInt32BE(3_007_000, 4);
	header.writeUInt32BE(pageSize, 8);
	header.writeUInt32BE(0, 12);
	header.writeUInt32BE(0x1234_5678, 16);
	header.writeUInt32BE(0x9abc_def0, 20);
	let sums = checksum(header, 0, 24, [0, 0]);
	header.writeUInt32BE(sums[0], 24);
	header.writeUInt32BE(sums[1], 28);
	const frames: Buffer[] = [header];
	const frame = (pageNumber: number, data: Buffer, commitSize: number, corrupt = false) => {
		const frameHeader = Buffer.alloc(24);
		frameHeader.writeUInt32BE(pageNumber, 0);
		frameHeader.writeUInt32BE(commitSize, 4);
		frameHeader.writeUInt32BE(0x1234_5678, 8);
		frameHeader.writeUInt32BE(0x9abc_def0, 12);
		sums = checksum(frameHeader, 0, 8, sums);
		sums = checksum(data, 0, pageSize, sums);
		frameHeader.writeUInt32BE(corrupt ? (sums[0] ^ 1) >>> 0 : sums[0], 16);
		frameHeader.writeUInt32BE(sums[1], 20);
		frames.push(frameHeader, data);
	};

	for (let page = 1; page <= pages; page++) {
		const data = Buffer.from(next.subarray((page - 1) * pageSize, page * pageSize));
		if (page === 1) {
			data[18] = 2;
			data[19] = 2;
		}

		frame(page, data, page === pages ? pages : 0);
	}

	if (trailing !== 'none') {
		// Garbage for page 2 (a schema/data page): seen by the reader, the database would break.
		frame(2, Buffer.alloc(pageSize, 0xee), trailing === 'torn' ? pages : 0, trailing === 'torn');
	}

	main[18] = 2;
	main[19] = 2;
	writeFileSync(base, main);
	writeFileSync(`${base}-wal`, Buffer.concat(frames));
}
