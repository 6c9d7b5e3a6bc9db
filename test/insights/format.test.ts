/**
The insight messages' text helpers: `clip` cuts a prompt preview by characters (code points),
so a cut next to an emoji never leaves half of it (a lone surrogate is not text: the export
would write it as `\ud83d`).
*/
import {describe, expect, it} from 'vitest';
import {clip} from '../../source/insights/format.js';

/** No lone surrogate: every UTF-16 surrogate is half of a pair (String#isWellFormed, before ES2024 types). */
const wellFormed = (text: string) =>
	!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe('clip', () => {
	it('keeps short text whole, on one line', () => {
		expect(clip('  fix\n the   build ', 20)).toBe('fix the build');
	});

	it('cuts long text to the width, the ellipsis included', () => {
		expect(clip('Port report 2 to the new charting library', 30)).toBe('Port report 2 to the new char…');
	});

	it('never splits a character outside the BMP', () => {
		const clipped = clip('continue ‽😀"😀"""😀 fix and more words', 19);
		expect(clipped).toBe('continue ‽😀"😀"""😀 …');
		expect(wellFormed(clipped)).toBe(true);
		for (let width = 1; width < 25; width++) {
			expect(wellFormed(clip('😀😀😀 ab😀c 日本😀', width))).toBe(true);
		}
	});
});
