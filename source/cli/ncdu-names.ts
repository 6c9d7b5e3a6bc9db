/**
The names `--export ncdu` gives the tree's nodes: the TUI's row labels (ui/labels.ts), so a
node reads the same in ncdu as in the browser, with what a name alone must add there:

- week `2026-W47`, day `2026-11-18 Wed`;
- session `09:00 webapp - Claude Code - 12m - claude-sonnet-4-5` (the fragment's first call
  first, so two sessions of one project on one day differ and ncdu's name sort is by time);
- turn `turn 03 09:01 "Please do task 3"` (numbered in the session's day, zero-padded so the
  name sort keeps the order); with `--no-prompts` the prompt is never read: `turn 03 09:01`;
- call `09:01:12 - claude-sonnet-4-5 - Readx3 Bash - 2 files - cache 97.6%`.

Always the ASCII glyphs: ncdu 1.x measures names in bytes, so a `·` shifts its columns.
The writer (export/ncdu.ts) makes the names inert, bounded and unique.
*/
import type {NcduNameOf} from '../export/ncdu.js';
import type {TreeNode} from '../model/types.js';
import {formatClock, oneLine, truncate} from '../ui/format.js';
import {rowLabel, sessionLabel} from '../ui/labels.js';
import {makeTheme} from '../ui/theme.js';

/** Characters of a prompt preview in a turn's name. */
const promptLength = 60;

const theme = makeTheme({ascii: true, color: false});

function turnName(node: TreeNode, index: number, count: number, timeZone: string, prompts: boolean): string {
	const number = String(index + 1).padStart(String(count).length, '0');
	const head = `turn ${number} ${formatClock(node.totals.firstTime, timeZone)}`;
	if (!prompts) {
		return head;
	}

	const prompt = node.turn?.prompt;
	return prompt ? `${head} "${truncate(oneLine(prompt), promptLength, true)}"` : `${head} (no prompt)`;
}

/** Names for a tree bucketed in `timeZone`; `prompts: false` (`--no-prompts`) leaves prompts unread. */
export function ncduNames(options: {readonly timeZone: string; readonly prompts: boolean}): NcduNameOf {
	const {timeZone, prompts} = options;
	return (node, index, count) => {
		switch (node.kind) {
			case 'week': {
				return node.key;
			}

			case 'session': {
				return `${formatClock(node.totals.firstTime, timeZone)} ${sessionLabel(node, theme)}`;
			}

			case 'turn': {
				return turnName(node, index, count, timeZone, prompts);
			}

			case 'root':
			case 'project':
			case 'model':
			case 'agent':
			case 'device':
			case 'day':
			case 'call': {
				return rowLabel(node, timeZone, theme);
			}

			default: {
				node.kind satisfies never;
				return node.key;
			}
		}
	};
}
