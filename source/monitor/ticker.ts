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

	/** First tick one interval from now (the caller samples baselines at start). */
	start(): void {
		this.stop();
		this.origin = performance.now();
		this.count = 0;
		this.schedule(1);
	}

	stop(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
	}

	private schedule(slot: number): void {
		const delay = Math.max(0, this.origin + (slot * this.intervalMs) - performance.now());
		this.timer = setTimeout(() => {
			this.fire();
		}, delay);
	}

	private fire(): void {
		this.count++;
		this.onTick(this.count);
		if (this.timer === undefined) {
			return; // Stopped inside the callback.
		}

		const elapsedSlots = Math.floor((performance.now() - this.origin) / this.intervalMs);
		this.schedule(elapsedSlots + 1);
	}
}
