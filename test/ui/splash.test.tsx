/**
The CLI draws the loading view's first frame by hand before Ink has loaded (cli/splash.ts);
Ink's first frame then draws over it. The two must show the same thing, at any width.
*/
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {splashLines} from '../../source/cli/splash.js';
import {LoadingView} from '../../source/ui/loading-view.js';
import {makeTheme} from '../../source/ui/theme.js';

const stripAnsi = (text: string) => text.replaceAll(/\u001B\[[0-9;?]*[A-Za-z]/g, '');

describe('splash', () => {
	it.each([40, 80, 120])('matches the loading view before any progress, %i columns wide', columns => {
		const {lastFrame} = render(
			<LoadingView progress={undefined} width={columns} height={12} theme={makeTheme({ascii: false, color: false})} />,
		);
		const frame = stripAnsi(lastFrame() ?? '')
			.split('\n')
			.map(line => line.trimEnd());
		const splash = splashLines(columns).map(stripAnsi);
		expect(frame.slice(0, splash.length)).toEqual(splash);
	});
});
