import {RecordingError, RecordingReader} from '../reader/read-recording.js';
import type {Recording} from '../reader/recording.js';
import type {SessionInfo} from '../model/feed.js';
import type {Io} from '../model/io.js';
import {HistoryStore} from '../model/history-store.js';
import type {ReplayCommand} from '../ui/keys.js';
import {glyphsOf} from '../ui/glyphs.js';
import {runUi} from '../ui/run-ui.js';
import type {TerminalStyle} from '../ui/terminal-style.js';
import {ReplayCursor, replaySlack} from './replay-cursor.js';
import {buildTimeline} from './timeline.js';

/** From this much CSV on (about a second of reading), replay says it is reading before its screen comes up. */
const announcedReadBytes = 32 * 1024 * 1024;

/** How often the folder is read again for rows appended since (a folder being recorded). */
const followPollMs = 1000;

/**
 * `wazuh-metrics replay <session-folder>`: the live view over a recording, with a time cursor.
 * Exit 0 when the user quits; 2 with one line for bad input (no folder, nothing recorded in it,
 * no terminal to show it on).
 */
export async function runReplay(folder: string, io: Io, style: TerminalStyle): Promise<number> {
	const glyphs = glyphsOf(style.charset);
	const say = (line: string): void => {
		io.stderr.write(`wazuh-metrics: ${glyphs.text(line)}\n`);
	};

	if (io.stdout.isTTY !== true) {
		say('replay shows a screen: run it on a terminal (for a summary on stdout, use wazuh-metrics report)');
		return 2;
	}

	let reader: RecordingReader;
	let recording: Recording;
	try {
		reader = new RecordingReader(folder);
		// Hours of data take seconds to read, before the screen can come up: say so meanwhile.
		const pending = reader.unreadBytes();
		if (pending >= announcedReadBytes) {
			say(`reading ${Math.round(pending / 1024 / 1024)} MB of CSV in ${reader.folder}…`);
		}

		reader.read();
		recording = reader.recording();
	} catch (error: unknown) {
		if (error instanceof RecordingError) {
			say(error.message);
			return 2;
		}

		throw error;
	}

	let timeline = buildTimeline(recording);
	if (timeline.times.length === 0) {
		say(`no sample recorded in ${recording.folder}`);
		return 2;
	}

	const store = new HistoryStore({slack: replaySlack});
	const cursor = new ReplayCursor(timeline, store);
	const info: SessionInfo = {
		source: 'replay',
		// From the folder's session.json (this tool writes one; the Python original and Wazuh 5's monitor do not).
		host: recording.host ?? 'recorded host unknown',
		wazuhVersion: recording.wazuhVersion ?? '',
		interval: recording.interval,
		demo: recording.demo,
		root: process.geteuid?.() === 0,
		location: recording.folder,
		daemons: [...new Set(recording.processes.map(process => process.daemon))],
		diskPaths: recording.disk.map(path => path.path),
	};
	// What each replay key does to the cursor.
	const moves: Record<ReplayCommand | 'play', () => void> = {
		play: () => cursor.togglePlay(),
		replayBack: () => cursor.step(-1),
		replayForward: () => cursor.step(1),
		replayBackMinute: () => cursor.jump(-60),
		replayForwardMinute: () => cursor.jump(60),
		replayBackTen: () => cursor.jump(-600),
		replayForwardTen: () => cursor.jump(600),
		replayGoto: () => cursor.openPrompt(),
		replaySpeed: () => cursor.cycleSpeed(),
		replayStart: () => cursor.goTo(0),
		replayEnd: () => cursor.goTo(cursor.count - 1),
	};
	// The cursor is this model's source: it fills the store the screen reads, as the feed does live.
	const ui = runUi(store, info, {
		stdout: io.stdout,
		style,
		replay: {
			command(command) {
				moves[command]();
			},
			promptKey(input, key) {
				cursor.promptKey(input, key);
			},
		},
	});
	// A folder being recorded grows: read what was appended (complete lines only) every second.
	let lastGrowth = Number.NEGATIVE_INFINITY;
	const follow = setInterval(() => {
		let grew: boolean;
		try {
			grew = reader.read();
		} catch {
			// The folder went away or became unreadable: what was read stays on the screen.
			return;
		}

		const now = performance.now();
		if (grew) {
			lastGrowth = now;
			const before = cursor.position;
			const next = reader.recording();
			// The median step can still change while a recording is young: then the ticks are new.
			if (next.interval === timeline.interval) {
				timeline.update(next);
			} else {
				timeline = buildTimeline(next);
			}

			cursor.grown(timeline, before, true, true);
		} else if (cursor.live || cursor.count < timeline.times.length) {
			// Nothing new: the newest tick is complete; rows stopped coming a while ago: no longer live.
			cursor.grown(timeline, cursor.position, false, now - lastGrowth < Math.max(5, 3 * timeline.interval) * 1000);
		}
	}, followPollMs);
	const quit = (): void => {
		clearInterval(follow);
		cursor.stop();
		ui.unmount();
	};

	process.once('SIGTERM', quit);
	process.once('SIGHUP', quit);
	try {
		await ui.exited;
	} finally {
		clearInterval(follow);
		cursor.stop();
		process.off('SIGTERM', quit);
		process.off('SIGHUP', quit);
	}

	return 0;
}
