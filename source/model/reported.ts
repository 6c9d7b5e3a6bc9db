/**
Session-level reported cost: some agents report a whole session's cost but not each call's
(Claude Code's status line `cost.total_cost_usd`). Such a session's calls are shown at that
figure, spread over its calls in proportion to their list-price estimate (by tokens when any
call is unpriced), so day, week and root totals add up to exactly what the agent reported.
Pure: works on the row columns of rows.ts.
*/

/** Cost of one call of a session with a reported figure, from its tokens and list-price estimate. */
export type SessionScale = (total: number, estimatedUSD: number | null) => number;

export type ReportedInputs = {
	/** Session group → the figure the agent reported for the whole session, if any. */
	readonly reportedOf: (group: number) => number | undefined;
	readonly group: Uint32Array;
	readonly total: Float64Array;
	/** USD; NaN when unpriced. */
	readonly estimates: Float64Array;
};

/** Session group → how its calls are costed, for the groups with a reported figure. */
export function reportedSessionScales({
	reportedOf,
	group,
	total,
	estimates,
}: ReportedInputs): Map<number, SessionScale> {
	const sums = new Map<number, {estimated: number; tokens: number; unpriced: boolean}>();
	for (let row = 0; row < group.length; row++) {
		const session = group[row]!;
		if (reportedOf(session) === undefined) {
			continue;
		}

		let sum = sums.get(session);
		if (!sum) {
			sum = {estimated: 0, tokens: 0, unpriced: false};
			sums.set(session, sum);
		}

		const estimate = estimates[row]!;
		sum.unpriced ||= Number.isNaN(estimate);
		sum.estimated += Number.isNaN(estimate) ? 0 : estimate;
		sum.tokens += total[row]!;
	}

	const scales = new Map<number, SessionScale>();
	for (const [session, sum] of sums) {
		const target = reportedOf(session)!;
		if (!sum.unpriced && sum.estimated > 0) {
			const factor = target / sum.estimated;
			scales.set(session, (_total, estimated) => (estimated ?? 0) * factor);
		} else if (sum.tokens > 0) {
			const perToken = target / sum.tokens;
			scales.set(session, callTotal => callTotal * perToken);
		}
	}

	return scales;
}
