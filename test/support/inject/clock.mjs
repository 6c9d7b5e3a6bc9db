/**
`node --import test/support/inject/clock.mjs distribution/cli.js …`: the process's clock starts
at AGENT_NCDU_NOW (an ISO time) and runs on from there, so a run over recorded data sees "now"
where the data is (the status line's today and billing block). Only `Date.now` moves; timers and
deadlines keep working because the clock still runs. Parse workers inherit the `--import`. The
built binary runs unchanged: production code reads no clock variable.
*/
const start = Date.parse(process.env.AGENT_NCDU_NOW ?? '');
if (Number.isFinite(start)) {
	const realNow = Date.now;
	const offset = start - realNow();
	Date.now = () => realNow() + offset;
}
