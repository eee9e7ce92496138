/**
 * Seeded random numbers for tests: a failure can be replayed with the same choices. The seed is
 * printed by the test (t.log) and can be set with WAZUH_METRICS_TEST_SEED (read by tests only).
 */
export type Random = {readonly seed: number; readonly next: () => number; readonly int: (below: number) => number};

export function seededRandom(seed = Number(process.env.WAZUH_METRICS_TEST_SEED ?? Date.now() % 2_147_483_647)): Random {
	// Mulberry32: tiny, fast, and good enough to pick moments and sizes.
	let state = seed >>> 0;
	const next = (): number => {
		state = (state + 0x6D_2B_79_F5) >>> 0;
		let value = state;
		value = Math.imul(value ^ (value >>> 15), value | 1);
		value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
		return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
	};

	return {seed, next, int: below => Math.floor(next() * below)};
}
