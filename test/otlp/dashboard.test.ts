import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {instruments} from '../../source/export/otlp/metrics.js';
import {prometheusNames} from './prometheus-text.js';

const root = new URL('../../', import.meta.url);
const dashboard = JSON.parse(readFileSync(new URL('media/grafana-dashboard.json', root), 'utf8')) as {
	panels: Array<{id: number; title: string; targets: Array<{expr: string}>}>;
	templating: {list: Array<{name: string; query?: unknown}>};
};
const collector = readFileSync(new URL('test/otlp/collector-config.yaml', root), 'utf8');

const allExpressions = [
	...dashboard.panels.flatMap(panel => panel.targets.map(target => target.expr)),
	...dashboard.templating.list.map(variable => JSON.stringify(variable.query ?? '')),
];

describe('Grafana dashboard and collector example', () => {
	it('uses only metric names the exporter produces (as Prometheus names)', () => {
		expect(instruments.every(instrument => /^\{[a-zA-Z]+\}$/.test(instrument.unit))).toBe(true);
		const known = prometheusNames();
		const used = new Set(allExpressions.flatMap(expr => expr.match(/agent_usage_[a-z_]+/g) ?? []));
		expect(used.size).toBeGreaterThanOrEqual(10);
		for (const name of used) {
			expect(known, name).toContain(name);
		}
	});

	it('filters only on labels the metrics carry (plus host_name from the resource)', () => {
		const attributeKeys = new Set([
			'agent',
			'host_name',
			'le',
			...instruments.flatMap(instrument => instrument.attributes),
		]);
		for (const expr of allExpressions) {
			for (const [, label] of expr.matchAll(/([a-z_]+)=~?\\?"/g)) {
				expect(attributeKeys, `${label} in ${expr}`).toContain(label);
			}

			for (const [, labels] of expr.matchAll(/by \(([^)]*)\)/g)) {
				for (const label of labels!.split(',').map(text => text.trim())) {
					expect(attributeKeys, `${label} in ${expr}`).toContain(label);
				}
			}
		}
	});

	it('has unique panel ids and a Prometheus datasource variable', () => {
		const ids = dashboard.panels.map(panel => panel.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(dashboard.templating.list.map(variable => variable.name)).toEqual([
			'datasource',
			'host',
			'agent',
			'project',
		]);
	});

	it('the collector example receives OTLP/HTTP on 4318 and keeps host.name as a label', () => {
		expect(collector).toMatch(/otlp:\n\s+protocols:\n\s+http:\n\s+endpoint: 0\.0\.0\.0:4318/);
		expect(collector).toMatch(/resource_to_telemetry_conversion:\n\s+enabled: true/);
		expect(collector).toMatch(/exporters: \[prometheus\]/);
	});
});
