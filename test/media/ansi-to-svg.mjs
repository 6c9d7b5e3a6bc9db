#!/usr/bin/env node
/**
Converts terminal screens captured with `tmux capture-pane -p -e` (text + SGR escape codes)
into an SVG: one frame → a still screenshot; several frames → an animated SVG that shows
each frame for `--delay` seconds (pure CSS, no script, so GitHub renders it).

Usage: node test/media/ansi-to-svg.mjs --out media/screenshot.svg [--delay 1.6] [--title T] frame1.ans [frame2.ans …]
Supports 16/256/24-bit colors, bold, dim, inverse — what Ink emits.
*/
import {readFileSync, writeFileSync} from 'node:fs';
import {parseArgs} from 'node:util';

const {values: options, positionals: files} = parseArgs({
	allowPositionals: true,
	options: {
		out: {type: 'string'},
		delay: {type: 'string', default: '1.6'},
		title: {type: 'string', default: 'agent-ncdu'},
		columns: {type: 'string'},
		rows: {type: 'string'},
	},
});

if (!options.out || files.length === 0) {
	console.error('usage: ansi-to-svg.mjs --out file.svg frame.ans [frame.ans …]');
	process.exit(2);
}

const palette16 = [
	'#1e1e2e',
	'#f38ba8',
	'#a6e3a1',
	'#f9e2af',
	'#89b4fa',
	'#f5c2e7',
	'#94e2d5',
	'#bac2de',
	'#585b70',
	'#f38ba8',
	'#a6e3a1',
	'#f9e2af',
	'#89b4fa',
	'#f5c2e7',
	'#94e2d5',
	'#a6adc8',
];
const foreground = '#cdd6f4';
const background = '#1e1e2e';

function color256(index) {
	if (index < 16) {
		return palette16[index];
	}

	if (index < 232) {
		const value = index - 16;
		const level = n => (n === 0 ? 0 : 55 + n * 40);
		const [r, g, b] = [Math.floor(value / 36), Math.floor(value / 6) % 6, value % 6].map(level);
		return `rgb(${r},${g},${b})`;
	}

	const gray = 8 + (index - 232) * 10;
	return `rgb(${gray},${gray},${gray})`;
}

/** Applies one SGR parameter list to the running style. */
function applySgr(style, parameters) {
	const codes = parameters === '' ? [0] : parameters.split(';').map(Number);
	for (let index = 0; index < codes.length; index++) {
		const code = codes[index];
		if (code === 0) {
			Object.assign(style, {fg: undefined, bg: undefined, bold: false, dim: false, inverse: false});
		} else if (code === 1) {
			style.bold = true;
		} else if (code === 2) {
			style.dim = true;
		} else if (code === 7) {
			style.inverse = true;
		} else if (code === 22) {
			style.bold = false;
			style.dim = false;
		} else if (code === 27) {
			style.inverse = false;
		} else if (code >= 30 && code <= 37) {
			style.fg = palette16[code - 30];
		} else if (code >= 90 && code <= 97) {
			style.fg = palette16[code - 90 + 8];
		} else if (code >= 40 && code <= 47) {
			style.bg = palette16[code - 40];
		} else if (code >= 100 && code <= 107) {
			style.bg = palette16[code - 100 + 8];
		} else if (code === 39) {
			style.fg = undefined;
		} else if (code === 49) {
			style.bg = undefined;
		} else if (code === 38 || code === 48) {
			const key = code === 38 ? 'fg' : 'bg';
			if (codes[index + 1] === 5) {
				style[key] = color256(codes[index + 2]);
				index += 2;
			} else if (codes[index + 1] === 2) {
				style[key] = `rgb(${codes[index + 2]},${codes[index + 3]},${codes[index + 4]})`;
				index += 4;
			}
		}
	}
}

