import type {SessionInfo} from '../model/feed.js';
import {formatInterval} from './format.js';
import type {ReplayStatus, TimedNotice, ViewState} from '../model/history-store.js';
import {cutStart, fitLine, type Line, type Segment, spreadLine} from './text.js';

/** Seconds a notice stays in the header: warnings long enough to be read, info only briefly. */
const noticeSeconds = {info: 10, warn: 60, error: 120} as const;

const noticeColor = {info: undefined, warn: 'yellow', error: 'red'} as const;

/** The notice to show now: the newest one still within its time, if any. */
export function currentNotice(view: ViewState, interval: number): TimedNotice | undefined {
	const notice = view.notices.at(-1);
	if (!notice) {
		return undefined;
	}

	const ageSeconds = (view.liveTick - notice.tick) * interval;
	return ageSeconds <= noticeSeconds[notice.level] ? notice : undefined;
}

/** Unreadable field names over all daemons, each once, in registry order of first appearance. */
function unreadableFields(view: ViewState): string[] {
	const names = new Set<string>();
	for (const daemon of view.snapshot?.daemons ?? []) {
		for (const field of daemon.unreadable) {
			names.add(field);
		}
	}

	return [...names];
}

/**
 * Warning lines, most important first: writing fails (the recording is at risk), nothing is left to
 * monitor, the latest notice, missing permissions. At most `max` lines.
 */
export function warningLines(info: SessionInfo, view: ViewState, max: number): Line[] {
	const lines: Line[] = [];
	const recording = view.recording;
	if (recording?.error !== undefined) {
		const waiting = recording.pendingRows > 0 ? `; ${recording.pendingRows} rows waiting` : '';
		const lost = recording.lostRows > 0 ? `, ${recording.lostRows} lost` : '';
		lines.push([{text: `✖ cannot write CSVs: ${recording.error}${waiting}${lost}`, color: 'red', bold: true}]);
	}

	if (view.allGivenUp) {
		lines.push([{text: '✖ every daemon has been given up: nothing left to monitor. Press q to quit.', color: 'red'}]);
	}

	const notice = currentNotice(view, info.interval);
	// The recorder's error is already on its own line above.
	if (notice && !(recording?.error !== undefined && notice.kind === 'recording-failed')) {
		lines.push([{text: `${notice.level === 'info' ? '•' : '▲'} ${notice.message}`, color: noticeColor[notice.level], dim: notice.level === 'info'}]);
	}

	const unreadable = unreadableFields(view);
	if (unreadable.length > 0) {
		lines.push(info.root
			? [{text: `▲ unreadable: ${unreadable.join(', ')} (shown as -)`, color: 'yellow'}]
			: [{text: '▲ not root: USS/PSS/SWAP/IO of other users unreadable (shown as -) — run as root', color: 'yellow'}]);
	}

	return lines.slice(0, Math.max(0, max));
}

/**
 * The two status lines: who and what is watched with the clock (the time of the sample shown), then
 * the recording state and where it goes, and PAUSED while the display is frozen.
 */
export function statusLines(info: SessionInfo, view: ViewState, width: number): Line[] {
	const left: Segment[] = [
		{text: 'wazuh-metrics', bold: true, color: 'cyan'},
		{text: `  ${info.host}`},
		{text: info.wazuhVersion === '' ? '' : `  Wazuh ${info.wazuhVersion}`},
		{text: `  every ${formatInterval(info.interval)}`},
	];
	if (info.demo) {
		left.push({text: '  '}, {text: 'DEMO', color: 'magenta', bold: true});
	}

	const clock: Segment[] = [{text: view.snapshot?.timestamp ?? '----/--/-- --:--:--', bold: true}];
	const first = spreadLine(left, clock, width);

	if (view.replay !== undefined) {
		return [first, replayLine(view.replay, info, width)];
	}

	const recording = view.recording;
	const rows = recording ? recording.rowsWritten.toLocaleString('en-US') : '0';
	// Every daemon given up (and no disk path tracked, else the feed does not say so): nothing is
	// being recorded any more, so the red dot would lie.
	let recLeft: Segment[];
	if (info.exportOnly) {
		recLeft = [{text: '○ not recording', dim: true}, {text: ' (--no-record: exporting only) '}];
	} else if (recording?.error !== undefined) {
		recLeft = [{text: '● REC FAILING', color: 'red', bold: true, inverse: true}, {text: ` ${rows} rows `}];
	} else if (view.allGivenUp) {
		recLeft = [{text: '○ REC stopped', dim: true}, {text: ` ${rows} rows `}];
	} else {
		recLeft = [{text: '● REC', color: 'red', bold: true}, {text: ` ${rows} rows `}];
	}
	const paused: Segment[] = view.paused ? [{text: ' PAUSED ', color: 'yellow', bold: true, inverse: true}, {text: info.exportOnly ? ' display frozen, export goes on' : ' display frozen, recording goes on', dim: true}] : [];
	const fixed = recLeft.reduce((sum, segment) => sum + segment.text.length, 0) + paused.reduce((sum, segment) => sum + segment.text.length, 0) + 1;
	const folder = recording?.folder ?? '';
	const second = spreadLine([...recLeft, {text: cutStart(folder, Math.max(0, width - fixed)), dim: true}], paused, width);
	return [first, fitLine(second, width)];
}

/** Replay's second line: where the cursor is, playing or not, and the `b` prompt when open. */
function replayLine(replay: ReplayStatus, info: SessionInfo, width: number): Line {
	const segments: Segment[] = [
		{text: '⏵ REPLAY', color: 'magenta', bold: true, inverse: true},
		{text: ` sample ${(replay.index + 1).toLocaleString('en-US')}/${replay.count.toLocaleString('en-US')}  `},
		replay.playing ? {text: `▶ playing ${replay.speed}x`, color: 'green', bold: true} : {text: `❚❚ paused (${replay.speed}x)`, dim: true},
	];
	if (replay.following) {
		segments.push({text: '  '}, {text: '● LIVE', color: 'red', bold: true});
	} else if (replay.live) {
		segments.push({text: '  still recording: > follows', dim: true});
	}

	if (replay.prompt !== undefined) {
		segments.push({text: '   go to: ', bold: true, color: 'yellow'}, {text: replay.prompt}, {text: '▏', color: 'yellow'}, {text: '  Enter go  Esc cancel', dim: true});
	} else if (replay.message !== undefined) {
		segments.push({text: `   ${replay.message}`, color: 'yellow'});
	} else {
		segments.push({text: `   ${info.location}`, dim: true});
	}

	return fitLine(segments, width);
}
