/**
Copilot's model ids (FORMATS.md §5.12). Copilot names a long-context variant with a `-1m`
(or, internally, `-1m-internal`) suffix: `claude-opus-4.6-1m`. The suffix is dropped, as ccusage
drops it, so the model is priced and the two sources of one session name it the same way.
*/
export function copilotModel(name: string): string | undefined {
	const model = name.trim().replace(/-1m(?:-internal)?$/, '');
	return model.length > 0 ? model : undefined;
}
