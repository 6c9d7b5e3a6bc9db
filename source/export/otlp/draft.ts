/**
The settings screen's editable draft and its conversion to an OtlpConfig. Pure, so the
screen stays a thin view and the rules (URL, header parsing, masking) are the CLI's own.

Invariant: `displayHeader` never shows a value, only its length class (`maskValue`).
*/
import {
	defaultIntervalMs,
	defaultTimeoutMs,
	maskValue,
	metricsUrlFromUserInput,
	type OtlpConfig,
	OtlpConfigError,
	type OtlpProtocol,
	parseHeaderFlag,
	type ProjectMode,
} from './config.js';

export type OtlpDraft = {
	readonly endpoint: string;
	/** `Name: value` lines as typed. */
	readonly headers: readonly string[];
	readonly protocol: OtlpProtocol;
	readonly project: ProjectMode;
};

export const protocols: readonly OtlpProtocol[] = ['http/protobuf', 'http/json'];
export const projectModes: readonly ProjectMode[] = ['name', 'hash', 'omit'];

export function draftFromConfig(config: OtlpConfig | undefined): OtlpDraft {
	return {
		endpoint: config?.endpoint ?? 'http://localhost:4318',
		headers: Object.entries(config?.headers ?? {}).map(([key, value]) => `${key}: ${value}`),
		protocol: config?.protocol ?? 'http/protobuf',
		project: config?.project ?? 'name',
	};
}

export type DraftResult =
	| {readonly ok: true; readonly config: OtlpConfig}
	| {readonly ok: false; readonly error: string};

/** Draft → config, keeping the base config's timeout, interval and resource attributes. */
export function configFromDraft(draft: OtlpDraft, base: OtlpConfig | undefined): DraftResult {
	try {
		const endpoint = metricsUrlFromUserInput(draft.endpoint, 'endpoint');
		const headers: Record<string, string> = {};
		for (const line of draft.headers) {
			if (line.trim()) {
				const [key, value] = parseHeaderFlag(line);
				headers[key] = value;
			}
		}

		return {
			ok: true,
			config: {
				endpoint,
				headers,
				protocol: draft.protocol,
				project: draft.project,
				resourceAttributes: base?.resourceAttributes ?? {},
				timeoutMs: base?.timeoutMs ?? defaultTimeoutMs,
				intervalMs: base?.intervalMs ?? defaultIntervalMs,
			},
		};
	} catch (error) {
		return {ok: false, error: error instanceof OtlpConfigError ? error.message : 'Invalid settings.'};
	}
}

/**
`Name: ••••` for a typed header line (name shown, value masked). While the user types,
`typing` shows one bullet per character so they can follow their input.
*/
export function displayHeader(line: string, typing = false): string {
	const colon = line.indexOf(':');
	const equals = line.indexOf('=');
	const cut = colon === -1 ? equals : equals === -1 ? colon : Math.min(colon, equals);
	if (cut === -1) {
		// Still typing the name; a finished line without a separator is invalid and may be a bare secret.
		return typing ? line : maskValue(line);
	}

	if (typing) {
		return `${line.slice(0, cut + 1)}${'•'.repeat(line.length - cut - 1)}`;
	}

	const value = line.slice(cut + 1).trim();
	const name = line.slice(0, cut).trim();
	return value ? `${name}: ${maskValue(value)}` : `${name}:`;
}
