import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {inertJson, inertText, jsonString} from '../../source/core/inert-text.js';

const esc = '\u001B';
const bel = '\u0007';

/** Every character a terminal could act on. */
const controlChars = [
	...Array.from({length: 0x20}, (_, code) => code),
	0x7f,
	...Array.from({length: 0x20}, (_, index) => 0x80 + index),
	0x20_2a,
	0x20_2b,
	0x20_2c,
	0x20_2d,
	0x20_2e,
	0x20_66,
	0x20_67,
	0x20_68,
	0x20_69,
].map(code => String.fromCharCode(code));
const anyControl = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

describe('inertText', () => {
	it.each(controlChars.map(char => [char.charCodeAt(0).toString(16), char]))(
		'shows U+%s visibly instead of sending it',
		(_, char) => {
			const result = inertText(`a${char}b`);
			expect(result).not.toMatch(anyControl);
			expect(result.startsWith('a') && result.endsWith('b')).toBe(true);
			expect(result.length).toBeGreaterThan(2);
		},
	);

	it('writes C0 and DEL as their one-cell control pictures', () => {
		expect(inertText(`${esc}[2J`)).toBe('␛[2J');
		expect(inertText('\u0000\t\n\r\u001F')).toBe('␀␉␊␍␟');
		expect(inertText('rm\u007F')).toBe('rm␡');
	});

	it('writes C1 and bidi controls as \\u escapes, as --json does', () => {
		expect(inertText('\u009B31m')).toBe('\\u009b31m');
		expect(inertText('\u0085\u0090\u009C\u009D')).toBe('\\u0085\\u0090\\u009c\\u009d');
		expect(inertText('invoice\u202Efdp.exe')).toBe('invoice\\u202efdp.exe');
		expect(inertText('\u2066x\u2069')).toBe('\\u2066x\\u2069');
	});

	it('defuses OSC 0 (title), OSC 52 (clipboard), OSC 8 (link), CSI and leaving the alternate screen', () => {
		expect(inertText(`shop${esc}]0;PWNED${bel}`)).toBe('shop␛]0;PWNED␇');
		expect(inertText(`a${esc}]52;c;cHduZWQ=${bel}.ts`)).toBe('a␛]52;c;cHduZWQ=␇.ts');
		expect(inertText(`${esc}]8;;https://evil.example/${esc}\\click${esc}]8;;${esc}\\`)).toBe(
			'␛]8;;https://evil.example/␛\\click␛]8;;␛\\',
		);
		expect(inertText(`${esc}[41mRED${esc}[0m ${esc}[?1049l`)).toBe('␛[41mRED␛[0m ␛[?1049l');
	});

	it('leaves printable text alone: accents, CJK, emoji, combining marks, RTL script, typography', () => {
		for (const text of [
			'Add pagination to the /invoices endpoint',
			'café naïve Ünïcödé ß',
			'修复登录测试 ログイン 로그인',
			'👍🏽 🧑‍💻 🇩🇪',
			'e\u0301 a\u0308 \u0915\u094D\u0937',
			'مرحبا שלום',
			'2026-W07 · Feb 9–15 → ≥ … ×3 ’',
			'\u00A0\u00AD\u200B\u200D\u2028\uFEFF',
		]) {
			expect(inertText(text)).toBe(text);
		}
	});
});

describe('inertJson', () => {
	it('escapes what JSON.stringify leaves raw and parses back to the same value', () => {
		const value = {
			tool: 'Read\u009B31m',
			nel: 'a\u0085b',
			del: 'x\u007F',
			separators: 'a\u2028b\u2029c',
			bidi: 'invoice\u202Efdp.exe\u2066\u2069',
			esc: `${esc}]52;c;cHduZWQ=${bel}`,
			plain: '修复 👍🏽 café',
		};
		const json = inertJson(JSON.stringify(value));
		expect(json).not.toMatch(anyControl);
		expect(json).not.toMatch(/[\u2028\u2029]/);
		expect(json).toContain('"tool":"Read\\u009b31m"');
		expect(json).toContain('\\u2028');
		expect(json).toContain('"plain":"修复 👍🏽 café"');
		expect(JSON.parse(json)).toEqual(value);
	});

	it('changes nothing in a document without such characters', () => {
		const json = JSON.stringify({model: 'claude-opus-4-6', label: '2026-W07 · Feb 9–15'});
		expect(inertJson(json)).toBe(json);
	});
});

describe('jsonString', () => {
	it('is JSON.stringify made inert, for any string, and parses back to it', () => {
		const hostilePiece = fc.constantFrom(...controlChars, '\u2028', '\u2029', '"', '\\', 'é', '😀', 'a');
		const text = fc.oneof(
			fc.string({unit: 'binary'}),
			fc.array(hostilePiece, {maxLength: 12}).map(parts => parts.join('')),
		);
		fc.assert(
			fc.property(text, value => {
				const json = jsonString(value);
				expect(json).toBe(inertJson(JSON.stringify(value)));
				expect(json).not.toMatch(anyControl);
				expect(json).not.toMatch(/[\u2028\u2029]/);
				expect(JSON.parse(json)).toBe(value);
			}),
			{numRuns: 500},
		);
	});

	it('writes C1, DEL, separators and bidi controls as \\u escapes and leaves plain text as JSON.stringify does', () => {
		expect(jsonString('Read\u009B31m\u007F\u2028\u202E')).toBe('"Read\\u009b31m\\u007f\\u2028\\u202e"');
		for (const plain of ['claude-opus-4-6', 'say "hi"\n', '修复 👍🏽 café', '']) {
			expect(jsonString(plain)).toBe(JSON.stringify(plain));
		}
	});
});
