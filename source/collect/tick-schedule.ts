/**
 * Tick slots on a fixed grid: slot n is due at `start + n * interval` on a monotonic clock, so
 * ticks never drift however long each one takes.
 *
 * Returns the slot to run after `lastSlot`, given the time elapsed since `start`. Normally that is
 * the next slot. When the process was held up past several slots, only the most recent of them is
 * run (at once) and the older ones are skipped rather than fired in a burst. A timer that fires a
 * little early still counts as its own slot, so it can never cause the same slot to run twice.
 */
export function nextSlot(lastSlot: number, elapsedMs: number, intervalMs: number): number {
	return Math.max(lastSlot + 1, Math.floor(elapsedMs / intervalMs));
}

/** Milliseconds to wait from `elapsedMs` until `slot` is due (0 when it is already due). */
export function delayUntil(slot: number, elapsedMs: number, intervalMs: number): number {
	return Math.max(0, slot * intervalMs - elapsedMs);
}
