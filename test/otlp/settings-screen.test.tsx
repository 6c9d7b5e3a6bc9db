import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {type OtlpConfig, resolveOtlpConfig} from '../../source/export/otlp/config.js';
import {type OtlpController, startOtlp} from '../../source/export/otlp/exporter.js';
import {validateEndpoint} from '../../source/export/otlp/validate.js';
import {OtlpSettings} from '../../source/ui/otlp-settings.js';
import {makeTheme} from '../../source/ui/theme.js';
import {waitFor} from '../support/wait-for.js';
import {flushEffects, pickerSelection} from '../ui/helpers.js';
import {baseEvents, type Receiver, startReceiver, treeOf} from './support.js';

const keys = {up: '\u001B[A', down: '\u001B[B', right: '\u001B[C', enter: '\r', escape: '\u001B', backspace: '\u007F'};
const secret = 'Bearer zq9-SECRET-77';

const receivers: Receiver[] = [];
const controllers: OtlpController[] = [];
afterEach(async () => {
	cleanup();
	await Promise.all(controllers.splice(0).map(controller => controller.shutdown(200)));
	await Promise.all(receivers.splice(0).map(receiver => receiver.close()));
});

function mount(props: Partial<Parameters<typeof OtlpSettings>[0]> = {}) {
	const calls = {connect: [] as OtlpConfig[], disconnect: 0, close: 0, save: [] as OtlpConfig[]};
	const app = render(
		<OtlpSettings
			controller={undefined}
			config={undefined}
			onConnect={config => calls.connect.push(config)}
			onDisconnect={() => calls.disconnect++}
			onClose={() => calls.close++}
			saveConfig={async config => {
				calls.save.push(config);
			}}
			testEndpoint={validateEndpoint}
			width={100}
			height={20}
			theme={makeTheme({ascii: false, color: false})}
			{...props}
		/>,
	);
	const frame = () => app.lastFrame() ?? '';
	const press = async (input: string, expected?: string | ((frame: string) => boolean)) => {
		app.stdin.write(input);
		if (expected !== undefined) {
			const check = typeof expected === 'string' ? (text: string) => text.includes(expected) : expected;
			await waitFor(() => check(frame()), {message: () => `expected ${String(expected)} in:\n${frame()}`});
		}
	};

	const type = async (text: string) => {
		for (const character of text) {
			app.stdin.write(character);
		}
	};

	return {app, frame, press, type, calls};
}

/** Moves the cursor to the row whose text contains `label`. Bounded by the row count. */
async function focusRow(view: ReturnType<typeof mount>, label: string): Promise<void> {
	for (let step = 0; step < 20; step++) {
		const focused =
			view
				.frame()
				.split('\n')
				.find(line => line.startsWith('›')) ?? '';
		if (focused.includes(label)) {
			return;
		}

		await view.press(keys.down, frame => (frame.split('\n').find(line => line.startsWith('›')) ?? '') !== focused);
	}

	throw new Error(`row ${label} not found in:\n${view.frame()}`);
}

