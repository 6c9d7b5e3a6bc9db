/**
Module hooks for the tmux end-to-end tests (registered by slow-load.mjs or render-crash.mjs
through `node --import`): the built binary runs unchanged, except that one of its modules is
swapped for a wrapper around the real one. Production code reads no test variable.

- `slow-load`: `cli/runtime.js`'s `loadFor` waits 30 s before loading (ending early when the
  load is cancelled), so a key or signal provably arrives while the loading view is up. The
  TUI's preload and its own loads both go through it.
- `render-crash`: `ui/app.js`'s `App` gets a data source whose `build` throws, so an exception
  is raised inside <App>'s render once the data is loaded, as a bug in a component would.

The wrapper imports the real module as `<url>?real`, which no hook matches.
*/
let inject;
let root;

const targets = {'slow-load': 'cli/runtime.js', 'render-crash': 'ui/app.js'};

const wrappers = {
	'slow-load': real => `
export * from ${JSON.stringify(real)};
import {loadFor as realLoadFor} from ${JSON.stringify(real)};

function pause(milliseconds, signal) {
	return new Promise(resolve => {
		const timer = setTimeout(resolve, milliseconds);
		signal?.addEventListener('abort', () => {
			clearTimeout(timer);
			resolve();
		});
	});
}

export async function loadFor(options, context = {}) {
	await pause(30_000, context.signal);
	return realLoadFor(options, context);
}
`,
	'render-crash': real => `
export * from ${JSON.stringify(real)};
import {createElement} from 'react';
import {App as RealApp} from ${JSON.stringify(real)};

const crashing = new WeakMap();

function crashingSource(source) {
	let wrapped = crashing.get(source);
	if (!wrapped) {
		wrapped = Object.create(source, {
			build: {
				value() {
					throw new Error('deliberate exception inside a component (injected by the test)');
				},
			},
		});
		crashing.set(source, wrapped);
	}

	return wrapped;
}

export function App(props) {
	return createElement(RealApp, {...props, source: crashingSource(props.source)});
}
`,
};

export async function initialize(data) {
	inject = data.inject;
	root = data.root;
}

export async function resolve(specifier, context, nextResolve) {
	const resolved = await nextResolve(specifier, context);
	if (resolved.url === new URL(targets[inject], root).href) {
		return {...resolved, url: `${resolved.url}?inject=${inject}`, shortCircuit: true};
	}

	return resolved;
}

export async function load(url, context, nextLoad) {
	const suffix = `?inject=${inject}`;
	if (url.endsWith(suffix)) {
		const real = `${url.slice(0, -suffix.length)}?real`;
		return {format: 'module', source: wrappers[inject](real), shortCircuit: true};
	}

	return nextLoad(url, context);
}
