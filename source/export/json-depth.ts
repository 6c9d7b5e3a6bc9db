/**
How deep the export document's `tree` goes (`--depth`). A year of heavy use holds hundreds of
thousands of API calls: the full tree is hundreds of MB, while the same tree down to sessions
is a few MB and still carries every total (each node's totals are computed from all its calls,
whether or not the calls are written).

Invariant: cutting never changes a written node, only whether its `children` key is written.
A node whose kind is the depth limit has no `children` key at all (so a reader can tell "cut
here" from "no children"), except at depth `call`, the whole tree, where call leaves keep
`"children":[]` as they always had.

The depth names a level of the tree's view (`--group-by`, model/views.ts): `project` exists
only in the project view, `week` only where weeks are. `session`, `turn` and `call` are in
every view.
*/
import type {NodeKind} from '../model/types.js';
import {type ViewName, viewLevels} from '../model/views.js';

/** Shallowest first; the order is the nesting of every view that has the level. */
export const exportDepths = ['project', 'model', 'agent', 'device', 'week', 'day', 'session', 'turn', 'call'] as const;

export type ExportDepth = (typeof exportDepths)[number];

/** `--json` writes sessions, not turns and calls, unless asked (`--depth call`). */
export const defaultJsonDepth: ExportDepth = 'session';

/** The whole tree: what the TUI's `e` export writes and what `--import` reads calls from. */
export const fullDepth: ExportDepth = 'call';

export function isExportDepth(value: string): value is ExportDepth {
	return (exportDepths as readonly string[]).includes(value);
}

/** The depths a view's tree has, shallowest first. */
export function depthsOf(view: ViewName): readonly ExportDepth[] {
	return [...viewLevels[view], 'call'];
}

/** One rank for every kind: a view's levels, whichever it is, come in increasing rank. */
const levelOf: Readonly<Record<NodeKind, number>> = {
	root: 0,
	project: 1,
	model: 1,
	agent: 1,
	device: 1,
	week: 2,
	day: 3,
	session: 4,
	turn: 5,
	call: 6,
};

/** Whether a node of this kind is written without its children at this depth. */
export function isCutAt(kind: NodeKind, depth: ExportDepth): boolean {
	return depth !== fullDepth && levelOf[kind] >= levelOf[depth];
}
