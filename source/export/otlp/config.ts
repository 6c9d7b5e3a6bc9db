/**
OTLP configuration resolution: flags, OTEL_* environment variables and the saved settings
file → one validated OtlpConfig. Pure (no I/O): the caller passes the environment.

Precedence follows the OpenTelemetry exporter spec: flag > signal-specific env
(OTEL_EXPORTER_OTLP_METRICS_*) > generic env (OTEL_EXPORTER_OTLP_*) > saved settings.
Path rule: `/v1/metrics` is appended to the generic base endpoint, never to the
signal-specific one; a flag or saved endpoint gets it appended unless it already ends so.

Invariant: error messages name the offending value's *key* and the fix, never a header
value, and URLs in messages are shown through redactEndpoint (no user-info, query values or
fragment).
*/
import {redactEndpoint} from './redact-endpoint.js';

export type OtlpProtocol = 'http/protobuf' | 'http/json';
/** How the `project` attribute is exported: the short name, a stable hash, or not at all. */
export type ProjectMode = 'name' | 'hash' | 'omit';

export type OtlpConfig = {
	/** Full metrics URL (…/v1/metrics), already validated. */
	readonly endpoint: string;
	readonly headers: Readonly<Record<string, string>>;
	readonly protocol: OtlpProtocol;
	/** Extra resource attributes (OTEL_RESOURCE_ATTRIBUTES, OTEL_SERVICE_NAME). */
	readonly resourceAttributes: Readonly<Record<string, string>>;
	/** Per-request timeout, retries included. */
	readonly timeoutMs: number;
	/** Period of the background export. */
	readonly intervalMs: number;
	readonly project: ProjectMode;
};

export type OtlpFlags = {
	readonly endpoint?: string;
	/** Repeatable `Key: Value` or `Key=Value`. */
	readonly headers?: readonly string[];
	readonly protocol?: string;
	readonly project?: ProjectMode;
};

/** What the settings screen saves (settings-file.ts). */
export type SavedOtlpSettings = {
	readonly endpoint?: string;
	readonly headers?: Readonly<Record<string, string>>;
	readonly protocol?: OtlpProtocol;
	readonly project?: ProjectMode;
};

export type Env = Readonly<Record<string, string | undefined>>;

export class OtlpConfigError extends Error {
	override readonly name = 'OtlpConfigError';
}

export const defaultTimeoutMs = 10_000;
export const defaultIntervalMs = 60_000;
const metricsPath = '/v1/metrics';
const headerNamePattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function parseUrl(value: string, source: string): URL {
	let parsed: URL | undefined;
	try {
		parsed = new URL(value.trim());
	} catch {
		parsed = undefined;
	}

	if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname) {
		throw new OtlpConfigError(
			`Invalid OTLP endpoint "${redactEndpoint(value)}" (${source}): use an http(s) URL such as http://localhost:4318.`,
		);
	}

	return parsed;
}

/** Generic base endpoint → metrics URL (spec: always append, keeping the base path). */
export function appendMetricsPath(base: URL): string {
	const url = new URL(base.toString());
	url.pathname = url.pathname.replace(/\/+$/, '') + metricsPath;
	return url.toString();
}

/** A flag/settings endpoint: base URL unless it already names the metrics path. */
export function metricsUrlFromUserInput(value: string, source = '--otlp-endpoint'): string {
	const parsed = parseUrl(value, source);
	return parsed.pathname.replace(/\/+$/, '').endsWith(metricsPath) ? parsed.toString() : appendMetricsPath(parsed);
}

/**
One `--otlp-headers` value. Splits at whichever of `:` / `=` comes first, so
`Authorization: Basic dXNlcjpwYXNz==` and `X-Token=a:b` both keep their value intact.
*/
export function parseHeaderFlag(raw: string): [string, string] {
	const colon = raw.indexOf(':');
	const equals = raw.indexOf('=');
	const cut = colon === -1 ? equals : equals === -1 ? colon : Math.min(colon, equals);
	const key = cut === -1 ? '' : raw.slice(0, cut).trim();
	const value = cut === -1 ? '' : raw.slice(cut + 1).trim();
	if (!key || !headerNamePattern.test(key)) {
		const shown = key && headerNamePattern.test(key) ? key : 'the header';
		throw new OtlpConfigError(
			`Invalid --otlp-headers value for ${shown}: write it as "Name: value" or "Name=value", e.g. --otlp-headers "Authorization: Bearer <token>".`,
		);
	}

	assertHeaderValue(key, value, '--otlp-headers');
	return [key, value];
}

