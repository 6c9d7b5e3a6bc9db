/**
The one way an OTLP endpoint (or any URL the user configured) is shown: status line,
`--verbose`, error messages and the settings screen all print `redactEndpoint(url)`.

User-info (user and password), query-string values and the fragment are where tokens end up
(`https://token@host`, `…/v1/metrics?api_key=…`), so they are replaced; scheme, host, port,
path and query keys stay readable, since they are what a user needs to spot a wrong endpoint.
*/

const hidden = '***';

/** One bullet per character: the length a user needs to follow their typing, nothing more. */
const bullets = (text: string): string => '•'.repeat(text.length);

/**
`https://user:pw@host/v1/metrics?key=abc#x` → `https://***@host/v1/metrics?key=***#***`.
A valid URL with something to hide is shown in its parsed (normalized) form, so what is hidden
is exactly what the URL parser finds. With `typing`, each hidden character becomes a bullet
and nothing else changes, so the settings screen can show a URL while the user edits it.
*/
export function redactEndpoint(url: string, typing = false): string {
	if (typing) {
		return redactText(url, bullets);
	}

	const parsed = parseHttpUrl(url);
	if (!parsed) {
		return redactText(url, () => hidden);
	}

	// Nothing to hide: keep the text as the user wrote it (no added trailing slash).
	return parsed.username || parsed.password || parsed.search || parsed.hash ? redactParsed(parsed) : url;
}

function parseHttpUrl(url: string): URL | undefined {
	try {
		const parsed = new URL(url.trim());
		return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : undefined;
	} catch {
		return undefined;
	}
}

function redactParsed(url: URL): string {
	const userInfo = url.username || url.password ? `${hidden}@` : '';
	const query = url.search ? `?${redactQuery(url.search.slice(1), () => hidden)}` : '';
	const fragment = url.hash ? `#${hidden}` : '';
	return `${url.protocol}//${userInfo}${url.host}${url.pathname}${query}${fragment}`;
}

/** `a=1&b&c=` → `a=***&***&c=`: keys stay, values and bare (key-less) entries go. */
function redactQuery(query: string, mask: (text: string) => string): string {
	return query
		.split('&')
		.map(pair => {
			const equals = pair.indexOf('=');
			if (equals === -1) {
				return pair ? mask(pair) : pair;
			}

			const value = pair.slice(equals + 1);
			return pair.slice(0, equals + 1) + (value ? mask(value) : '');
		})
		.join('&');
}

/**
Text that is not (yet) a valid http(s) URL: half-typed, or the invalid value an error message
quotes. Conservative: user-info runs to the *last* `@` before the query, so a password with a
`/` in it (which the URL parser rejects) is still hidden.
*/
function redactText(text: string, mask: (text: string) => string): string {
	const authorityStart = /^[a-z][\w+.-]*:\/\//i.exec(text)?.[0].length ?? 0;
	const queryStart = indexOrEnd(text, '?', authorityStart);
	const fragmentStart = indexOrEnd(text, '#', authorityStart);
	const beforeQuery = Math.min(queryStart, fragmentStart);
	const at = text.lastIndexOf('@', beforeQuery - 1);
	const head =
		at >= authorityStart
			? text.slice(0, authorityStart) + mask(text.slice(authorityStart, at)) + text.slice(at, beforeQuery)
			: text.slice(0, beforeQuery);
	const query = queryStart < fragmentStart ? `?${redactQuery(text.slice(queryStart + 1, fragmentStart), mask)}` : '';
	const fragment = text.slice(fragmentStart + 1);
	return head + query + (fragmentStart < text.length ? `#${fragment && mask(fragment)}` : '');
}

function indexOrEnd(text: string, character: string, from: number): number {
	const index = text.indexOf(character, from);
	return index === -1 ? text.length : index;
}
