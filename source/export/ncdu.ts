/**
The tree in ncdu's JSON export format (https://dev.yorhel.nl/ncdu/jsonfmt), so `ncdu -f FILE`
browses Week → Day → Session → Turn → API call as if they were folders and files:
`[1, 2, {metadata}, [{root}, {file}, [{folder}, …], …]]`.

Sizes: the tokens of a node (`totals.total`, every kind), or with `cost` its priced cost in
micro-dollars (ncdu-size.ts). Only files carry a size; a folder has none of its own (ncdu then
takes 0), so the size ncdu shows for a folder is exactly the sum of its files. Files are the API
calls, or the nodes where `depth` cuts the tree.

Names: ncdu shows a node by its name alone, so the caller's `nameOf` gives readable ones; here
they are made inert (core/inert-text.ts: ncdu prints control characters as they come), one
line, well-formed UTF-16, at most `maxNameLength` long, and unique among their siblings (ncdu
keeps two entries of one name as two rows that look the same).

Streamed depth-first with the JSON export's ChunkWriter (bounded memory, backpressure).
*/
import type {Writable} from 'node:stream';
import {inertText, jsonString} from '../core/inert-text.js';
import type {Totals, TreeModel, TreeNode} from '../model/types.js';
import {ChunkWriter} from './json.js';
import {type ExportDepth, isCutAt} from './json-depth.js';
import {type NcduSize, ncduSizeOf} from './ncdu-size.js';

/** ncdu's file format version: 1.2 is what ncdu 1.16 and later write (and every later reader reads). */
const formatVersion = [1, 2] as const;

/** Longest name written, in UTF-16 units: a prompt preview or project path could be any length. */
export const maxNameLength = 160;

/**
A node's name as ncdu shows it. `index` is the node's position among its siblings (in the
tree's order) and `count` their number.
*/
export type NcduNameOf = (node: TreeNode, index: number, count: number) => string;

export type NcduContext = {
	readonly generator: {readonly name: string; readonly version: string};
	readonly size: NcduSize;
	/** Where the tree stops: nodes of this kind are files (`call`: the whole tree). */
	readonly depth: ExportDepth;
	readonly nameOf: NcduNameOf;
	readonly generatedAt?: Date;
};

/** The root folder's name: ncdu shows it on top of every screen, so it says what a byte is. */
export function ncduRootName(size: NcduSize): string {
	return size === 'tokens' ? 'agent-ncdu (1 B = 1 token)' : 'agent-ncdu (1 B = 1 micro-dollar)';
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
A name ncdu can show and read back: controls made visible, whitespace runs as one space, no
lone surrogate (JSON would carry it as a `\ud83d` escape that ncdu before 1.21 misreads), cut
to `maxNameLength` on a code point boundary, never empty.
*/
export function safeName(name: string): string {
	const text = inertText(name.replace(/\s+/g, ' ').trim()).replace(loneSurrogate, '\uFFFD');
	if (text.length <= maxNameLength) {
		return text === '' ? '(unnamed)' : text;
	}

	let cut = '';
	for (const point of text) {
		if (cut.length + point.length > maxNameLength - 3) {
			break;
		}

		cut += point;
	}

	return `${cut}...`;
}

/** The same names, each repeat suffixed ` (2)`, ` (3)`, … with a suffix no other name has. */
export function uniqueNames(names: readonly string[]): string[] {
	const taken = new Set(names);
	const seen = new Set<string>();
	return names.map(name => {
		if (!seen.has(name)) {
			seen.add(name);
			return name;
		}

		let number = 2;
		while (taken.has(`${name} (${number})`)) {
			number++;
		}

		const unique = `${name} (${number})`;
		taken.add(unique);
		return unique;
	});
}

/** `,"mtime":<seconds>` of the node's last call (ncdu shows it with `-e`); nothing without calls. */
function mtimeField(totals: Totals): string {
	return totals.calls > 0 && Number.isFinite(totals.lastTime)
		? `,"mtime":${Math.max(0, Math.floor(totals.lastTime / 1000))}`
		: '';
}

async function writeEntry(writer: ChunkWriter, node: TreeNode, name: string, context: NcduContext): Promise<void> {
	const {totals} = node;
	const head = `{"name":${jsonString(name)}${mtimeField(totals)}`;
	if (node.kind === 'call' || isCutAt(node.kind, context.depth)) {
		const size = ncduSizeOf(totals, context.size);
		if (writer.push(`${head},"asize":${size},"dsize":${size}}`)) {
			await writer.flush();
		}

		return;
	}

	// A folder: its info object first, then its entries; no size of its own (see the header).
	writer.push(`[${head}}`);
	const {children} = node;
	const names = uniqueNames(children.map((child, index) => safeName(context.nameOf(child, index, children.length))));
	for (const [index, child] of children.entries()) {
		writer.push(',');
		await writeEntry(writer, child, names[index]!, context);
	}

	if (writer.push(']')) {
		await writer.flush();
	}
}

/** Writes `model` as an ncdu export to `stream` (the caller ends the stream). */
export async function writeNcduExport(model: TreeModel, stream: Writable, context: NcduContext): Promise<void> {
	const writer = new ChunkWriter(stream);
	const metadata = {
		progname: context.generator.name,
		progver: context.generator.version,
		timestamp: Math.floor((context.generatedAt ?? new Date()).getTime() / 1000),
		// Ignored by ncdu; says what the sizes mean to anyone reading the file.
		size: context.size,
		timezone: model.timezone,
		groupBy: model.view,
		depth: context.depth,
	};
	await writer.write(`[${formatVersion.join(',')},${JSON.stringify(metadata)},`);
	await writeEntry(writer, model.root, ncduRootName(context.size), context);
	await writer.write(']\n');
	await writer.flush();
}