function assertHeaderValue(key: string, value: string, source: string): void {
	if (/[\r\n\0]/.test(value)) {
		throw new OtlpConfigError(`Invalid value for header ${key} (${source}): it contains a line break; remove it.`);
	}
}

function decodeComponent(text: string, what: string, source: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		throw new OtlpConfigError(`Invalid ${what} in ${source}: bad percent-encoding; encode "%" as %25.`);
	}
}

/** W3C-baggage-like `k1=v1,k2=v2` list used by OTEL_*_HEADERS and OTEL_RESOURCE_ATTRIBUTES. */
export function parseKeyValueList(text: string, source: string, validateKey = false): Record<string, string> {
	const result: Record<string, string> = {};
	for (const item of text.split(',')) {
		if (!item.trim()) {
			continue;
		}

		const equals = item.indexOf('=');
		const key = equals === -1 ? '' : decodeComponent(item.slice(0, equals).trim(), 'key', source);
		if (!key || (validateKey && !headerNamePattern.test(key))) {
			throw new OtlpConfigError(
				`Invalid entry in ${source}: use comma-separated key=value pairs, e.g. ${source}="Authorization=Bearer%20<token>".`,
			);
		}

		const value = decodeComponent(item.slice(equals + 1).trim(), `value of ${key}`, source);
		if (validateKey) {
			assertHeaderValue(key, value, source);
		}

		result[key] = value;
	}

	return result;
}

/** Merges header maps, later ones winning, case-insensitively (HTTP header names). */
function mergeHeaders(...layers: Array<Readonly<Record<string, string>> | undefined>): Record<string, string> {
	const byLower = new Map<string, [string, string]>();
	for (const layer of layers) {
		for (const [key, value] of Object.entries(layer ?? {})) {
			byLower.set(key.toLowerCase(), [key, value]);
		}
	}

	return Object.fromEntries(byLower.values());
}

function parseProtocol(value: string, source: string): OtlpProtocol {
	const normalized = value.trim().toLowerCase();
	if (normalized === 'http/protobuf' || normalized === 'http/json') {
		return normalized;
	}

	if (normalized === 'grpc') {
		throw new OtlpConfigError(
			`OTLP protocol grpc (${source}) is not supported: use http/protobuf (the collector's port 4318).`,
		);
	}

	throw new OtlpConfigError(`Unknown OTLP protocol "${value}" (${source}): use http/protobuf or http/json.`);
}

function parseMillis(value: string | undefined, source: string, fallback: number): number {
	if (value === undefined || value.trim() === '') {
		return fallback;
	}

	const number = Number(value);
	if (!Number.isFinite(number) || number <= 0) {
		throw new OtlpConfigError(`Invalid ${source} "${value}": use a positive number of milliseconds.`);
	}

	return number;
}

/** AGENT_NCDU_OTLP_PROJECT: how the project attribute is exported. */
function parseProjectMode(value: string | undefined): ProjectMode | undefined {
	const normalized = value?.trim().toLowerCase();
	if (!normalized) {
		return undefined;
	}

	if (normalized === 'name' || normalized === 'hash' || normalized === 'omit') {
		return normalized;
	}

	throw new OtlpConfigError(`Invalid AGENT_NCDU_OTLP_PROJECT "${value}": use name, hash or omit.`);
}

/**
How the `project` attribute is exported, wherever metrics go (OTLP or the Prometheus
endpoint): the flag, else AGENT_NCDU_OTLP_PROJECT, else the saved settings, else `name`.
*/
export function projectModeFor(env: Env, saved?: SavedOtlpSettings, flag?: ProjectMode): ProjectMode {
	return flag ?? parseProjectMode(env.AGENT_NCDU_OTLP_PROJECT) ?? saved?.project ?? 'name';
}

function nonEmpty(value: string | undefined): string | undefined {
	return value !== undefined && value.trim() !== '' ? value : undefined;
}

