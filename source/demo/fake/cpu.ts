import {performance} from 'node:perf_hooks';
import type {Shape} from '../shape.js';

const clamp = (value: number | undefined) => Math.min(1, Math.max(0, Number.isFinite(value) ? value ?? 0 : 0));

/** The busy fraction wanted at `seconds` since start: the burst value inside a burst window. */
function fractionAt(shape: Shape, seconds: number): number {
	const burst = shape.cpuBurst;
	if (burst && burst.every > 0 && burst.length > 0) {
		// Windows end on multiples of `every`, so the first burst comes after every - length seconds.
		const phase = seconds % burst.every;
		if (phase >= burst.every - burst.length) {
			return clamp(burst.cpu);
		}
	}

	return clamp(shape.cpu);
}

/** Seconds until the next burst starts, if bursts are configured. */
function untilNextBurst(shape: Shape, seconds: number): number | undefined {
	const burst = shape.cpuBurst;
	if (!burst || burst.every <= 0 || burst.length <= 0 || clamp(burst.cpu) === 0) {
		return undefined;
	}

	const phase = seconds % burst.every;
	return Math.max(0.01, burst.every - burst.length - phase);
}

/** CPU time this process has used, in ms (all threads; V8's helpers barely count). */
function cpuMs(): number {
	const {user, system} = process.cpuUsage();
	return (user + system) / 1000;
}

/**
 * Burns CPU with a busy/sleep duty cycle. It keeps a credit of CPU time owed (fraction x wall time)
 * and spins until that much CPU time is really used, so late timers and a busy machine (the spin
 * being preempted) do not lower the average. Small fractions use longer slices: a 10 ms wake-up
 * for 0.1 ms of work would cost more in timer overhead than the work itself.
 */
export function burnCpu(shape: Shape): void {
	const start = performance.now();
	let last = start;
	let credit = 0;

	const tick = () => {
		const now = performance.now();
		const seconds = (now - start) / 1000;
		const fraction = fractionAt(shape, seconds);
		if (fraction === 0) {
			credit = 0;
			const wait = untilNextBurst(shape, seconds);
			if (wait !== undefined) {
				setTimeout(tick, wait * 1000);
			}

			last = now + ((wait ?? 0) * 1000);
			return;
		}

		const slice = fraction >= 0.1 ? 10 : 100;
		// Capped, so a long stall is not paid back as a long spin.
		credit = Math.min(credit + (fraction * (now - last)), 2 * slice);
		last = now;
		const cpuStart = cpuMs();
		const wallLimit = now + (3 * slice);
		let spent = 0;
		while (spent < credit && performance.now() < wallLimit) {
			spent = cpuMs() - cpuStart;
		}

		credit = Math.max(0, credit - spent);
		setTimeout(tick, Math.max(1, slice * (1 - fraction)));
	};

	tick();
}
