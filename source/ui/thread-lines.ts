import type {ProcessSample, ThreadList} from '../model/snapshot.js';
import {formatPercent} from './format.js';
import {fitLine, type Line, padLeft, padRight, type Segment, sanitize} from './text.js';

/** What the detail view's thread panel shows: the process now, and its threads. */
export type ThreadPanel = {
	/** The shown process's sample this tick; undefined when it is not running. */
	readonly sample: ProcessSample | undefined;
	/**
	 * The model's thread list (it may still be another PID's, or none, for a tick after the view
	 * opened); `live only` when browsing a recording, which has no threads.
	 */
	readonly threads: ThreadList | undefined | 'live only';
};

const tidWidth = 7;
const nameWidth = 15;
const cpuWidth = 6;
/** `TID NAME S CPU%`: one thread. */
const entryWidth = tidWidth + 1 + nameWidth + 1 + 1 + 1 + cpuWidth;
const gap = 3;

/** Lines the panel may take of the detail view's body: a third of it, its heading alone when short. */
export function threadPanelHeight(body: number): number {
	return body < 9 ? 1 : Math.max(3, Math.floor(body / 3));
}

/** `CPU 143.2 %  user 120.1  sys 23.1`: the process's CPU and its parts in user and kernel mode. */
function cpuSegments(sample: ProcessSample | undefined): Segment[] {
	if (sample === undefined) {
		return [{text: 'CPU - %', bold: true}];
	}

	const segments: Segment[] = [{text: `CPU ${formatPercent(sample.cpuPercent)} %`, bold: true}];
	if (sample.cpuUserPercent !== undefined || sample.cpuSystemPercent !== undefined) {
		segments.push({text: `  user ${formatPercent(sample.cpuUserPercent)}  sys ${formatPercent(sample.cpuSystemPercent)}`});
	}

	return segments;
}

function entry(tid: string, name: string, state: string, cpu: string): string {
	return `${padLeft(tid, tidWidth)} ${padRight(name, nameWidth)} ${padRight(state, 1)} ${padLeft(cpu, cpuWidth)}`;
}

/**
 * The thread panel of the detail view, at most `height` lines of `width`: a heading with the CPU %
 * split into user and system, then the threads as `top -H` lists them (TID, name, state, CPU % of
 * one core over the last interval, `-` on the tick a thread is first seen), busiest first, in as
 * many columns as the width holds; the last place says how many more there are when they do not
 * all fit. Plain ASCII.
 */
export function threadLines(panel: ThreadPanel, width: number, height: number): Line[] {
	if (height <= 0) {
		return [];
	}

	const {sample, threads} = panel;
	const heading = cpuSegments(sample);
	const status = (text: string): Line[] => [fitLine([...heading, {text: `   threads: ${text}`, dim: true}], width)];
	if (threads === 'live only') {
		return status('live only');
	}

	if (sample === undefined) {
		return status('not running');
	}

	if (threads?.pid !== sample.pid) {
		return status('reading...');
	}

	const {length} = threads.threads;
	const lines: Line[] = [fitLine([...heading, {text: `   ${length} thread${length === 1 ? '' : 's'}, busiest first`, dim: true}], width)];
	const rows = height - 2;
	if (rows <= 0 || length === 0) {
		return lines;
	}

	const columns = Math.max(1, Math.floor((width + gap) / (entryWidth + gap)));
	const places = rows * columns;
	// Every thread, or all but the last place, which tells how many are left out.
	const shown = length <= places ? length : places - 1;
	// One list down the panel, then the next beside it.
	const used = Math.min(rows, length);
	const cells = threads.threads.slice(0, shown).map(thread => entry(String(thread.tid), sanitize(thread.name).slice(0, nameWidth), thread.state, formatPercent(thread.cpuPercent)));
	if (shown < length) {
		cells.push(`+${length - shown} more threads`);
	}

	const groups = Math.ceil(cells.length / used);
	const header = entry('TID', 'NAME', 'S', 'CPU %');
	lines.push(fitLine([{text: Array.from({length: groups}, () => header).join(' '.repeat(gap)), dim: true}], width));
	// Column by column, as `ls` lists: the busiest thread first at the top left.
	for (let row = 0; row < used; row++) {
		const parts: string[] = [];
		for (let group = 0; group < groups; group++) {
			const cell = cells[(group * used) + row];
			if (cell !== undefined) {
				parts.push(padRight(cell, entryWidth));
			}
		}

		lines.push(fitLine([{text: parts.join(' '.repeat(gap)).trimEnd()}], width));
	}

	return lines;
}