/** Resolves the endpoint URL by precedence; undefined when nothing configures OTLP. */
function resolveEndpoint(flags: OtlpFlags, env: Env, saved: SavedOtlpSettings | undefined): string | undefined {
	const flag = nonEmpty(flags.endpoint);
	if (flag) {
		return metricsUrlFromUserInput(flag);
	}

	const signal = nonEmpty(env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT);
	if (signal) {
		return parseUrl(signal, 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT').toString();
	}

	const generic = nonEmpty(env.OTEL_EXPORTER_OTLP_ENDPOINT);
	if (generic) {
		return appendMetricsPath(parseUrl(generic, 'OTEL_EXPORTER_OTLP_ENDPOINT'));
	}

	const stored = nonEmpty(saved?.endpoint);
	return stored ? metricsUrlFromUserInput(stored, 'saved settings') : undefined;
}

/**
Flags + environment (+ saved settings) → config, or undefined when no endpoint is set.
Throws OtlpConfigError with a one-line message on any invalid value.
*/
export function resolveOtlpConfig(flags: OtlpFlags, env: Env, saved?: SavedOtlpSettings): OtlpConfig | undefined {
	const endpoint = resolveEndpoint(flags, env, saved);
	if (!endpoint) {
		return undefined;
	}

	const flagHeaders = Object.fromEntries((flags.headers ?? []).map(raw => parseHeaderFlag(raw)));
	const headers = mergeHeaders(
		saved?.headers,
		parseKeyValueList(env.OTEL_EXPORTER_OTLP_HEADERS ?? '', 'OTEL_EXPORTER_OTLP_HEADERS', true),
		parseKeyValueList(env.OTEL_EXPORTER_OTLP_METRICS_HEADERS ?? '', 'OTEL_EXPORTER_OTLP_METRICS_HEADERS', true),
		flagHeaders,
	);

	const protocolSource = nonEmpty(flags.protocol)
		? (['--otlp-protocol', flags.protocol!] as const)
		: nonEmpty(env.OTEL_EXPORTER_OTLP_METRICS_PROTOCOL)
			? (['OTEL_EXPORTER_OTLP_METRICS_PROTOCOL', env.OTEL_EXPORTER_OTLP_METRICS_PROTOCOL!] as const)
			: nonEmpty(env.OTEL_EXPORTER_OTLP_PROTOCOL)
				? (['OTEL_EXPORTER_OTLP_PROTOCOL', env.OTEL_EXPORTER_OTLP_PROTOCOL!] as const)
				: undefined;
	const protocol = protocolSource
		? parseProtocol(protocolSource[1], protocolSource[0])
		: (saved?.protocol ?? 'http/protobuf');

	const resourceAttributes = parseKeyValueList(env.OTEL_RESOURCE_ATTRIBUTES ?? '', 'OTEL_RESOURCE_ATTRIBUTES');
	const serviceName = nonEmpty(env.OTEL_SERVICE_NAME);
	if (serviceName) {
		resourceAttributes['service.name'] = serviceName;
	}

	const timeoutMs = env.OTEL_EXPORTER_OTLP_METRICS_TIMEOUT
		? parseMillis(env.OTEL_EXPORTER_OTLP_METRICS_TIMEOUT, 'OTEL_EXPORTER_OTLP_METRICS_TIMEOUT', defaultTimeoutMs)
		: parseMillis(env.OTEL_EXPORTER_OTLP_TIMEOUT, 'OTEL_EXPORTER_OTLP_TIMEOUT', defaultTimeoutMs);
	const intervalMs = parseMillis(env.OTEL_METRIC_EXPORT_INTERVAL, 'OTEL_METRIC_EXPORT_INTERVAL', defaultIntervalMs);

	const project = projectModeFor(env, saved, flags.project);
	return {endpoint, headers, protocol, resourceAttributes, timeoutMs, intervalMs, project};
}

/** Header names with masked values, for `--verbose` and the settings screen. */
export function maskHeaders(headers: Readonly<Record<string, string>>): string {
	const entries = Object.keys(headers).map(key => `${key}: ${maskValue(headers[key] ?? '')}`);
	return entries.length === 0 ? '(none)' : entries.join(', ');
}

/** Never reveals more than the length class of a secret. */
export function maskValue(value: string): string {
	return value.length === 0 ? '(empty)' : '•'.repeat(Math.min(8, Math.max(4, value.length)));
}

/** A one-line description for `--verbose` (no header values). */
export function describeConfig(config: OtlpConfig): string {
	return `OTLP ${config.protocol} → ${redactEndpoint(config.endpoint)} every ${Math.round(config.intervalMs / 1000)} s; headers: ${maskHeaders(config.headers)}`;
}
