/**
Takes a consistent private copy of a SQLite database that another program (OpenCode) may be
writing, without ever opening the original with SQLite: nothing is created or written next
to it (no `-shm`, no `-wal`, no lock bytes).

The copy is `<tmp>/snapshot.db` in rollback-journal mode: the main file, plus every
committed frame of the `-wal` file replayed onto it in JS (the WASM SQLite build has no WAL
support, and a read-only WAL connection would still need the writer's `-shm`). Frames are
trusted only while their salts and running checksums match the WAL header (torn or stale
frames end the log, as in SQLite's own recovery), and only up to the last commit frame, so
half-written transactions are never seen. A hot rollback `-journal` is copied alongside so
SQLite rolls an interrupted commit back in the copy.
*/
import {chmod, copyFile, mkdtemp, open, readFile, rm, stat} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export type Snapshot = {
	readonly path: string;
	readonly walFrames: number;
	/** A hot journal was copied: SQLite must roll it back, so the copy needs write access. */
	readonly hotJournal: boolean;
	dispose(): Promise<void>;
};

const walHeaderSize = 32;
const frameHeaderSize = 24;

type Frame = {readonly pageNumber: number; readonly data: Buffer};

/** Committed frames of a WAL image, in log order, and the database size after the last commit. */
export function committedFrames(wal: Buffer): {frames: Frame[]; pages: number} | undefined {
	if (wal.length < walHeaderSize) {
		return undefined;
	}

	const magic = wal.readUInt32BE(0);
	if (magic !== 0x37_7f_06_82 && magic !== 0x37_7f_06_83) {
		return undefined;
	}

	const bigEndian = (magic & 1) === 1;
	const pageSize = wal.readUInt32BE(8);
	const salt1 = wal.readUInt32BE(16);
	const salt2 = wal.readUInt32BE(20);
	let sums = checksum(wal, 0, 24, [0, 0], bigEndian);
	if (sums[0] !== wal.readUInt32BE(24) || sums[1] !== wal.readUInt32BE(28)) {
		return undefined;
	}

	const frames: Frame[] = [];
	let committed = 0;
	let pages = 0;
	for (
		let offset = walHeaderSize;
		offset + frameHeaderSize + pageSize <= wal.length;
		offset += frameHeaderSize + pageSize
	) {
		if (wal.readUInt32BE(offset + 8) !== salt1 || wal.readUInt32BE(offset + 12) !== salt2) {
			break;
		}

		sums = checksum(wal, offset, 8, sums, bigEndian);
		sums = checksum(wal, offset + frameHeaderSize, pageSize, sums, bigEndian);
		if (sums[0] !== wal.readUInt32BE(offset + 16) || sums[1] !== wal.readUInt32BE(offset + 20)) {
			break;
		}

		frames.push({
			pageNumber: wal.readUInt32BE(offset),
			data: wal.subarray(offset + frameHeaderSize, offset + frameHeaderSize + pageSize),
		});
		const commitSize = wal.readUInt32BE(offset + 4);
		if (commitSize > 0) {
			committed = frames.length;
			pages = commitSize;
		}
	}

	return {frames: frames.slice(0, committed), pages};
}

/** SQLite's WAL checksum over `length` bytes (a multiple of 8) starting at `start`. */
function checksum(
	buffer: Buffer,
	start: number,
	length: number,
	seed: readonly [number, number],
	bigEndian: boolean,
): [number, number] {
	let [s0, s1] = seed;
	for (let i = start; i < start + length; i += 8) {
		const x0 = bigEndian ? buffer.readUInt32BE(i) : buffer.readUInt32LE(i);
		const x1 = bigEndian ? buffer.readUInt32BE(i + 4) : buffer.readUInt32LE(i + 4);
		s0 = (s0 + x0 + s1) >>> 0;
		s1 = (s1 + x1 + s0) >>> 0;
	}

	return [s0, s1];
}

async function readOptional(file: string): Promise<Buffer | undefined> {
	try {
		return await readFile(file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return undefined;
		}

		throw error;
	}
}

async function stamp(file: string): Promise<string> {
	try {
		const info = await stat(file);
		return `${info.size}:${info.mtimeMs}`;
	} catch {
		return 'absent';
	}
}

/**
Copies `from` to our private `to`, owner read-write. copyFile keeps the source's mode, and a
read-only original (0444) would give a copy we can neither patch nor let SQLite open; the
original itself is never touched.
*/
async function privateCopy(from: string, to: string): Promise<void> {
	await copyFile(from, to);
	await chmod(to, 0o600);
}

/** Copies `database` (+ its `-wal`, `-journal`) into a fresh temp folder and folds the WAL in. */
export async function snapshotDatabase(database: string): Promise<Snapshot> {
	const folder = await mkdtemp(path.join(os.tmpdir(), 'agent-ncdu-sqlite-'));
	const dispose = async () => rm(folder, {recursive: true, force: true});
	const copy = path.join(folder, 'snapshot.db');
	try {
		let wal: Buffer | undefined;
		let hotJournal = false;
		// A checkpoint between copying the file and reading the WAL could pair an old file
		// with a reset log; retry while the pair changed underneath us.
		for (let attempt = 0; attempt < 3; attempt++) {
			const before = `${await stamp(database)}|${await stamp(`${database}-wal`)}`;
			await privateCopy(database, copy);
			wal = await readOptional(`${database}-wal`);
			const journal = await readOptional(`${database}-journal`);
			if (journal && journal.length > 0) {
				await privateCopy(`${database}-journal`, `${copy}-journal`);
				hotJournal = true;
			}

			if (before === `${await stamp(database)}|${await stamp(`${database}-wal`)}`) {
				break;
			}
		}

		const log = wal ? committedFrames(wal) : undefined;
		const handle = await open(copy, 'r+');
		try {
			if (log && log.frames.length > 0) {
				const pageSize = log.frames[0]?.data.length ?? 4096;
				await handle.truncate(log.pages * pageSize);
				for (const frame of log.frames) {
					await handle.write(frame.data, 0, frame.data.length, (frame.pageNumber - 1) * pageSize);
				}
			}

			const header = Buffer.alloc(100);
			await handle.read(header, 0, 100, 0);
			// Bytes 18-19 = 2 mark WAL mode; 1 makes the copy a plain rollback-journal database.
			if (header.toString('latin1', 0, 15) === 'SQLite format 3' && header[18] === 2) {
				await handle.write(Buffer.from([1, 1]), 0, 2, 18);
			}
		} finally {
			await handle.close();
		}

		return {path: copy, walFrames: log?.frames.length ?? 0, hotJournal, dispose};
	} catch (error) {
		await dispose();
		throw error;
	}
}
