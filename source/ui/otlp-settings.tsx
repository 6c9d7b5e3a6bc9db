/**
OTLP settings overlay (`o`): edit endpoint, protocol, project privacy and headers, Test the
endpoint, Connect/Disconnect, Save, and watch the live export status.

Owns its keyboard through `useInput({isActive})`; the browser renders it in place of the list.
Header values are never drawn: only `Name: ••••` (bullets per typed character while editing);
the endpoint's user-info, query values and fragment are hidden the same way (redactEndpoint).
The rules (URL, header syntax) are the CLI's, via export/otlp/draft.ts.
*/
import {Box, type Key, Text, useInput} from 'ink';
import {useEffect, useReducer, useRef, useState} from 'react';
import {inertText} from '../core/inert-text.js';
import type {OtlpConfig} from '../export/otlp/config.js';
import {
	configFromDraft,
	displayHeader,
	draftFromConfig,
	nextOf,
	type OtlpDraft,
	projectModes,
	protocols,
} from '../export/otlp/draft.js';
import type {OtlpController, OtlpStatus} from '../export/otlp/exporter.js';
import {redactEndpoint} from '../export/otlp/redact-endpoint.js';
import type {ValidationResult} from '../export/otlp/validate.js';
import {truncate} from './format.js';

export type OtlpSettingsProps = {
	readonly controller: OtlpController | undefined;
	readonly config: OtlpConfig | undefined;
	onConnect(config: OtlpConfig): void;
	onDisconnect(): void;
	onClose(): void;
	saveConfig?(config: OtlpConfig): Promise<void>;
	/** Test (`t`): the host sends one empty export (the pane itself does no network I/O). */
	testEndpoint(config: OtlpConfig): Promise<ValidationResult>;
	readonly width: number;
	readonly height: number;
	/** False while another overlay owns the keyboard (default true). */
	readonly isActive?: boolean;
};

type Row =
	| {kind: 'endpoint'}
	| {kind: 'protocol'}
	| {kind: 'project'}
	| {kind: 'header'; index: number}
	| {kind: 'addHeader'}
	| {kind: 'action'; action: Action};
type Action = 'test' | 'connect' | 'disconnect' | 'save';
type Message = {tone: 'info' | 'ok' | 'error'; text: string};
type Editing = {row: Row; buffer: string; isNew: boolean};

const actionLabels: Record<Action, string> = {
	test: 'Test (t)',
	connect: 'Connect (c)',
	disconnect: 'Disconnect (x)',
	save: 'Save (s)',
};
const projectHelp = {name: 'short project name', hash: 'hashed project name', omit: 'no project attribute'} as const;

function rowsOf(draft: OtlpDraft, canSave: boolean): Row[] {
	const actions: Action[] = canSave ? ['test', 'connect', 'disconnect', 'save'] : ['test', 'connect', 'disconnect'];
	return [
		{kind: 'endpoint'},
		{kind: 'protocol'},
		{kind: 'project'},
		...draft.headers.map((_, index) => ({kind: 'header' as const, index})),
		{kind: 'addHeader'},
		...actions.map(action => ({kind: 'action' as const, action})),
	];
}

function sameRow(a: Row | undefined, b: Row | undefined): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

function firstLine(error: unknown): string {
	return error instanceof Error ? (error.message.split('\n')[0] ?? '') : 'unknown error';
}

function clock(time: number): string {
	return new Date(time).toTimeString().slice(0, 8);
}

