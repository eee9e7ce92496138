import {EventEmitter} from 'node:events';
import type {StatsSnapshot} from './daemon-stats.js';
import type {DiskSnapshot, Snapshot} from './snapshot.js';

/** What the recorder reports after each tick, for the header. */
export type RecorderProgress = {
	readonly folder: string;
	readonly diskFolder: string | undefined;
	readonly rowsWritten: number;
	/** Rows waiting because the last write failed (disk full, unwritable). */
	readonly pendingRows: number;
	readonly lostRows: number;
	/** One line saying why writing fails, while it does. */
	readonly error: string | undefined;
};

/** What a notice is about: consumers decide by this, never by the message's text. */
export type NoticeKind =
	| 'daemon-restarted'
	| 'daemon-down'
	| 'daemon-given-up'
	| 'monitor-warning'
	/** A daemon's own statistics say it needs a look: a queue nearly full, drops, an agent disconnected. */
	| 'daemon-stats'
	| 'disk-tracker-error'
	| 'recording-failed'
	| 'recording-resumed'
	| 'textfile-failed'
	| 'textfile-resumed'
	/** Something printed with console.* while the screen is up. */
	| 'console-output';

export type Notice = {readonly kind: NoticeKind; readonly level: 'info' | 'warn' | 'error'; readonly message: string};

/**
 * Facts about what the model shows that do not change while it is shown, from either source: a
 * live run (the session) or a recording (replay).
 */
export type SessionInfo = {
	readonly source: 'live' | 'replay';
	readonly host: string;
	readonly wazuhVersion: string;
	/** Seconds between samples. */
	readonly interval: number;
	readonly demo: boolean;
	readonly root: boolean;
	/** A live run with --no-record: shown and exported, nothing recorded. */
	readonly exportOnly?: boolean;
	/** The live run's log file, or the folder of the recording replayed. */
	readonly location: string;
	/** Daemon process names being watched. */
	readonly daemons: readonly string[];
	readonly diskPaths: readonly string[];
};

export type FeedEvents = {
	snapshot: [snapshot: Snapshot];
	/** A round of the daemons' own statistics (its own cadence, `--stats-interval`). */
	stats: [snapshot: StatsSnapshot];
	disk: [snapshot: DiskSnapshot];
	recording: [status: RecorderProgress];
	notice: [notice: Notice];
	/** Every daemon was given up and no disk path is tracked: nothing more will come. */
	'all-given-up': [];
};

/**
 * The live source of the model: the session relays the collector's snapshots and the recorder's
 * status into it, and the history store (history-store.ts) listens. Replay, the other source, fills
 * the same store from a recording. The UI reads the store only and never reaches back.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- typed events: the interface only narrows EventEmitter's methods
export class SessionFeed extends EventEmitter {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- typed events: the interface only narrows EventEmitter's methods
export interface SessionFeed {
	on<E extends keyof FeedEvents>(event: E, listener: (...args: FeedEvents[E]) => void): this;
	off<E extends keyof FeedEvents>(event: E, listener: (...args: FeedEvents[E]) => void): this;
	emit<E extends keyof FeedEvents>(event: E, ...args: FeedEvents[E]): boolean;
}
