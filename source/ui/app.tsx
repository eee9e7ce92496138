import {Box, type Key, useInput, useStdin} from 'ink';
import {useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore} from 'react';
import type {SessionInfo} from '../model/feed.js';
import {DetailView} from './detail-view.js';
import {DiskPanel} from './disk-panel.js';
import {Footer} from './footer.js';
import {Header} from './header.js';
import {warningLines} from './header-lines.js';
import {allHelpLines, type HelpContext} from './help-lines.js';
import {HelpOverlay} from './help-overlay.js';
import {type HistoryStore, totalRole} from '../model/history-store.js';
import {memoryGrowth} from '../model/live-growth.js';
import {loadSegments} from './load-text.js';
import {recordedTime} from '../model/timestamp.js';
import {ProcessTable} from './process-table.js';
import {isTooSmall, minimumColumns, minimumRows, screenBudget} from './screen-layout.js';
import {cpuSparkFloor, cpuSparkline, cpuSparkPeak} from './sparkline.js';
import {buildRows, type TableRow} from './table-rows.js';
import type {TerminalSize} from './terminal-size.js';
import {ScreenLine} from './screen-line.js';
import {ScreenStyleContext} from './terminal-style.js';
import {fitLine, lineSignature} from './text.js';
import {type ReplayCommand, replayCommands} from './keys.js';
import {visibleView} from './visible-view.js';
import {handleInput, initialUiState, type KeyContext, modeOf, selectedIndex, type UiState, windowSamples} from './ui-state.js';

type SizeSource = {
	readonly subscribe: (listener: () => void) => () => void;
	readonly getSnapshot: () => TerminalSize;
};

type Props = {
	readonly store: HistoryStore;
	readonly info: SessionInfo;
	readonly size: SizeSource;
	readonly onQuit: () => void;
	/** Ctrl-L: forget what is on the terminal, so the next frame is drawn whole. */
	readonly onRedraw?: () => void;
	/** Starting state (tests start in a given view). */
	readonly initialUi?: UiState;
	/** Replay only: the cursor's keys (space plays and pauses instead of freezing the display). */
	readonly replay?: ReplayControl;
	/**
	 * Live only: told the PID of the process the detail view shows (undefined when none), whose
	 * threads the model then holds (the session has the collector read them).
	 */
	readonly onThreadFocus?: (pid: number | undefined) => void;
};

export type ReplayControl = {
	readonly command: (command: ReplayCommand | 'play') => void;
	/** Every key while the `b` prompt is open (the store's replay status says when). */
	readonly promptKey: (input: string, key: Key) => void;
};

/** How long the footer says that a key does nothing where it was pressed. */
const hintMs = 4000;

/**
 * The whole screen: header, then the process table (with the disk panel under it), a process's
 * charts, or the help; then the footer. It renders once per store change (one per tick), per key and
 * per resize, and the frame is always shorter than the terminal.
 */
/** F1 and F10 as terminals send them (xterm, VT220, the Linux console): Ink's Key does not tell them. */
function functionKeyOf(data: string): number | undefined {
	if (data === '\u001BOP' || data === '\u001B[11~' || data === '\u001B[[A') {
		return 1;
	}

	return data === '\u001B[21~' ? 10 : undefined;
}

/** Where the help says the session's files are: the live run's log, or the recording replayed. */
function helpLocation(info: SessionInfo): {label: string; path: string} | undefined {
	if (info.location === '') {
		return undefined;
	}

	return {label: info.source === 'replay' ? 'Recording' : 'Log', path: info.location};
}

