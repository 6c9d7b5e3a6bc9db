/**
Messages between the loader and its parse workers. A parsed file travels as pack columns
(store/pack/codec.ts): two typed arrays moved without copying plus the file's distinct strings,
far cheaper to pass between threads than thousands of event objects.
*/
import type {Diagnostic} from '../../core/diagnostics.js';
import type {SourceFile} from '../../parsers/types.js';
import type {PackColumns, PackRange} from '../../store/pack/codec.js';

export type ParseRequest = {readonly id: number; readonly file: SourceFile};

export type WorkerMessage =
	/** Bytes consumed since the last message (for the loading view). */
	| {readonly type: 'bytes'; readonly bytes: number}
	| {
			readonly type: 'parsed';
			readonly id: number;
			readonly columns: PackColumns;
			readonly range: PackRange;
			readonly diagnostics: readonly Diagnostic[];
			/** The parser threw (a bug): the events before the throw are kept, as on the main thread. */
			readonly failure?: string;
	  };
