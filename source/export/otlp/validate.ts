/**
Endpoint validation ("Test" in the settings screen, and the first line of `--otlp-once`
errors): POSTs an empty, valid OTLP metrics request in the configured protocol and turns
every failure into one specific sentence.

Invariant: messages name the endpoint through redactEndpoint and never a header value; the
response body is not echoed (a server may reflect request headers into it).
*/
import http from 'node:http';
import https from 'node:https';
import type {OtlpConfig} from './config.js';
import {redactEndpoint} from './redact-endpoint.js';

export const defaultValidationTimeoutMs = 8000;

export type ValidationResult =
	| {readonly ok: true; readonly status: number}
	| {readonly ok: false; readonly error: string};

const tlsCodes = new Set([
	'CERT_HAS_EXPIRED',
	'CERT_NOT_YET_VALID',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'ERR_TLS_CERT_ALTNAME_INVALID',
	'ERR_SSL_WRONG_VERSION_NUMBER',
	'EPROTO',
]);

/** One sentence for a network-level failure of a request to `url`. */
export function describeNetworkError(error: unknown, url: string, timeoutMs: number): string {
	const shown = redactEndpoint(url);
	const code = (error as {code?: unknown} | undefined)?.code;
	const host = safeHost(url);
	if (code === 'ECONNREFUSED') {
		return `Connection refused: no service listening at ${shown}. Start the collector or fix the port.`;
	}

	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
		return `DNS lookup failed: hostname not found for ${host} (${shown}). Check the spelling.`;
	}

	if (
		code === 'ETIMEDOUT' ||
		code === 'ESOCKETTIMEDOUT' ||
		code === 'TIMEOUT' ||
		(error as Error | undefined)?.message === 'Request Timeout'
	) {
		return `Connection timed out after ${formatSeconds(timeoutMs)}: is ${shown} reachable?`;
	}

	if (code === 'ECONNRESET' || code === 'EPIPE') {
		return `Connection reset by ${shown}: the server closed the connection (wrong protocol or port?).`;
	}

	if (typeof code === 'string' && (tlsCodes.has(code) || code.startsWith('ERR_SSL') || code.includes('CERT'))) {
		const hint =
			code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO'
				? ' (is the server plain http? use http://)'
				: ' (certificate not trusted: set NODE_EXTRA_CA_CERTS)';
		return `TLS error talking to ${shown}: ${code}${hint}.`;
	}

	// Node's HTTP parser codes (HPE_*): something answered, but not in HTTP. The raw parser
	// text ("Expected HTTP/, RTSP/ or ICE/") tells a user nothing actionable.
	if (typeof code === 'string' && code.startsWith('HPE_')) {
		return `${shown} did not answer in HTTP (${code}): is that port an OTLP/HTTP receiver (usually 4318, not gRPC 4317)?`;
	}

	const message = error instanceof Error ? error.message : String(error);
	return `Request to ${shown} failed: ${message.split('\n')[0]}`;
}

/** One sentence for an HTTP error status. */
export function describeHttpStatus(status: number, statusText: string | undefined, url: string): string {
	const shown = redactEndpoint(url);
	const text = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
	if (status === 401 || status === 403) {
		return `${text} from ${shown}: the endpoint rejected the credentials; check --otlp-headers (e.g. "Authorization: Bearer <token>").`;
	}

	if (status === 404) {
		return `${text} from ${shown}: no OTLP receiver at this path; the metrics path is usually /v1/metrics on port 4318.`;
	}

	if (status === 415) {
		return `${text} from ${shown}: the receiver does not accept this protocol; try the other one (http/protobuf or http/json).`;
	}

	if (status >= 500) {
		return `${text} from ${shown}: the server failed; try again later or check its logs.`;
	}

	return `${text} from ${shown}.`;
}

function safeHost(url: string): string {
	try {
		return new URL(url).hostname;
	} catch {
		return url;
	}
}

function formatSeconds(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** An empty ExportMetricsServiceRequest: `{}` in JSON, zero bytes in protobuf. */
function emptyRequest(protocol: OtlpConfig['protocol']): {body: Buffer; contentType: string} {
	return protocol === 'http/json'
		? {body: Buffer.from('{"resourceMetrics":[]}'), contentType: 'application/json'}
		: {body: Buffer.alloc(0), contentType: 'application/x-protobuf'};
}

/** Sends one empty export; resolves (never rejects) with ok or a specific message. */
export async function validateEndpoint(
	config: Pick<OtlpConfig, 'endpoint' | 'headers' | 'protocol'>,
	timeoutMs = defaultValidationTimeoutMs,
): Promise<ValidationResult> {
	let url: URL;
	try {
		url = new URL(config.endpoint);
	} catch {
		return {
			ok: false,
			error: `Invalid OTLP endpoint "${redactEndpoint(config.endpoint)}": use an http(s) URL such as http://localhost:4318.`,
		};
	}

	const {body, contentType} = emptyRequest(config.protocol);
	const client = url.protocol === 'https:' ? https : http;
	return new Promise<ValidationResult>(resolve => {
		let settled = false;
		let timer: NodeJS.Timeout | undefined;
		const finish = (result: ValidationResult): void => {
			if (!settled) {
				settled = true;
				clearTimeout(timer);
				resolve(result);
			}
		};

		let request: http.ClientRequest;
		try {
			request = client.request(
				url,
				{
					method: 'POST',
					headers: {...config.headers, 'Content-Type': contentType, 'Content-Length': String(body.length)},
					agent: false,
				},
				response => {
					// Drain without keeping the body: only the status matters.
					response.resume();
					response.on('end', () => {
						const status = response.statusCode ?? 0;
						finish(
							status >= 200 && status < 300
								? {ok: true, status}
								: {ok: false, error: describeHttpStatus(status, response.statusMessage, config.endpoint)},
						);
					});
					response.on('error', error =>
						finish({ok: false, error: describeNetworkError(error, config.endpoint, timeoutMs)}),
					);
				},
			);
		} catch (error) {
			// Invalid header characters throw synchronously; Node's message names the header, not its value.
			finish({ok: false, error: describeNetworkError(error, config.endpoint, timeoutMs)});
			return;
		}

		// One overall deadline (connect + response), whatever the server does.
		timer = setTimeout(() => {
			finish({ok: false, error: describeNetworkError({code: 'TIMEOUT'}, config.endpoint, timeoutMs)});
			request.destroy();
		}, timeoutMs);
		request.on('error', error => finish({ok: false, error: describeNetworkError(error, config.endpoint, timeoutMs)}));
		request.end(body);
	});
}
