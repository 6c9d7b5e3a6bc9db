/**
The terminal size, updated on resize. A fixed size (tests, or a caller that knows better)
wins. Falls back to 80×24 when stdout reports nothing (pipes, ink-testing-library's rows).
*/
import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export type TerminalSize = {readonly columns: number; readonly rows: number};

function read(stdout: NodeJS.WriteStream): TerminalSize {
	return {columns: stdout.columns || 80, rows: stdout.rows || 24};
}

export function useTerminalSize(fixed?: TerminalSize): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => read(stdout));
	useEffect(() => {
		if (fixed) {
			return undefined;
		}

		const onResize = () => {
			setSize(read(stdout));
		};

		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, fixed]);
	return fixed ?? size;
}
