import {delayUntil, nextSlot} from './tick-schedule.js';

/**
 * Calls back at start + n * interval on the monotonic clock, so ticks never drift however long
 * each one takes; ticks missed while the process was stalled are skipped, not bunched.
 */
export class Ticker {
	private timer: NodeJS.Timeout | undefined;
	private origin = 0;
	private count = 0;

	constructor(
		private readonly intervalMs: number,
		private readonly onTick: (tick: number) => void,
	) {}

	get running(): boolean {
		return this.timer !== undefined;
	}

	/** First tick one interval from now, or on the next turn of the event loop with `immediate`. */
	start({immediate = false}: {immediate?: boolean} = {}): void {
		this.stop();
		this.origin = performance.now();
		this.count = 0;
		this.schedule(immediate ? 0 : 1);
	}

	stop(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
	}

	private schedule(slot: number): void {
		this.timer = setTimeout(() => {
			// Schedule first: a callback that throws must not stop the ticks.
			this.schedule(nextSlot(slot, performance.now() - this.origin, this.intervalMs));
			this.count++;
			this.onTick(this.count);
		}, delayUntil(slot, performance.now() - this.origin, this.intervalMs));
	}
}
