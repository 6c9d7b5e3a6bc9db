/**
Read helpers over a finished tree: paths, lookup by key path, depth-first walks.
*/
import {addDays, weekKeyOfDay} from '../core/time.js';
import type {TreeModel, TreeNode} from './types.js';

/** Root-first list of nodes from the root to `node` (inclusive). */
export function pathOf(node: TreeNode): TreeNode[] {
	const path: TreeNode[] = [];
	for (let current: TreeNode | undefined = node; current; current = current.parent) {
		path.push(current);
	}

	return path.reverse();
}

/** The keys that identify a node from the root (root excluded); stable across rebuilds. */
export function keyPathOf(node: TreeNode): string[] {
	return pathOf(node)
		.slice(1)
		.map(item => item.key);
}

/**
Follows a key path from the root as far as it exists; returns the deepest node found
(so a remembered path into data that has since been filtered away degrades gracefully).
*/
export function findByKeyPath(model: TreeModel, keys: readonly string[]): TreeNode {
	let node = model.root;
	for (const key of keys) {
		const child = node.children.find(item => item.key === key);
		if (!child) {
			break;
		}

		node = child;
	}

	return node;
}

/** Depth-first, pre-order walk; return `false` from `visit` to skip a node's children. */
export function walk(node: TreeNode, visit: (node: TreeNode) => boolean | void): void {
	if (visit(node) === false) {
		return;
	}

	for (const child of node.children) {
		walk(child, visit);
	}
}

/** Every node of one kind under `node` (depth-first order). */
export function nodesOfKind(node: TreeNode, kind: TreeNode['kind']): TreeNode[] {
	const result: TreeNode[] = [];
	walk(node, item => {
		if (item.kind === kind) {
			result.push(item);
			return false;
		}

		return undefined;
	});
	return result;
}

const weekIndexes = new WeakMap<TreeNode, ReadonlyMap<string, TreeNode>>();

/** The root's week by key, through an index made once per tree (rows ask for every visible week and day). */
function weekOf(root: TreeNode, key: string): TreeNode | undefined {
	let index = weekIndexes.get(root);
	if (!index) {
		index = new Map(root.children.map(week => [week.key, week]));
		weekIndexes.set(root, index);
	}

	return index.get(key);
}

function rootOf(node: TreeNode): TreeNode {
	let root = node;
	while (root.parent) {
		root = root.parent;
	}

	return root;
}

/**
The same kind of period just before a week or a day node (the week before, the day before) in
the same tree, when it has usage; undefined for other nodes. Weeks and days are keyed by
`YYYY-Www` and `YYYY-MM-DD` in the tree's time zone. O(1) per node after the first call on a
tree (a day looks among at most seven siblings).
*/
export function previousPeriodOf(node: TreeNode): TreeNode | undefined {
	if (node.kind === 'week') {
		const firstDay = node.children[0]?.key;
		return firstDay === undefined ? undefined : weekOf(rootOf(node), weekKeyOfDay(addDays(firstDay, -7)));
	}

	if (node.kind === 'day') {
		const day = addDays(node.key, -1);
		return weekOf(rootOf(node), weekKeyOfDay(day))?.children.find(child => child.key === day);
	}

	return undefined;
}
