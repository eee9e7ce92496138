import type {DirectorySize} from './directory-size.js';

/** Main thread -> walk worker: measure one directory. */
export type WalkRequest = {
	readonly id: number;
	readonly root: string;
};

/** Walk worker -> main thread: the answer to the request with the same id. */
export type WalkResponse =
	| {readonly id: number; readonly result: DirectorySize; readonly durationMs: number}
	| {readonly id: number; readonly error: string};
