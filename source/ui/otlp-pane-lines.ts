/**
What the OTLP settings pane draws, as plain lines (pure; otlp-settings.tsx turns them into
<Text>): title, the rows with the focus marker, the export status, and the message or key hints;
and the entries of the protocol and project lists (otlp-settings.tsx opens them in a Picker).

Header values are never drawn: only `Name: ••••` (bullets per typed character while editing);
the endpoint's user-info, query values and fragment are hidden the same way (redactEndpoint).
Every line is made inert and cut to the pane's width.
*/
import {inertText} from '../core/inert-text.js';
import {displayHeader, projectModes, protocols} from '../export/otlp/draft.js';
import type {OtlpStatus} from '../export/otlp/exporter.js';
import {redactEndpoint} from '../export/otlp/redact-endpoint.js';
import {truncate} from './format.js';
import {
	focusedRow,
	type OtlpPaneState,
	type PaneChoice,
	type PaneActionName,
	type PaneMessage,
	type PaneRow,
	paneRows,
	sameRow,
} from './otlp-pane-state.js';

export type PaneLine = {
	readonly key: string;
	readonly text: string;
	readonly inverse?: boolean;
	readonly bold?: boolean;
	readonly color?: 'red' | 'green';
};

const actionLabels: Record<PaneActionName, string> = {
	test: 'Test (t)',
	connect: 'Connect (c)',
	disconnect: 'Disconnect (x)',
	save: 'Save (s)',
};
const projectHelp = {name: 'short project name', hash: 'hashed project name', omit: 'no project attribute'} as const;

/** The list the protocol or project row opens: its title, entries and the value in effect. */
export function choiceList(state: OtlpPaneState, choice: PaneChoice) {
	const {draft} = state;
	if (choice === 'protocol') {
		const items = protocols.map(protocol => ({label: protocol, value: protocol as string}));
		return {title: 'Protocol', items, current: protocols.indexOf(draft.protocol)};
	}

	const items = projectModes.map(mode => ({label: `${mode}: ${projectHelp[mode]}`, value: mode as string}));
	return {title: 'Project attribute', items, current: projectModes.indexOf(draft.project)};
}

function clock(time: number): string {
	return new Date(time).toTimeString().slice(0, 8);
}

/** Status line and, once something was exported, a second line with the last export. */
export function describeStatus(status: OtlpStatus | undefined): PaneMessage & {detail?: string} {
	if (!status) {
		return {tone: 'info', text: '○ not connected'};
	}

	const detail = status.lastExportAt
		? `Last export ${clock(status.lastExportAt)}: ${status.lastPoints} points · ${status.exports} exports, ${status.pointsExported} points in all`
		: undefined;
	switch (status.state) {
		case 'connected': {
			return {tone: 'ok', text: `● connected to ${status.endpoint} (${status.protocol})`, detail};
		}

		case 'error': {
			return {tone: 'error', text: `✖ ${status.lastError ?? 'export failed'}`, detail};
		}

		case 'connecting': {
			return {tone: 'info', text: `… connecting to ${status.endpoint} (${status.protocol})`};
		}

		default: {
			return {tone: 'info', text: '○ disconnected', detail};
		}
	}
}

function toneColor(tone: PaneMessage['tone'] | undefined): PaneLine['color'] {
	return tone === 'error' ? 'red' : tone === 'ok' ? 'green' : undefined;
}

/** The label and value of one settings row (values masked or redacted). */
function rowText(state: OtlpPaneState, row: PaneRow): {label: string; value: string} {
	const {draft, editing} = state;
	// The text being typed into this row, if it is the one edited.
	const buffer = editing && sameRow(row, editing.row) ? editing.buffer : undefined;
	switch (row.kind) {
		case 'endpoint': {
			const value = buffer === undefined ? redactEndpoint(draft.endpoint) : redactEndpoint(buffer, true);
			return {label: 'Endpoint', value};
		}

		case 'protocol': {
			return {label: 'Protocol', value: `${draft.protocol}  (Enter: choose)`};
		}

		case 'project': {
			return {label: 'Project', value: `${draft.project}: ${projectHelp[draft.project]}  (Enter: choose)`};
		}

		case 'header': {
			const value = buffer === undefined ? displayHeader(draft.headers[row.index] ?? '') : displayHeader(buffer, true);
			return {label: row.index === 0 ? 'Headers' : '', value};
		}

		case 'addHeader': {
			return {label: draft.headers.length === 0 ? 'Headers' : '', value: '+ add header (Enter, then "Name: value")'};
		}

		default: {
			return {label: '', value: `[ ${actionLabels[row.action]} ]`};
		}
	}
}

export function otlpPaneLines(
	state: OtlpPaneState,
	status: OtlpStatus | undefined,
	layout: {readonly canSave: boolean; readonly width: number},
): PaneLine[] {
	const {editing, message} = state;
	const clip = (text: string) => truncate(inertText(text), Math.max(1, layout.width), false);
	const current = focusedRow(state, layout.canSave);
	const rows = paneRows(state.draft, layout.canSave).map((row): PaneLine => {
		const isEditing = sameRow(row, editing?.row);
		// The row whose list is open below it is bold, without the marker: the list's marker is the one.
		const isChoosing = row.kind === state.choosing;
		const focused = sameRow(row, current) && !isEditing && !isChoosing;
		const {label, value} = rowText(state, row);
		const text = `${focused || isEditing ? '›' : ' '} ${label.padEnd(10)} ${value}${isEditing ? '▏' : ''}`;
		return {key: JSON.stringify(row), text: clip(text), inverse: focused, bold: isEditing || isChoosing};
	});
	const statusLine = describeStatus(status);
	const hints = editing
		? 'Enter: keep · Esc: cancel · Ctrl+U: clear'
		: '↑/↓ move · Enter edit/run · d delete header · Esc close';
	return [
		{key: 'title', text: clip('OTLP export settings  Esc: close'.padEnd(layout.width)), inverse: true},
		...rows,
		{key: 'status', text: clip(`Status: ${statusLine.text}`), color: toneColor(statusLine.tone)},
		...(statusLine.detail ? [{key: 'detail', text: clip(`        ${statusLine.detail}`)}] : []),
		{key: 'message', text: clip(message?.text ?? hints), color: toneColor(message?.tone)},
	];
}