describe('OtlpSettings', () => {
	it('edits endpoint, protocol and a header (masked), then connects and saves with that config', async () => {
		const view = mount();
		await waitFor(() => view.frame().includes('Endpoint'));
		expect(view.frame()).toContain('http://localhost:4318');
		expect(view.frame()).toContain('○ not connected');

		await view.press(keys.enter, frame => frame.includes('Enter: keep'));
		await view.press('\u0015', frame => !frame.includes('localhost')); // Ctrl+U clears
		await view.type('https://otlp.example.com:4318');
		await view.press(keys.enter, '↑/↓ move');
		expect(view.frame()).toContain('› Endpoint   https://otlp.example.com:4318\n');

		await focusRow(view, 'Protocol');
		await view.press(keys.enter, 'Enter: pick');
		await flushEffects();
		await view.press(keys.down, frame => pickerSelection(frame) === 'http/json');
		await flushEffects();
		await view.press(keys.enter, frame => !frame.includes('Enter: pick') && frame.includes('Protocol   http/json'));
		// The pane reads the keys again once its input handler is back (an effect after the frame).
		await flushEffects();
		await focusRow(view, 'Project');
		await view.press(' ', 'Enter: pick');
		expect(pickerSelection(view.frame())).toBe('name: short project name');
		await flushEffects();
		await view.press('2', frame => frame.includes('Project    hash: hashed project name'));
		expect(view.frame()).not.toContain('Enter: pick');
		await flushEffects();

		await focusRow(view, '+ add header');
		await view.press(keys.enter, 'Enter: keep');
		await view.type(`Authorization: ${secret}`);
		await waitFor(() => view.frame().includes('Authorization:' + '•'.repeat(secret.length + 1)));
		await view.press(keys.enter, 'Authorization: ••••••••');
		expect(view.frame()).not.toContain('SECRET');

		await view.press('c', 'Exporting to https://otlp.example.com:4318/v1/metrics every 60 s.');
		expect(view.calls.connect).toEqual([
			{
				endpoint: 'https://otlp.example.com:4318/v1/metrics',
				headers: {Authorization: secret},
				protocol: 'http/json',
				project: 'hash',
				resourceAttributes: {},
				timeoutMs: 10_000,
				intervalMs: 60_000,
			},
		]);
		await view.press('s', '✔ Saved (file mode 0600).');
		expect(view.calls.save[0]?.headers).toEqual({Authorization: secret});
		await view.press('x', 'Disconnected');
		expect(view.calls.disconnect).toBe(1);
		expect(view.frame()).not.toContain('SECRET');
		await view.press(keys.escape);
		await waitFor(() => view.calls.close === 1);
	});

	it('ignores keys while inactive (another overlay owns the keyboard)', async () => {
		const view = mount({isActive: false});
		await waitFor(() => view.frame().includes('Endpoint'));
		await view.press(keys.down);
		await view.press('q');
		await view.press('c');
		await new Promise(resolve => setImmediate(resolve));
		expect(view.calls).toMatchObject({close: 0, connect: []});
		expect(view.frame()).toContain('› Endpoint');
	});

	it('refuses an invalid endpoint or header with the one-line fix', async () => {
		const view = mount();
		await waitFor(() => view.frame().includes('Endpoint'));
		await view.press(keys.enter, 'Enter: keep');
		await view.press('\u0015', frame => !frame.includes('localhost'));
		await view.type('localhost:4318');
		await view.press(keys.enter, '↑/↓ move');
		await view.press('c', 'Invalid OTLP endpoint "localhost:4318" (endpoint): use an http(s) URL');
		await view.press(keys.enter, 'Enter: keep');
		await view.press('\u0015', frame => !frame.includes('localhost'));
		await view.type('http://127.0.0.1:4318');
		await view.press(keys.enter, '↑/↓ move');
		await focusRow(view, '+ add header');
		await view.press(keys.enter, 'Enter: keep');
		await view.type('Bad Name: tok_123');
		await view.press(keys.enter, 'Bad Name: ••••');
		await view.press('c', 'Invalid --otlp-headers value for the header: write it as "Name: value"');
		expect(view.frame()).not.toContain('tok_123');
		expect(view.calls.connect).toHaveLength(0);
		// d removes the focused header; then the config is valid.
		await focusRow(view, 'Bad Name');
		await view.press('d', frame => !frame.includes('Bad Name'));
		await view.press('c', 'Exporting to http://127.0.0.1:4318/v1/metrics');
		expect(view.calls.connect[0]?.headers).toEqual({});
	});

	it('never draws a token from the endpoint user-info, query or fragment: rows, editing, test, connect, status', async () => {
		const receiver = await startReceiver();
		receivers.push(receiver);
		const port = new URL(receiver.url).port;
		const endpoint = `http://user:s3cr3t-token@127.0.0.1:${port}/v1/metrics?api_key=s3cr3t-key#s3cr3t-frag`;
		const shown = `http://***@127.0.0.1:${port}/v1/metrics?api_key=***#***`;
		const model = treeOf(baseEvents());
		const config = resolveOtlpConfig({endpoint}, {})!;
		const controller = startOtlp(config, () => model, {intervalMs: 3_600_000, exportOnStart: false});
		controllers.push(controller);
		const view = mount({controller, config});
		await waitFor(() => view.frame().includes(`› Endpoint   ${shown}`), {message: view.frame});
		expect(view.frame()).toContain(`… connecting to ${shown} (http/protobuf)`);
		await view.press(keys.enter, frame => frame.includes('Enter: keep'));
		// Editing shows one bullet per hidden character, so the user can follow the cursor.
		expect(view.frame()).toContain(`http://${'•'.repeat('user:s3cr3t-token'.length)}@127.0.0.1:${port}`);
		await view.press(keys.escape, '↑/↓ move');
		await view.press('t', `✔ ${shown} accepted an empty export`);
		await view.press('c', `Exporting to ${shown} every 60 s.`);
		await controller.exportNow();
		await waitFor(() => view.frame().includes(`● connected to ${shown}`), {message: view.frame});
		expect(view.app.frames.length).toBeGreaterThan(5);
		for (const frame of view.app.frames) {
			expect(frame).not.toMatch(/s3cr3t/);
		}
	});

	it('tests the endpoint against a real receiver and shows the live status of a controller', async () => {
		const receiver = await startReceiver({status: 401});
		receivers.push(receiver);
		const config = resolveOtlpConfig({endpoint: receiver.url, headers: [`Authorization: ${secret}`]}, {})!;
		const view = mount({config});
		await waitFor(() => view.frame().includes('Endpoint'));
		expect(view.frame()).toContain('Authorization: ••••••••');
		await view.press('t', `✖ HTTP 401 Unauthorized from ${receiver.url}/v1/metrics`);
		expect(receiver.requests[0]?.headers.authorization).toBe(secret);

		const good = await startReceiver();
		receivers.push(good);
		const model = treeOf(baseEvents());
		const controller = startOtlp({...config, endpoint: `${good.url}/v1/metrics`}, () => model, {
			intervalMs: 3_600_000,
			exportOnStart: false,
		});
		controllers.push(controller);
		cleanup();
		const live = mount({controller, config});
		await waitFor(() => live.frame().includes('… connecting to'));
		// The draft starts from the controller's config, not the stale `config` prop.
		expect(live.frame()).toContain(`${good.url}/v1/metrics`);
		await controller.exportNow();
		await waitFor(() => live.frame().includes(`● connected to ${good.url}/v1/metrics (http/protobuf)`), {
			message: live.frame,
		});
		expect(live.frame()).toMatch(/Last export \d\d:\d\d:\d\d: \d+ points · 1 exports, \d+ points in all/);
		expect(live.frame()).not.toContain('SECRET');
	});
});
