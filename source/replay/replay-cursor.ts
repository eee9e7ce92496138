import type {HistoryStore} from '../model/history-store.js';
import type {Timeline} from './timeline.js';

/** Play speeds `x` cycles through: recorded seconds per second. */
const replaySpeeds = [1, 10, 60] as const;

/** How often playing moves the cursor: each step moves it as far as the speed says. */
const playStepMs = 100;

/**
 * Ticks replay's history store holds behind the window (`HistoryStore`'s `slack`): a cursor moved
 * back by up to this many ticks shows its tick at once; a move further back rebuilds the window
 * (about half a second for 60 processes, bench/RESULTS.md). 600 covers a 10-minute jump at 1 s.
 */
export const replaySlack = 600;

/**
 * The time cursor of a replay: it feeds the history store the ticks up to the cursor, so the table,
 * the sparklines and the charts show the recording as the live view showed it then. A step forward
 * adds one tick; a move back within the store's slack shows a tick it holds (`showAt`); any other
 * move refills the store from up to `held` ticks before the cursor.
 * On a folder being recorded (`grown`), a cursor on the newest tick follows the new ones, as
 * `tail -f` does; anywhere else it stays where the user put it.
 */
export class ReplayCursor {
	index = 0;
	playing = false;
	speed: number = replaySpeeds[0];
	prompt: string | undefined;
	message: string | undefined;
	/** The folder is being written: its newest rows are recent. */
	live = false;
	private timer: NodeJS.Timeout | undefined;
	private owed = 0;
	/** Hides the newest tick: the last read found rows still coming, and some files may not have that tick's row yet. */
	private holdNewest = false;
	/** Timeline index of the store's tick position 0 (the first tick of the last refill). */
	private base = 0;
	/** Timeline index of the newest tick in the store, and its time then: -1 when none. */
	private loaded = -1;
	private loadedTime = Number.NaN;
	/** The store's disk tick count after each held tick, by position modulo `held`. */
	private readonly diskEnds: Int32Array;
	/** How many times the store was rebuilt: a figure for tests and the bench. */
	refills = 0;

	constructor(private timeline: Timeline, private readonly store: HistoryStore) {
		this.diskEnds = new Int32Array(store.held);
		this.refill(0);
		this.publish();
	}

	/** Ticks the cursor can go to. */
	get count(): number {
		return Math.max(1, this.timeline.times.length - (this.holdNewest ? 1 : 0));
	}

	/** The cursor is on the newest tick of a folder being recorded: new ticks move it on. */
	get following(): boolean {
		return this.live && this.index === this.count - 1;
	}

	/**
	 * The folder was read again (`timeline` is the updated one, or a new one). `stillGrowing`: the
	 * read found new rows, so the newest tick may lack some files' rows yet; it is shown once a read
	 * finds nothing more, or a newer tick exists. `live`: rows came recently.
	 */
	grown(timeline: Timeline, before: {time: number; count: number}, stillGrowing: boolean, live: boolean): void {
		const wasFollowing = this.index === before.count - 1;
		this.timeline = timeline;
		this.holdNewest = stillGrowing && timeline.times.length > 1;
		this.live = live;
		const stale = this.loaded >= 0 && (this.loaded > this.count - 1 || this.timeline.times[this.loaded] !== this.loadedTime);
		if (this.timeline.times[this.index] !== before.time || this.index > this.count - 1 || stale) {
			// The ticks were assigned again (a file lagged behind), or a tick shown is held back
			// again (late rows came for it): the cursor keeps its time, as far as it is shown.
			this.index = Math.min(this.count - 1, this.timeline.indexAt(before.time));
			this.refill(this.index);
		}

		if (wasFollowing && this.count - 1 > this.index) {
			this.goTo(this.count - 1);
			return;
		}

		this.publish();
	}

	/** The cursor's time and the ticks it could go to, before a `grown`. */
	get position(): {time: number; count: number} {
		return {time: this.timeline.times[this.index]!, count: this.count};
	}

	/** Moves to a tick (clamped to the recording). */
	goTo(index: number): void {
		const target = Math.min(this.count - 1, Math.max(0, index));
		if (target === this.index) {
			// Nothing to move.
		} else if (this.holds(target)) {
			// Back within the slack, or forward again to a tick held: no tick added.
			this.showHeld(target);
		} else if (target > this.loaded && target - this.loaded < this.store.capacity) {
			// Forward (playing, stepping): only the new ticks; a refill costs `held` (~4200) ticks.
			for (let tick = this.loaded + 1; tick <= target; tick++) {
				this.add(tick);
			}
		} else {
			this.refill(target);
		}

		this.index = target;
		this.publish();
	}

	step(ticks: number): void {
		this.goTo(this.index + ticks);
	}

	/** Moves by recorded time: the last tick at or before the cursor's time plus `seconds`. */
	jump(seconds: number): void {
		const time = this.timeline.times[this.index]! + (seconds * 1000);
		const index = this.timeline.indexAt(time);
		// Forward, a gap in the recording must not hold the cursor back.
		this.goTo(seconds > 0 ? Math.max(index, this.index + 1) : index);
	}

	togglePlay(): void {
		if (this.playing) {
			this.stop();
		} else {
			this.playing = true;
			this.owed = 0;
			this.timer = setInterval(() => {
				this.advance();
			}, playStepMs);
		}

		this.publish();
	}

