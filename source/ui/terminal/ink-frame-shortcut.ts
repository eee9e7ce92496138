/*
 * Ink 6 composes every frame in `Output.get()`: each character written becomes an object
 * (tokenized, styled, placed in a grid) and each row is encoded back to a string, about 2 µs per
 * character. That is most of a frame: 22 ms of a 60-row table at 160 columns, measured in
 * `npm run bench`. Every line of this screen is one ScreenLine: a single write on a row of its own,
 * inside its clip, whose transform returns the finished line. For such a frame the grid changes
 * nothing: the rows are the lines as written, placed at their column. This module installs that
 * shortcut on Ink's Output class. A frame of any other shape (two writes on one row, a write cut by
 * a clip, a multi-line write, an unknown operation) goes through Ink's own code, untouched.
 *
 * The class is internal to Ink (not in its exports), so it is loaded by file URL next to Ink's
 * entry point (ink-output-module.ts): the same URL Ink imports, hence the same module and class. Ink is pinned to the
 * version test/unit/ui/frame-shortcut.test.ts compares against cell by cell; if its internals change
 * shape anyway, the shortcut is not installed and frames are as slow as before, never wrong.
 */

import {loadInkOutputModule} from './ink-output-module.js';

type Clip = {x1?: number; x2?: number; y1?: number; y2?: number};
type Operation =
	| {type: 'write'; x: number; y: number; text: string; transformers: Array<(line: string, index: number) => string>}
	| {type: 'clip'; clip: Clip}
	| {type: 'unclip'};
type Frame = {output: string; height: number};
type InkOutput = {
	width: number;
	height: number;
	operations: readonly Operation[];
	caches?: {getStringWidth?: (text: string) => number};
	get(): Frame;
};

/** Text made only of spaces (ScreenLine's placeholders): its width is its length. */
const blanks = /^ *$/;

/**
 * The frame as rows, when every write is one line alone on its row and wholly inside its clip;
 * otherwise undefined. `width` measures a text the way Ink does.
 */
export function composeSimpleFrame(output: InkOutput, width: (text: string) => number): Frame | undefined {
	const rows = Array.from<string | undefined>({length: output.height});
	const clips: Clip[] = [];
	for (const operation of output.operations) {
		switch (operation.type) {
			case 'clip': {
				clips.push(operation.clip);
				continue;
			}

			case 'unclip': {
				clips.pop();
				continue;
			}

			case 'write': {
				break;
			}

			default: {
				return undefined;
			}
		}

		const {x, y, text, transformers} = operation;
		if (!text) {
			continue; // Ink skips empty writes too.
		}

		if (text.includes('\n') || !Number.isInteger(x) || !Number.isInteger(y) || x < 0) {
			return undefined;
		}

		// Ink's contract for transforms: they do not change dimensions, so the written text tells
		// the width. ScreenLine writes blanks, which are measured without looking at each character.
		const columns = blanks.test(text) ? text.length : width(text);
		const clip = clips.at(-1);
		if (clip !== undefined && typeof clip.y1 === 'number' && typeof clip.y2 === 'number' && (y < clip.y1 || y >= clip.y2)) {
			continue; // Clipped away vertically: Ink writes nothing either.
		}

		if (clip !== undefined && typeof clip.x1 === 'number' && typeof clip.x2 === 'number' && (x < clip.x1 || x + columns > clip.x2)) {
			return undefined;
		}

		if (y < 0 || y >= output.height) {
			continue; // Outside the frame: Ink has no row to put it in.
		}

		if (rows[y] !== undefined || x + columns > output.width) {
			return undefined;
		}

		let line = text;
		for (const transform of transformers) {
			line = transform(line, 0);
		}

		rows[y] = ' '.repeat(x) + line;
	}

	return {output: rows.map(row => (row ?? '').trimEnd()).join('\n'), height: output.height};
}

type OutputClass = {prototype: InkOutput};

function isOutputClass(value: unknown): value is OutputClass {
	return typeof value === 'function' && typeof (value as {prototype?: {get?: unknown}}).prototype?.get === 'function';
}

/** Ink's own `get`, kept when the shortcut is installed. */
let inksOwnGet: (() => Frame) | undefined;
let installed: Promise<boolean> | undefined;

/** Installs the shortcut once per process; resolves whether it is in place. */
export async function installFrameShortcut(): Promise<boolean> {
	installed ??= (async () => {
		try {
			const module = await loadInkOutputModule();
			const Output = module.default;
			if (!isOutputClass(Output)) {
				return false;
			}

			// eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be put back where it was
			const inksOwn = Output.prototype.get;
			inksOwnGet = inksOwn;
			Output.prototype.get = function (this: InkOutput): Frame {
				const measure = this.caches?.getStringWidth;
				const frame = Array.isArray(this.operations) && typeof measure === 'function'
					? composeSimpleFrame(this, text => measure.call(this.caches, text))
					: undefined;
				return frame ?? inksOwn.call(this);
			};

			return true;
		} catch {
			return false;
		}
	})();
	return installed;
}

/** The same frame composed by Ink's own code, to compare with (tests); needs the shortcut installed. */
export function composeWithInk(output: InkOutput): Frame {
	if (inksOwnGet === undefined) {
		throw new Error('the frame shortcut is not installed');
	}

	return inksOwnGet.call(output);
}

export type {InkOutput, Frame as InkFrame};
