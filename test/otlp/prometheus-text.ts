/**
Prometheus test support: the metric names our instruments get in Prometheus, and a reader of
the text exposition format (version 0.0.4) that keeps every sample with its labels.
*/
import {instruments} from '../../source/export/otlp/metrics.js';

/**
The names Prometheus exporters (the Collector's and the SDK's) give our instruments: dots →
underscores, `_total` on monotonic sums, `_bucket`/`_sum`/`_count` on histograms, and no unit
suffix because every unit is a `{…}` annotation.
*/
export function prometheusNames(): Set<string> {
	const names = new Set<string>();
	for (const instrument of instruments) {
		const base = instrument.name.replaceAll('.', '_');
		if (instrument.kind === 'counter') {
			names.add(`${base}_total`);
		} else if (instrument.kind === 'histogram') {
			for (const suffix of ['_bucket', '_sum', '_count']) {
				names.add(base + suffix);
			}
		} else {
			names.add(base);
		}
	}

	return names;
}

export type Sample = {readonly name: string; readonly labels: Readonly<Record<string, string>>; readonly value: number};

const labelPattern = /\s*([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"\s*,?/y;

function unescapeLabel(value: string): string {
	return value.replace(/\\(.)/g, (_, character: string) => (character === 'n' ? '\n' : character));
}

function parseLabels(text: string): Record<string, string> {
	const labels: Record<string, string> = {};
	labelPattern.lastIndex = 0;
	while (labelPattern.lastIndex < text.length) {
		const match = labelPattern.exec(text);
		if (!match) {
			throw new Error(`Unreadable labels: {${text}}`);
		}

		labels[match[1]!] = unescapeLabel(match[2]!);
	}

	return labels;
}

/** Every sample line of a text exposition (comments and blank lines skipped); throws on a line it cannot read. */
export function parseExposition(text: string): Sample[] {
	const samples: Sample[] = [];
	for (const line of text.split('\n')) {
		if (line.trim() === '' || line.startsWith('#')) {
			continue;
		}

		const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)(?: \d+)?$/.exec(line);
		if (!match) {
			throw new Error(`Unreadable exposition line: ${line}`);
		}

		const value = match[3] === '+Inf' ? Number.POSITIVE_INFINITY : Number(match[3]);
		samples.push({name: match[1]!, labels: parseLabels(match[2] ?? ''), value});
	}

	return samples;
}

/** The sum of every sample of `name` (all label sets). */
export function sumOf(samples: readonly Sample[], name: string): number {
	let sum = 0;
	for (const sample of samples) {
		if (sample.name === name) {
			sum += sample.value;
		}
	}

	return sum;
}
