/**
OTLP settings overlay (`o`): edit endpoint, protocol, project privacy and headers, Test the
endpoint, Connect/Disconnect, Save, and watch the live export status. Protocol and project
mode are picked from a list (ui/picker.tsx) that opens under their row.

A thin component: the state and every rule live in the pure reducer (otlp-pane-state.ts), the
lines it draws in otlp-pane-lines.ts; this file feeds it keys and performs its effects through
the host's callbacks (the pane itself does no I/O). Owns its keyboard through
`useInput({isActive})`; the browser renders it in place of the list.
*/
import {Box, type Key, Text, useInput} from 'ink';
import {useEffect, useReducer, useRef, useState} from 'react';
import type {OtlpConfig} from '../export/otlp/config.js';
import type {OtlpController, OtlpStatus} from '../export/otlp/exporter.js';
import type {ValidationResult} from '../export/otlp/validate.js';
import {choiceList, otlpPaneLines} from './otlp-pane-lines.js';
import {
	firstLine,
	initialPaneState,
	type OtlpPaneEffect,
	type OtlpPaneEvent,
	type OtlpPaneState,
	otlpPaneReducer,
} from './otlp-pane-state.js';
import {Picker} from './picker.js';
import type {Theme} from './theme.js';

export {describeStatus} from './otlp-pane-lines.js';

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
	readonly theme: Theme;
	/** False while another overlay owns the keyboard (default true). */
	readonly isActive?: boolean;
};

function useControllerStatus(controller: OtlpController | undefined): OtlpStatus | undefined {
	const [status, setStatus] = useState(controller?.status);
	useEffect(() => {
		setStatus(controller?.status);
		return controller?.subscribe(setStatus);
	}, [controller]);
	return status;
}

/** Calls the host for an effect of the reducer; the outcome of a test or save comes back as an event. */
function perform(effect: OtlpPaneEffect, props: OtlpSettingsProps, dispatch: (event: OtlpPaneEvent) => void): void {
	switch (effect.type) {
		case 'close': {
			props.onClose();
			return;
		}

		case 'disconnect': {
			props.onDisconnect();
			return;
		}

		case 'connect': {
			props.onConnect(effect.config);
			return;
		}

		case 'test': {
			const {config} = effect;
			props.testEndpoint(config).then(
				result => dispatch({type: 'tested', config, result}),
				(error: unknown) => dispatch({type: 'tested', config, result: {ok: false, error: firstLine(error)}}),
			);
			return;
		}

		default: {
			props.saveConfig?.(effect.config).then(
				() => dispatch({type: 'saved'}),
				(error: unknown) => dispatch({type: 'saveFailed', error}),
			);
		}
	}
}

/**
The pane's state, held in a ref so a burst of keys (typing, pasting) always sees the latest
value, whatever the order of Ink's re-render and handler re-subscription. A test or save that
settles after the pane closed updates the ref but draws nothing.
*/
function useOtlpPane(props: OtlpSettingsProps): {
	state: OtlpPaneState;
	onKey(input: string, key: Key): void;
	dispatch(event: OtlpPaneEvent): void;
} {
	const state = useRef<OtlpPaneState>(initialPaneState(props.controller?.config ?? props.config));
	const propsRef = useRef(props);
	propsRef.current = props;
	const [, rerender] = useReducer((version: number) => version + 1, 0);
	const mounted = useRef(true);
	useEffect(() => {
		mounted.current = true;
		return () => {
			mounted.current = false;
		};
	}, []);

	const dispatch = (event: OtlpPaneEvent) => {
		const update = otlpPaneReducer(state.current, event);
		state.current = update.state;
		if (mounted.current) {
			rerender();
		}

		if (update.effect) {
			perform(update.effect, propsRef.current, dispatch);
		}
	};

	const onKey = (input: string, key: Key) => {
		const {saveConfig, controller, config} = propsRef.current;
		dispatch({type: 'key', input, key, canSave: saveConfig !== undefined, base: controller?.config ?? config});
	};

	return {state: state.current, onKey, dispatch};
}

/** Indent of the open list: under the row's value (marker, label column, space). */
const choiceIndent = 13;

export function OtlpSettings(props: OtlpSettingsProps) {
	const {width, height} = props;
	const status = useControllerStatus(props.controller);
	const {state, onKey, dispatch} = useOtlpPane(props);
	// While a list is open it reads the keys itself.
	useInput(onKey, {isActive: props.isActive !== false && !state.choosing});
	const lines = otlpPaneLines(state, status, {canSave: props.saveConfig !== undefined, width});
	const choice = state.choosing ? choiceList(state, state.choosing) : undefined;
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			{lines.slice(0, Math.max(1, height)).flatMap(line => {
				const text = (
					<Text key={line.key} wrap="truncate" inverse={line.inverse} bold={line.bold} color={line.color}>
						{line.text}
					</Text>
				);
				if (!choice || line.key !== JSON.stringify({kind: state.choosing})) {
					return [text];
				}

				return [
					text,
					<Box key="choice" marginLeft={choiceIndent} flexShrink={0}>
						<Picker
							title={choice.title}
							items={choice.items}
							current={choice.current}
							rows={choice.items.length + 1}
							width={Math.max(1, width - choiceIndent)}
							theme={props.theme}
							onPick={value => dispatch({type: 'chose', value})}
							onCancel={() => dispatch({type: 'choiceCancelled'})}
						/>
					</Box>,
				];
			})}
		</Box>
	);
}
