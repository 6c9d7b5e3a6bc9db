import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		root: new URL('..', import.meta.url).pathname,
		include: ['test/**/*.test.{ts,tsx}'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
		// CI=false: in-process Ink renders (runTui) must draw every frame as in a terminal;
		// Ink drops intermediate frames when it thinks it runs in CI.
		env: {TZ: 'UTC', FORCE_COLOR: '0', CI: 'false', CONTINUOUS_INTEGRATION: 'false'},
	},
});
