/**
The export text of one call node, written without building the node's Totals.

A tree holds one call leaf per API response (most of the export's nodes), and a call's totals
are a pure function of its CallInfo (model/totals.ts `callTotals`). Building them for every
leaf, then an object per field for JSON.stringify, dominated `--json`. This writes the same
bytes straight from the CallInfo. Invariant: the output equals
`inertJson(JSON.stringify(jsonNodeHead(node)))` with `"children":[]` appended, byte for byte (a
test compares them on every call of real trees); any node this cannot prove that for (totals
already set by hand, unexpected field types) returns undefined and takes the generic path.
Every string goes in through `jsonString`, so the text is already inert (core/inert-text.ts).
*/
import {activities} from '../core/activity.js';
import {jsonString} from '../core/inert-text.js';
import {cacheHitRate, cacheWriteOf, totalOf} from '../core/tokens.js';
import {hasDerivedCallTotals} from '../model/build.js';
import type {TreeNode} from '../model/types.js';
import {isoTime, usd} from './json-values.js';

/** JSON number text: JSON.stringify writes non-finite numbers as null. */
function num(value: number | null): string {
	return value !== null && Number.isFinite(value) ? String(value) : 'null';
}

const tokenFields = ['input', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h', 'output', 'reasoning'] as const;

const activityIndex = new Map<string, number>(activities.map((name, index) => [name, index]));
const conversation = activities.indexOf('conversation');
/** `"reading":{"tokens":` (comma-led after the first), in the Totals activity order. */
const activityKeys = activities.map((name, index) => `${index > 0 ? ',' : ''}"${name}":{"tokens":`);

/** `"reading"`, …: a tool's activity, known to be one of these once looked up. */
const activityJson = activities.map(name => `"${name}"`);

const str = (value: string | null): string => (value === null ? 'null' : jsonString(value));

const optionalString = (value: unknown): boolean => value === undefined || value === null || typeof value === 'string';

/** `["a","b"]`; undefined when an entry is not a string. */
function stringsJson(values: readonly string[]): string | undefined {
	let text = '[';
	for (let index = 0; index < values.length; index++) {
		const value = values[index];
		if (typeof value !== 'string') {
			return undefined;
		}

		text += (index > 0 ? ',' : '') + jsonString(value);
	}

	return `${text}]`;
}

/** `{"kind":"call",…,"children":[]}` for a builder-made call leaf, else undefined. */
export function callNodeJson(node: TreeNode): string | undefined {
	const {call} = node;
	if (
		node.kind !== 'call' ||
		!call ||
		node.children.length > 0 ||
		typeof node.key !== 'string' ||
		typeof node.label !== 'string' ||
		typeof call.model !== 'string' ||
		typeof call.agent !== 'string' ||
		typeof call.time !== 'number' ||
		typeof call.longContext !== 'boolean' ||
		(call.costSource !== 'reported' && call.costSource !== 'estimated') ||
		!Array.isArray(call.tools) ||
		!Array.isArray(call.files) ||
		!optionalString(call.pricingKey) ||
		!optionalString(call.callId) ||
		!tokenFields.every(field => typeof call.tokens[field] === 'number') ||
		!hasDerivedCallTotals(node)
	) {
		return undefined;
	}

	// The same arithmetic, in the same order, as callTotals.
	const t = call.tokens;
	const total = totalOf(t);
	const cost = call.costUSD ?? 0;
	const activityTokens: number[] = new Array(activities.length).fill(0);
	const activityCost: number[] = new Array(activities.length).fill(0);
	/** `[{"name":…,"activity":…},…]`, built in the same walk over the tools. */
	let tools = '[';
	if (call.tools.length === 0) {
		activityTokens[conversation]! += total;
		activityCost[conversation]! += cost;
	} else {
		const share = 1 / call.tools.length;
		for (const tool of call.tools) {
			const index = activityIndex.get(tool.activity);
			if (index === undefined || typeof tool.name !== 'string') {
				return undefined;
			}

			activityTokens[index]! += total * share;
			activityCost[index]! += cost * share;
			tools += `${tools.length > 1 ? ',' : ''}{"name":${jsonString(tool.name)},"activity":${activityJson[index]}}`;
		}
	}

	tools += ']';
	const files = stringsJson(call.files);
	if (files === undefined) {
		return undefined;
	}

	let activity = '';
	for (let index = 0; index < activities.length; index++) {
		activity += `${activityKeys[index]}${num(Math.round(activityTokens[index]!))},"costUSD":${num(usd(activityCost[index]!))}}`;
	}

	// An ISO time is ASCII letters, digits and `+-:.`: nothing to escape.
	const isoText = isoTime(call.time);
	const time = isoText === null ? 'null' : `"${isoText}"`;
	const model = jsonString(call.model);
	const agent = jsonString(call.agent);
	const totalsCost = call.costUSD === null && total > 0 ? null : cost;
	const tokens = `{"input":${num(t.input)},"cacheRead":${num(t.cacheRead)},"cacheWrite5m":${num(t.cacheWrite5m)},"cacheWrite1h":${num(t.cacheWrite1h)},"cacheWrite":${num(cacheWriteOf(t))},"output":${num(t.output)},"reasoning":${num(t.reasoning)},"total":${num(total)}}`;
	const totals =
		`{"tokens":${tokens},"costUSD":${num(usd(totalsCost))},"costSource":"${call.costSource}","unpricedTokens":${num(call.costUSD === null ? total : 0)}` +
		`,"calls":1,"turns":1,"sessions":1,"firstTime":${time},"lastTime":${time},"cacheHitRate":${num(Math.round(cacheHitRate(t) * 1e6) / 1e6)}` +
		`,"models":[${model}],"agents":[${agent}],"activity":{${activity}}}`;
	const callJson =
		`{"agent":${agent},"time":${time},"model":${model},"costUSD":${num(usd(call.costUSD))},"costSource":"${call.costSource}"` +
		`,"pricingKey":${str(call.pricingKey ?? null)},"longContext":${call.longContext},"tools":${tools},"files":${files},"callId":${str(call.callId ?? null)}}`;
	const label = node.label === call.model ? model : jsonString(node.label);
	return `{"kind":"call","key":${jsonString(node.key)},"label":${label},"totals":${totals},"call":${callJson},"children":[]}`;
}
