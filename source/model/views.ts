/**
The roots one usage tree can have: which levels sit above the calls. Every view holds the
same calls under its root, so the root's totals are the same in all of them; only the way
they are grouped differs (assemble.ts lays out any of them).
*/

/** A level of a view above the API calls. */
export type LevelKind = 'week' | 'day' | 'session' | 'turn' | 'project' | 'model' | 'agent' | 'device';

export const viewNames = ['time', 'project', 'model', 'agent', 'device'] as const;

export type ViewName = (typeof viewNames)[number];

export const defaultView: ViewName = 'time';

/**
The levels of each view, top first. A view's sessions under a day are that day's fragment of
the session (only that day's calls), under a model only that model's calls; in the project
view they are whole sessions.
*/
export const viewLevels: Readonly<Record<ViewName, readonly LevelKind[]>> = {
	time: ['week', 'day', 'session', 'turn'],
	project: ['project', 'session', 'turn'],
	model: ['model', 'day', 'session', 'turn'],
	agent: ['agent', 'week', 'day', 'session', 'turn'],
	device: ['device', 'week', 'day', 'session', 'turn'],
};

/** The kinds that group calls by something other than time: the first level of a view other than `time`. */
export type GroupKind = 'project' | 'model' | 'agent' | 'device';

export function isGroupKind(kind: string): kind is GroupKind {
	return kind === 'project' || kind === 'model' || kind === 'agent' || kind === 'device';
}

export function isViewName(value: unknown): value is ViewName {
	return typeof value === 'string' && (viewNames as readonly string[]).includes(value);
}

/** The views worth offering for this data: `device` only when the data comes from more than one device. */
export function viewsFor(devicesPresent: readonly string[] | undefined): readonly ViewName[] {
	return (devicesPresent?.length ?? 0) > 1 ? viewNames : viewNames.filter(view => view !== 'device');
}
