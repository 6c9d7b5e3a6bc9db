import {describe, expect, it} from 'vitest';
import {buildListing, countOf, ListingCache} from '../../source/browser/listing.js';
import {findByKeyPath} from '../../source/model/query.js';
import {manySessions, treeOf, usageStore} from '../support/ui-data.js';

const model = treeOf(usageStore());

describe('buildListing', () => {
	it('sorts by tokens (largest first) and scales bars to the largest sibling', () => {
		const listing = buildListing(model.root, {key: 'tokens', reverse: false});
		expect(listing.children.map(node => node.key)).toEqual(['2026-W06', '2026-W07', '2026-W08']);
		expect(listing.max).toBe(listing.children[0]!.totals.total);
		expect(listing.total).toBe(model.root.totals.total);
		const sum = listing.children.reduce((total, node) => total + listing.metric(node), 0);
		expect(sum).toBe(listing.total);
	});

	it('sorts by cost with cost as the bar metric; unpriced parts count as their priced lower bound', () => {
		const week = findByKeyPath(model, ['2026-W07']);
		const listing = buildListing(week, {key: 'cost', reverse: false});
		const costs = listing.children.map(node => listing.metric(node));
		expect(costs).toEqual([...costs].sort((a, b) => b - a));
		// 2026-02-14 holds only the unpriced model: cost 0, last.
		expect(listing.children.at(-1)!.key).toBe('2026-02-14');
		expect(listing.max).toBe(costs[0]);
	});

	it('sorts by time ascending and reverses', () => {
		const week = findByKeyPath(model, ['2026-W07']);
		expect(buildListing(week, {key: 'name', reverse: false}).children.map(node => node.key)).toEqual([
			'2026-02-12',
			'2026-02-13',
			'2026-02-14',
		]);
		expect(buildListing(week, {key: 'name', reverse: true}).children.map(node => node.key)).toEqual([
			'2026-02-14',
			'2026-02-13',
			'2026-02-12',
		]);
	});

	it('counts the next level down for the count sort', () => {
		const day = findByKeyPath(model, ['2026-W07', '2026-02-13']);
		expect(countOf(day)).toBe(2);
		const session = day.children.find(node => node.key === 'claude:late')!;
		expect(countOf(session)).toBe(1);
		const listing = buildListing(model.root, {key: 'count', reverse: false});
		expect(listing.children.map(node => countOf(node))).toEqual([3, 2, 1]);
	});

	it('finds children by key for cursor restore', () => {
		const listing = buildListing(model.root, {key: 'tokens', reverse: true});
		expect(listing.indexOf('2026-W06')).toBe(2);
		expect(listing.indexOf('missing')).toBe(-1);
		expect(listing.indexOf(undefined)).toBe(-1);
	});

	it('handles 10k children and caches per (node, sort)', () => {
		const big = treeOf(usageStore(manySessions(10_000)));
		const day = findByKeyPath(big, ['2026-W10', '2026-03-02']);
		const cache = new ListingCache(2);
		const listing = cache.get(day, {key: 'tokens', reverse: false});
		expect(listing.children).toHaveLength(10_000);
		for (let index = 1; index < listing.children.length; index++) {
			expect(listing.children[index - 1]!.totals.total).toBeGreaterThanOrEqual(listing.children[index]!.totals.total);
		}

		expect(cache.get(day, {key: 'tokens', reverse: false})).toBe(listing);
		expect(cache.get(day, {key: 'tokens', reverse: true})).not.toBe(listing);
		// Evicted after two other nodes were listed.
		cache.get(big.root, {key: 'tokens', reverse: false});
		cache.get(big.root.children[0]!, {key: 'tokens', reverse: false});
		expect(cache.get(day, {key: 'tokens', reverse: false})).not.toBe(listing);
	});
});