	cycleSpeed(): void {
		this.speed = replaySpeeds[(replaySpeeds.indexOf(this.speed as (typeof replaySpeeds)[number]) + 1) % replaySpeeds.length]!;
		this.publish();
	}

	openPrompt(): void {
		this.prompt = '';
		this.message = undefined;
		this.publish();
	}

	/** A key while the prompt is open: text, Backspace, Enter (go), Esc (cancel). */
	promptKey(input: string, key: {return?: boolean; escape?: boolean; backspace?: boolean; delete?: boolean; ctrl?: boolean}): void {
		if (this.prompt === undefined) {
			return;
		}

		// Typed ahead (a slow link, a paste): one character at a time, Enter included.
		if (input.length > 1 && !key.ctrl) {
			for (const character of input) {
				this.promptKey(character === '\r' || character === '\n' ? '' : character, {return: character === '\r' || character === '\n', backspace: character === '\u007F'});
			}

			return;
		}

		if (key.escape) {
			this.prompt = undefined;
		} else if (key.return) {
			const text = this.prompt;
			this.prompt = undefined;
			const time = parseGotoTime(text, this.timeline.times[this.index]!);
			if (time === undefined) {
				this.message = `"${text}" is not a time: HH:MM[:SS] or YYYY/MM/DD HH:MM[:SS]`;
			} else {
				this.message = undefined;
				this.goTo(this.timeline.indexAt(time));
				return;
			}
		} else if (key.backspace || key.delete) {
			this.prompt = this.prompt.slice(0, -1);
		} else if (!key.ctrl && /^[\d/: -]+$/.test(input)) {
			this.prompt += input;
		}

		this.publish();
	}

	stop(): void {
		if (this.timer !== undefined) {
			clearInterval(this.timer);
			this.timer = undefined;
		}

		this.playing = false;
	}

	private advance(): void {
		this.owed += (this.speed * playStepMs) / 1000 / this.timeline.interval;
		const ticks = Math.floor(this.owed);
		if (ticks === 0) {
			return;
		}

		this.owed -= ticks;
		if (this.index >= this.count - 1) {
			// At the end of a folder still being recorded, playing waits for the next ticks.
			if (!this.live) {
				this.stop();
				this.publish();
			}

			return;
		}

		this.step(ticks);
	}

	private add(index: number): void {
		this.store.addSnapshot(this.timeline.snapshotAt(index));
		const disk = this.timeline.diskAt(index);
		if (disk) {
			this.store.addDisk(disk);
		}

		// The daemons' statistics as the live view got them: the LOAD column and the detail charts.
		const stats = this.timeline.statsAt(index);
		if (stats) {
			this.store.addStats(stats);
		}

		this.diskEnds[(index - this.base) % this.store.held] = this.store.diskAdded;
		this.loaded = index;
		this.loadedTime = this.timeline.times[index]!;
	}

	/** The store holds `index` and the whole window before it (or every tick from the first). */
	private holds(index: number): boolean {
		return index <= this.loaded && Math.max(0, index - this.store.capacity + 1) >= this.base + this.store.processHeldFrom;
	}

	private showHeld(index: number): void {
		const position = index - this.base;
		const diskEnd = this.diskEnds[position % this.store.held]!;
		this.store.showAt({
			snapshot: this.timeline.snapshotAt(index),
			processEnd: position + 1,
			disk: diskEnd > 0 ? this.timeline.diskAt(index) : undefined,
			diskEnd,
		});
		// The loads of that tick: the rate between its reading and the one before, as live showed it.
		const readings = [this.timeline.statsAt(index, 1), this.timeline.statsAt(index)].filter(each => each !== undefined);
		if (readings.length > 0) {
			this.store.showLoads(readings);
		}
	}

	/** Rebuilds the store: the cursor's tick newest, its window and the slack behind it. */
	private refill(index: number): void {
		this.refills++;
		this.store.reset();
		this.base = Math.max(0, index - this.store.held + 1);
		this.loaded = -1;
		this.loadedTime = Number.NaN;
		for (let tick = this.base; tick <= index && tick < this.count; tick++) {
			this.add(tick);
		}
	}

	private publish(): void {
		this.store.setReplay({index: this.index, count: this.count, playing: this.playing, speed: this.speed, prompt: this.prompt, message: this.message, live: this.live, following: this.following});
	}
}

/**
 * `HH:MM`, `HH:MM:SS` (on the cursor's day) or `YYYY/MM/DD HH:MM[:SS]`, local time like the CSVs;
 * undefined when it is none of these.
 */
export function parseGotoTime(text: string, cursorTime: number): number | undefined {
	const match = /^\s*(?:(\d{4})\/(\d{1,2})\/(\d{1,2})\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(text);
	if (!match) {
		return undefined;
	}

	const day = new Date(cursorTime);
	const [year, month, date] = match[1] === undefined ? [day.getFullYear(), day.getMonth(), day.getDate()] : [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
	const [hours, minutes, seconds] = [Number(match[4]), Number(match[5]), Number(match[6] ?? 0)];
	if (hours > 23 || minutes > 59 || seconds > 59 || month > 11 || date < 1 || date > 31) {
		return undefined;
	}

	const result = new Date(year, month, date, hours, minutes, seconds);
	// Date rolls 2026/02/31 over into March: a day the month does not have is no time.
	return result.getDate() === date && result.getMonth() === month ? result.getTime() : undefined;
}