/** Splits one captured line into styled runs. */
function runsOf(line, style) {
	const runs = [];
	let text = '';
	const flush = () => {
		if (text) {
			runs.push({text, ...style});
			text = '';
		}
	};

	for (let index = 0; index < line.length; index++) {
		if (line[index] === '\u001B' && line[index + 1] === '[') {
			const end = line.slice(index + 2).search(/[A-Za-z]/);
			if (end === -1) {
				break;
			}

			const command = line[index + 2 + end];
			if (command === 'm') {
				flush();
				applySgr(style, line.slice(index + 2, index + 2 + end));
			}

			index += 2 + end;
			continue;
		}

		text += line[index];
	}

	flush();
	return runs;
}

const escapeXml = text => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cellWidth = 8.4;
const lineHeight = 17;
const padding = 14;
const titleBar = 28;

function frameSvg(screen) {
	const style = {};
	const lines = screen.replace(/\n$/, '').split('\n');
	const parts = [];
	for (const [row, line] of lines.entries()) {
		let column = 0;
		const y = titleBar + padding + row * lineHeight;
		for (const run of runsOf(line, style)) {
			const chars = [...run.text];
			const fg = run.inverse ? (run.bg ?? background) : (run.fg ?? foreground);
			const bg = run.inverse ? (run.fg ?? foreground) : run.bg;
			const x = padding + column * cellWidth;
			if (bg) {
				parts.push(
					`<rect x="${x.toFixed(1)}" y="${y}" width="${(chars.length * cellWidth).toFixed(1)}" height="${lineHeight}" fill="${bg}"/>`,
				);
			}

			if (run.text.trim()) {
				const weight = run.bold ? ' font-weight="bold"' : '';
				const opacity = run.dim ? ' opacity="0.6"' : '';
				parts.push(
					`<text x="${x.toFixed(1)}" y="${y + 13}" fill="${fg}"${weight}${opacity} textLength="${(chars.length * cellWidth).toFixed(1)}" lengthAdjust="spacingAndGlyphs">${escapeXml(run.text)}</text>`,
				);
			}

			column += chars.length;
		}
	}

	return {
		svg: parts.join(''),
		rows: lines.length,
		columns: Math.max(...lines.map(line => [...line.replace(/\u001B\[[\d;]*[A-Za-z]/g, '')].length)),
	};
}

const frames = files.map(file => frameSvg(readFileSync(file, 'utf8')));
const columns = Number(options.columns ?? Math.max(...frames.map(frame => frame.columns)));
const rows = Number(options.rows ?? Math.max(...frames.map(frame => frame.rows)));
const width = Math.ceil(padding * 2 + columns * cellWidth);
const height = titleBar + padding * 2 + rows * lineHeight;
const delay = Number(options.delay);
const total = delay * frames.length;
const animation =
	frames.length > 1
		? `<style>.f{opacity:0;animation:show ${total}s steps(1) infinite}@keyframes show{0%{opacity:1}${((100 / frames.length) * 1).toFixed(3)}%{opacity:0}100%{opacity:0}}</style>`
		: '';
const body = frames
	.map((frame, index) =>
		frames.length > 1
			? `<g class="f" style="animation-delay:${(index * delay).toFixed(2)}s">${frame.svg}</g>`
			: `<g>${frame.svg}</g>`,
	)
	.join('\n');
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="ui-monospace,SFMono-Regular,Menlo,Consolas,'DejaVu Sans Mono',monospace" font-size="14">
${animation}<rect width="100%" height="100%" rx="8" fill="${background}"/>
<circle cx="18" cy="14" r="5" fill="#f38ba8"/><circle cx="34" cy="14" r="5" fill="#f9e2af"/><circle cx="50" cy="14" r="5" fill="#a6e3a1"/>
<text x="${width / 2}" y="18" fill="#a6adc8" text-anchor="middle" font-size="12">${escapeXml(options.title)}</text>
${body}
</svg>
`;
writeFileSync(options.out, svg);
console.log(`wrote ${options.out} (${frames.length} frame${frames.length === 1 ? '' : 's'}, ${columns}x${rows})`);