export function App({store, info, size, onQuit, onRedraw, initialUi, replay, onThreadFocus}: Props) {
	// While paused, a tick that changes nothing on screen gives the same view: no render (visible-view.ts).
	const getView = useMemo(() => visibleView(store.getSnapshot, info), [store, info]);
	const view = useSyncExternalStore(store.subscribe, getView);
	const {columns, rows} = useSyncExternalStore(size.subscribe, size.getSnapshot);
	const [ui, setUi] = useState<UiState>(initialUi ?? initialUiState);
	const uiRef = useRef(ui);
	uiRef.current = ui;

	const tableRows = useMemo(
		() => buildRows(view.snapshot, {tree: ui.tree, sort: ui.sort, filter: ui.filter, collapsed: ui.collapsed}),
		[view.snapshot, ui.tree, ui.sort, ui.filter, ui.collapsed],
	);
	const daemonComms = useMemo(
		() => new Map((view.snapshot?.samples ?? []).filter(sample => sample.childIndex === 0).map(sample => [sample.daemon, sample.comm])),
		[view.snapshot],
	);

	const {glyphs} = useContext(ScreenStyleContext);
	const helpContext: HelpContext = {location: helpLocation(info), mode: modeOf(ui, replay !== undefined), glyphs};
	const warnings = warningLines(info, view, 2);
	const showDisk = ui.view === 'table' && !ui.help;
	const budget = screenBudget({rows, warnings: warnings.length, diskPaths: Math.max(info.diskPaths.length, view.disk?.samples.length ?? 0), showDisk});
	const selected = selectedIndex(ui, tableRows);
	// The detail view's role stays on screen even if it drops out of the list (a child that exited).
	const detailRole = ui.view === 'detail' ? ui.selected ?? tableRows[selected]?.key ?? '' : undefined;
	const detailRow = detailRole === undefined ? undefined : tableRows.find(row => row.key === detailRole);
	// Whose threads to read: the process the detail view shows, while it is on screen.
	const threadPid = ui.help ? undefined : detailRow?.sample?.pid;
	useEffect(() => {
		onThreadFocus?.(threadPid);
	}, [onThreadFocus, threadPid]);

	// Keys act on the rows as last drawn.
	const contextRef = useRef<KeyContext>({rows: tableRows, pageSize: 1});
	contextRef.current = {rows: tableRows, pageSize: Math.max(1, budget.table - 1), helpLines: allHelpLines(columns, helpContext).length, helpHeight: budget.body, replay: replay !== undefined};
	const [redraws, setRedraws] = useState(0);
	// An error in a key handler is rethrown while rendering, where the error boundary catches it.
	const [inputError, setInputError] = useState<Error | undefined>(undefined);
	if (inputError) {
		throw inputError;
	}

	// A key's note in the footer (it does nothing here) goes after a few seconds, if no key took it away.
	const {hint} = ui;
	useEffect(() => {
		if (hint === undefined) {
			return;
		}

		const timer = setTimeout(() => {
			if (uiRef.current.hint === hint) {
				uiRef.current = {...uiRef.current, hint: undefined};
				setUi(uiRef.current);
			}
		}, hintMs);
		return () => {
			clearTimeout(timer);
		};
	}, [hint]);
	// Stable, so Ink does not re-subscribe it on every tick; it reads the latest state through refs.
	const onInput = useCallback((input: string, key: Key) => {
		try {
			if (replay !== undefined && store.getSnapshot().replay?.prompt !== undefined) {
				replay.promptKey(input, key);
				return;
			}

			const result = handleInput(uiRef.current, input, key, contextRef.current);
			if (result.state !== uiRef.current) {
				uiRef.current = result.state;
				setUi(result.state);
			}

			for (const command of result.commands) {
				if (command === 'pause') {
					if (replay === undefined) {
						store.togglePause();
					} else {
						replay.command('play');
					}
				} else if ((replayCommands as readonly string[]).includes(command)) {
					replay?.command(command as ReplayCommand);
				} else if (command === 'redraw') {
					onRedraw?.();
					// A frame that differs (invisibly, see Footer) makes Ink write it again, whole.
					setRedraws(count => count + 1);
				} else {
					onQuit();
				}
			}
		} catch (error: unknown) {
			setInputError(error instanceof Error ? error : new Error(String(error)));
		}
	}, [store, onQuit, onRedraw, replay]);
	// Without a terminal on stdin (`< /dev/null`) there are no keys: the screen only displays, and
	// Ctrl-C reaches the caller as SIGINT.
	const {isRawModeSupported, internal_eventEmitter: inputEvents} = useStdin();
	useInput(onInput, {isActive: isRawModeSupported === true});
	// Function keys reach useInput as an empty input; the raw data Ink emits tells which one it was.
	useEffect(() => {
		if (isRawModeSupported !== true || inputEvents === undefined) {
			return;
		}

		const onRaw = (data: string | Uint8Array) => {
			const functionKey = functionKeyOf(typeof data === 'string' ? data : Buffer.from(data).toString('latin1'));
			if (functionKey !== undefined) {
				onInput('', {functionKey} as unknown as Key);
			}
		};

		inputEvents.on('input', onRaw);
		return () => {
			inputEvents.off('input', onRaw);
		};
	}, [isRawModeSupported, inputEvents, onInput]);

	const end = view.processEnd;
	// One scale for every row (`s` toggles): the highest CPU any listed row reached in the bars' window.
	const sharedPeak = useMemo(() => {
		const peaks = new Map<number, number>();
		return (width: number): number => {
			let peak = peaks.get(width);
			if (peak === undefined) {
				peak = Math.max(...tableRows.map(row => cpuSparkPeak(store.series(row.key, 'cpuPercent', width, end))), cpuSparkFloor);
				peaks.set(width, peak);
			}

			return peak;
		};
	}, [store, end, tableRows]);
	const sharedScale = ui.sparkScale === 'shared';
	const spark = useCallback(
		(role: string, width: number) => cpuSparkline(store.series(role, 'cpuPercent', width, end), width, sharedScale ? sharedPeak(width) : undefined),
		[store, end, sharedScale, sharedPeak],
	);
	const sparkLabel = useCallback((width: number) => (sharedScale ? `CPU 0-${Math.round(sharedPeak(width))}%` : 'CPU per row'), [sharedScale, sharedPeak]);
	// Over the whole history window the store keeps (an hour at 1 s): the same times for every row.
	// Times as the recording keeps them, so the cell equals the report's verdict on the same samples.
	const growthTimes = useMemo(() => store.processTimeline(store.capacity, end).map(time => recordedTime(time, info.interval)), [store, end, info.interval]);
	const growth = useCallback(
		(row: TableRow, field: 'rss' | 'pss') => {
			const role = row.total === undefined ? row.key : totalRole(row.daemon);
			const firstSeen = store.firstSeen(role);
			return firstSeen === undefined ? undefined : memoryGrowth(growthTimes, store.series(role, field, store.capacity, end), recordedTime(firstSeen, info.interval), field);
		},
		[store, end, growthTimes, info.interval],
	);
	// A daemon's own statistics, on its own row (a collapsed daemon's too); no listed daemon with
	// any (none read, or only of daemons not listed): no LOAD column, its width left to the others.
	const {loads} = view;
	const load = useMemo(() => (!tableRows.some(row => row.childIndex === 0 && loads.has(row.daemon))
		? undefined
		: (row: TableRow) => {
			const daemonLoad = row.childIndex === 0 ? loads.get(row.daemon) : undefined;
			return daemonLoad === undefined ? undefined : loadSegments(daemonLoad);
		}), [loads, tableRows]);
	const diskEnd = view.diskEnd;
	const diskHistory = useCallback(
		(path: string, count: number) => ({sizes: store.diskSizes(path, count, diskEnd), times: store.diskTimes(count, diskEnd)}),
		[store, diskEnd],
	);

	if (isTooSmall(columns, rows)) {
		// One line instead of a broken screen; the screen comes back when the window grows.
		const line = fitLine([{text: `window too small: ${minimumColumns}x${minimumRows} at least (now ${columns}x${rows})`}], columns);
		return <ScreenLine line={line} signature={lineSignature(line)} />;
	}

	let body;
	if (ui.help) {
		body = <HelpOverlay width={columns} height={budget.body} context={helpContext} scroll={ui.helpScroll} />;
	} else if (detailRole !== undefined) {
		const role = detailRole;
		body = (
			<DetailView
				role={role}
				row={detailRow}
				series={metric => store.series(role, metric, windowSamples(ui.window, info.interval, store.capacity), end)}
				stats={loads.get(role) === undefined ? undefined : {
					series: series => store.statsSeries(role, series, windowSamples(ui.window, info.interval, store.capacity), end),
					load: loads.get(role)!,
				}}
				times={store.processTimeline(windowSamples(ui.window, info.interval, store.capacity), end)}
				threads={{sample: detailRow?.sample, threads: info.source === 'replay' ? 'live only' : view.threads}}
				window={ui.window}
				interval={info.interval}
				width={columns}
				height={budget.body}
			/>
		);
	} else {
		const emptyText = view.snapshot === undefined
			? 'waiting for the first sample…'
			: (ui.filter === '' ? 'no process to show' : `no process matches "${ui.filter}" (Esc clears the filter)`);
		body = (
			<>
				<ProcessTable
					rows={tableRows}
					selected={selected}
					tree={ui.tree}
					sort={ui.sort}
					width={columns}
					height={budget.table}
					spark={spark}
					sparkLabel={sparkLabel}
					daemonComms={daemonComms}
					growth={growth}
					load={load}
					emptyText={emptyText}
				/>
				{budget.disk > 0 && <DiskPanel disk={view.disk} paths={info.diskPaths} history={diskHistory} width={columns} height={budget.disk} />}
			</>
		);
	}

	return (
		<Box flexDirection="column" width={columns} height={budget.frame} overflowY="hidden">
			<Header info={info} view={view} warnings={warnings.slice(0, budget.warnings)} width={columns} />
			<Box flexDirection="column" height={budget.body} overflowY="hidden">
				{body}
			</Box>
			<Footer ui={ui} width={columns} redraws={redraws} replay={replay !== undefined} />
		</Box>
	);
}
