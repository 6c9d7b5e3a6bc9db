/**
Public surface of the OTLP export and the Prometheus endpoint for the CLI and the TUI.
*/
export {
	defaultIntervalMs,
	describeConfig,
	maskHeaders,
	metricsUrlFromUserInput,
	type OtlpConfig,
	OtlpConfigError,
	type OtlpFlags,
	type OtlpProtocol,
	type ProjectMode,
	projectModeFor,
	resolveOtlpConfig,
	type SavedOtlpSettings,
} from './config.js';
export {
	type ExportOutcome,
	exportOnce,
	type OtlpController,
	type OtlpState,
	type OtlpStatus,
	type StartOptions,
	startOtlp,
} from './exporter.js';
export {instruments} from './metrics.js';
export {redactEndpoint} from './redact-endpoint.js';
export {loadOtlpSettings, saveOtlpSettings, settingsFilePath} from './settings-file.js';
export {defaultValidationTimeoutMs, type ValidationResult, validateEndpoint} from './validate.js';
export {
	type ListenAddress,
	PrometheusListenError,
	type PrometheusOptions,
	type PrometheusServer,
	servePrometheus,
} from './prometheus.js';
