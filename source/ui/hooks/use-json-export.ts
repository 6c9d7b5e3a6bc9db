/** The `e` key: writes the export document of the shown tree and reports the outcome in the footer. */
import {type Dispatch, useCallback} from 'react';
import type {Action} from '../../browser/state.js';
import type {TreeModel} from '../../model/types.js';
import type {DataSource} from '../types.js';

export function useJsonExport(
	source: DataSource,
	model: TreeModel | undefined,
	dispatch: Dispatch<Action>,
): () => void {
	return useCallback(() => {
		if (!model) {
			return;
		}

		dispatch({type: 'status', message: 'Exporting…'});
		source.exportJson(model).then(
			file => {
				dispatch({type: 'status', message: `Exported to ${file}`});
			},
			(error: unknown) => {
				dispatch({type: 'status', message: `Export failed: ${error instanceof Error ? error.message : String(error)}`});
			},
		);
	}, [model, source, dispatch]);
}
