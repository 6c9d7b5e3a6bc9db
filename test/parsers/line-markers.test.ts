/** The byte helpers shared by the line prefilter and Claude's tool-result reader (parsers/line-markers.ts). */
import {describe, expect, it} from 'vitest';
import {isSpace, lineMarkers, skipSpace} from '../../source/parsers/line-markers.js';

describe('line markers', () => {
	it('skips JSON whitespace (space, tab, CR, LF) and nothing else', () => {
		const bytes = Buffer.from(' \t\r\n{ \u00A0x');
		expect(skipSpace(bytes, 0)).toBe(4);
		expect(skipSpace(bytes, 5)).toBe(6);
		expect(skipSpace(bytes, bytes.length)).toBe(bytes.length);
		expect(isSpace(undefined)).toBe(false);
	});

	it('matches compact markers, and spaced ones only on a line with spaced separators', () => {
		const markers = lineMarkers(['"usage":{']);
		expect(markers.matches(Buffer.from('{"type":"assistant","usage":{"input_tokens":1}}'))).toBe(true);
		expect(markers.matches(Buffer.from('{"type": "assistant", "usage" : {"input_tokens": 1}}'))).toBe(true);
		expect(markers.matches(Buffer.from('{"type":"assistant","note":"usage :{"}'))).toBe(false);
	});
});