/** Status line and, once something was exported, a second line with the last export. */
export function describeStatus(status: OtlpStatus | undefined): Message & {detail?: string} {
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

function useControllerStatus(controller: OtlpController | undefined): OtlpStatus | undefined {
	const [status, setStatus] = useState(controller?.status);
	useEffect(() => {
		setStatus(controller?.status);
		return controller?.subscribe(setStatus);
	}, [controller]);
	return status;
}

type ScreenState = {
	readonly draft: OtlpDraft;
	readonly focus: number;
	readonly editing?: Editing;
	readonly message?: Message;
};

export function OtlpSettings(props: OtlpSettingsProps) {
	const {controller, config, width, height} = props;
	// State lives in a ref so a burst of keys (typing, pasting) always sees the latest value,
	// whatever the order of Ink's re-render and handler re-subscription.
	const state = useRef<ScreenState>({draft: draftFromConfig(controller?.config ?? config), focus: 0});
	const propsRef = useRef(props);
	propsRef.current = props;
	const [, rerender] = useReducer((version: number) => version + 1, 0);
	const status = useControllerStatus(controller);
	const mounted = useRef(true);
	useEffect(() => {
		mounted.current = true;
		return () => {
			mounted.current = false;
		};
	}, []);

	const set = (patch: Partial<ScreenState>) => {
		state.current = {...state.current, ...patch};
		if (mounted.current) {
			rerender();
		}
	};

	const say = (message: Message) => set({message});
	const rowsNow = () => rowsOf(state.current.draft, propsRef.current.saveConfig !== undefined);
	const focusedRow = () => {
		const rows = rowsNow();
		return rows[Math.min(state.current.focus, rows.length - 1)]!;
	};

	const built = () => {
		const result = configFromDraft(state.current.draft, propsRef.current.controller?.config ?? propsRef.current.config);
		if (!result.ok) {
			say({tone: 'error', text: result.error});
			return undefined;
		}

		return result.config;
	};

	const run = (action: Action) => {
		const current = propsRef.current;
		if (action === 'disconnect') {
			current.onDisconnect();
			say({tone: 'info', text: 'Disconnected: no more exports.'});
			return;
		}

		const next = built();
		if (!next) {
			return;
		}

		const shown = redactEndpoint(next.endpoint);
		if (action === 'connect') {
			current.onConnect(next);
			say({tone: 'info', text: `Exporting to ${shown} every ${Math.round(next.intervalMs / 1000)} s.`});
		} else if (action === 'test') {
			say({tone: 'info', text: `Testing ${shown} …`});
			current.testEndpoint(next).then(
				result =>
					say(
						result.ok
							? {tone: 'ok', text: `✔ ${shown} accepted an empty export (HTTP ${result.status}).`}
							: {tone: 'error', text: `✖ ${result.error}`},
					),
				(error: unknown) => say({tone: 'error', text: `✖ ${firstLine(error)}`}),
			);
		} else if (current.saveConfig) {
			current.saveConfig(next).then(
				() => say({tone: 'ok', text: '✔ Saved (file mode 0600).'}),
				(error: unknown) => say({tone: 'error', text: `✖ Could not save: ${firstLine(error)}`}),
			);
		}
	};

	const withoutHeader = (draft: OtlpDraft, index: number): OtlpDraft => ({
		...draft,
		headers: draft.headers.filter((_, at) => at !== index),
	});

	const onEditKey = (edit: Editing, input: string, key: Key) => {
		const {draft} = state.current;
		if (key.return) {
			const text = edit.buffer.trim();
			if (edit.row.kind === 'endpoint') {
				set({draft: {...draft, endpoint: text}, editing: undefined});
			} else if (edit.row.kind === 'header') {
				const index = edit.row.index;
				set({
					draft: text
						? {...draft, headers: draft.headers.map((line, at) => (at === index ? edit.buffer : line))}
						: withoutHeader(draft, index),
					editing: undefined,
				});
			}
		} else if (key.escape) {
			set({
				draft: edit.isNew && edit.row.kind === 'header' ? withoutHeader(draft, edit.row.index) : draft,
				editing: undefined,
			});
		} else if (key.backspace || key.delete) {
			set({editing: {...edit, buffer: edit.buffer.slice(0, -1)}});
		} else if (key.ctrl && input === 'u') {
			set({editing: {...edit, buffer: ''}});
		} else if (!key.ctrl && !key.meta && input) {
			// Pasted text may carry line breaks or control characters: never part of a value.
			set({editing: {...edit, buffer: edit.buffer + input.replace(/[\u0000-\u001F\u007F]/g, '')}});
		}
	};

	const cycle = (row: Row, step: number) => {
		const {draft} = state.current;
		if (row.kind === 'protocol') {
			set({draft: {...draft, protocol: nextOf(protocols, draft.protocol, step)}});
		} else if (row.kind === 'project') {
			set({draft: {...draft, project: nextOf(projectModes, draft.project, step)}});
		}
	};

	const onKey = (input: string, key: Key) => {
		const {draft, editing} = state.current;
		if (editing) {
			onEditKey(editing, input, key);
			return;
		}

		const rows = rowsNow();
		const focus = Math.min(state.current.focus, rows.length - 1);
		const current = focusedRow();
		if (key.escape || input === 'q') {
			propsRef.current.onClose();
		} else if (key.upArrow || input === 'k' || (key.tab && key.shift)) {
			set({focus: (focus - 1 + rows.length) % rows.length});
		} else if (key.downArrow || input === 'j' || key.tab) {
			set({focus: (focus + 1) % rows.length});
		} else if (key.leftArrow || key.rightArrow || input === ' ') {
			cycle(current, key.leftArrow ? -1 : 1);
		} else if ((input === 'd' || key.delete) && current.kind === 'header') {
			set({draft: withoutHeader(draft, current.index)});
		} else if (input === 't' || input === 'c' || input === 'x' || (input === 's' && propsRef.current.saveConfig)) {
			run(({t: 'test', c: 'connect', x: 'disconnect', s: 'save'} as const)[input]);
		} else if (key.return) {
			if (current.kind === 'endpoint') {
				set({editing: {row: current, buffer: draft.endpoint, isNew: false}, message: undefined});
			} else if (current.kind === 'header') {
				set({editing: {row: current, buffer: draft.headers[current.index] ?? '', isNew: false}, message: undefined});
			} else if (current.kind === 'addHeader') {
				// The new header takes the add row's place; the cursor stays on it.
				set({
					draft: {...draft, headers: [...draft.headers, '']},
					editing: {row: {kind: 'header', index: draft.headers.length}, buffer: '', isNew: true},
					message: undefined,
				});
			} else if (current.kind === 'action') {
				run(current.action);
			} else {
				cycle(current, 1);
			}
		}
	};

	useInput(onKey, {isActive: props.isActive !== false});

	const {draft, editing, message} = state.current;
	const current = focusedRow();
	const rows = rowsNow();
	const clip = (text: string) => truncate(inertText(text), Math.max(1, width), false);
	const line = (row: Row, label: string, value: string) => {
		const focused = sameRow(row, current) && !sameRow(row, editing?.row);
		const isEditing = sameRow(row, editing?.row);
		return (
			<Text key={JSON.stringify(row)} wrap="truncate" inverse={focused} bold={isEditing}>
				{clip(`${focused || isEditing ? '›' : ' '} ${label.padEnd(10)} ${value}${isEditing ? '▏' : ''}`)}
			</Text>
		);
	};

	const headerValue = (index: number) => {
		const editingThis = editing?.row.kind === 'header' && editing.row.index === index;
		return editingThis ? displayHeader(editing.buffer, true) : displayHeader(draft.headers[index] ?? '');
	};

	const statusLine = describeStatus(status);
	const body = [
		<Text key="title" inverse wrap="truncate">
			{clip('OTLP export settings  Esc: close'.padEnd(width))}
		</Text>,
		line(
			{kind: 'endpoint'},
			'Endpoint',
			editing?.row.kind === 'endpoint' ? redactEndpoint(editing.buffer, true) : redactEndpoint(draft.endpoint),
		),
		line({kind: 'protocol'}, 'Protocol', `${draft.protocol}  (←/→)`),
		line({kind: 'project'}, 'Project', `${draft.project}: ${projectHelp[draft.project]}  (←/→)`),
		...draft.headers.map((_, index) => line({kind: 'header', index}, index === 0 ? 'Headers' : '', headerValue(index))),
		line({kind: 'addHeader'}, draft.headers.length === 0 ? 'Headers' : '', '+ add header (Enter, then "Name: value")'),
		...rows
			.filter(row => row.kind === 'action')
			.map(row => line(row, '', `[ ${actionLabels[(row as {action: Action}).action]} ]`)),
		<Text
			key="status"
			wrap="truncate"
			color={statusLine.tone === 'error' ? 'red' : statusLine.tone === 'ok' ? 'green' : undefined}
		>
			{clip(`Status: ${statusLine.text}`)}
		</Text>,
		...(statusLine.detail
			? [
					<Text key="detail" wrap="truncate">
						{clip(`        ${statusLine.detail}`)}
					</Text>,
				]
			: []),
		<Text
			key="message"
			wrap="truncate"
			color={message?.tone === 'error' ? 'red' : message?.tone === 'ok' ? 'green' : undefined}
		>
			{clip(
				message?.text ??
					(editing
						? 'Enter: keep · Esc: cancel · Ctrl+U: clear'
						: '↑/↓ move · Enter edit/run · d delete header · Esc close'),
			)}
		</Text>,
	];
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			{body.slice(0, Math.max(1, height))}
		</Box>
	);
}
