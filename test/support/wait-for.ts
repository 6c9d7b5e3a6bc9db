/**
waitFor: polls a predicate until it holds (or a generous timeout fails the test). UI tests
wait on what the frame shows, never on fixed sleeps.
*/
export async function waitFor(
	predicate: () => boolean,
	options: {timeoutMs?: number; message?: () => string} = {},
): Promise<void> {
	const deadline = Date.now() + (options.timeoutMs ?? 10_000);
	while (!predicate()) {
		if (Date.now() > deadline) {
			throw new Error(`waitFor timed out${options.message ? `: ${options.message()}` : ''}`);
		}

		await new Promise(resolve => setTimeout(resolve, 5));
	}
}
