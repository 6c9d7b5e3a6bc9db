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
		// AGENT_NCDU_CI keeps the CI value of the run itself: in CI a test that needs a tool CI
		// installs (ncdu) must fail when the tool is missing rather than skip.
		env: {
			TZ: 'UTC',
			FORCE_COLOR: '0',
			CI: 'false',
			CONTINUOUS_INTEGRATION: 'false',
			AGENT_NCDU_CI: process.env['CI'] ?? '',
		},
	},
});
