/**
A small pool of parse workers for cold loads. On a 2-core laptop parsing a year of logs is
CPU-bound JSON work; two workers parse while the main thread only decodes results, adds them
to the store and keeps the loading view responsive.

Used only from the built program (the worker is compiled JavaScript next to this file) and
only for the registered parsers. If a worker cannot start or dies, its files are parsed on the
main thread instead: the pool can make a load faster, never lose data.
*/
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import type {UsageEvent} from '../../core/events.js';
import type {SourceFile} from '../../parsers/types.js';
import {decodeRange, eventsOf} from '../../store/pack/codec.js';
import type {FileParse} from '../parse-file.js';
import type {ParseRequest, WorkerMessage} from './protocol.js';

type Pending = {readonly resolve: (result: FileParse | undefined) => void; readonly worker: Worker};

const workerUrl = new URL('./parse-worker.js', import.meta.url);

/** True when the compiled worker exists (not when running from TypeScript sources in tests). */
export function workersAvailable(): boolean {
	return workerUrl.protocol === 'file:' && existsSync(fileURLToPath(workerUrl));
}

export class ParsePool {
	private readonly workers: Worker[] = [];
	private readonly pending = new Map<number, Pending>();
	private readonly load = new Map<Worker, number>();
	private nextId = 0;
	private readonly started: number;

	constructor(
		requested: number,
		private readonly onBytes: (bytes: number) => void,
	) {
		for (let index = 0; index < requested; index++) {
			let worker: Worker;
			try {
				worker = new Worker(workerUrl);
			} catch {
				// No more threads to be had (resource limits): make do with those started.
				break;
			}

			worker.on('message', (message: WorkerMessage) => this.receive(message));
			// A dead worker's files come back as undefined: the caller parses them itself.
			worker.on('error', () => this.retire(worker));
			worker.on('exit', () => this.retire(worker));
			this.workers.push(worker);
			this.load.set(worker, 0);
		}

		this.started = this.workers.length;
	}

	/** Workers started (a pool of 0 parses nothing: every `parse` answers undefined). */
	get size(): number {
		return this.started;
	}

	/** Parses `file` in the least busy worker; undefined when no worker could. */
	async parse(file: SourceFile): Promise<FileParse | undefined> {
		const worker = [...this.load].sort((a, b) => a[1] - b[1])[0]?.[0];
		if (!worker) return undefined;
		const id = this.nextId++;
		this.load.set(worker, this.load.get(worker)! + 1);
		return new Promise(resolve => {
			this.pending.set(id, {resolve, worker});
			worker.postMessage({id, file} satisfies ParseRequest);
		});
	}

	async close(): Promise<void> {
		const workers = [...this.workers];
		this.workers.length = 0;
		this.load.clear();
		await Promise.all(workers.map(async worker => worker.terminate()));
	}

	private receive(message: WorkerMessage): void {
		if (message.type === 'bytes') {
			this.onBytes(message.bytes);
			return;
		}

		const pending = this.pending.get(message.id);
		if (!pending) return;
		this.pending.delete(message.id);
		const load = this.load.get(pending.worker);
		if (load !== undefined) this.load.set(pending.worker, load - 1);
		let events: UsageEvent[];
		try {
			events = eventsOf(decodeRange(message.columns, message.range));
		} catch {
			pending.resolve(undefined);
			return;
		}

		pending.resolve({events, diagnostics: message.diagnostics, failure: message.failure});
	}

	private retire(worker: Worker): void {
		this.load.delete(worker);
		for (const [id, pending] of this.pending) {
			if (pending.worker === worker) {
				this.pending.delete(id);
				pending.resolve(undefined);
			}
		}
	}
}
