/** Memory figures from smaps_rollup (or smaps), in bytes. */
export type MemoryUsage = {
	readonly rss: number;
	readonly pss: number;
	/** Unique set size: Private_Clean + Private_Dirty. */
	readonly uss: number;
	readonly swap: number;
};

const wanted = new Map<string, 'rss' | 'pss' | 'privateClean' | 'privateDirty' | 'swap'>([
	['Rss', 'rss'],
	['Pss', 'pss'],
	['Private_Clean', 'privateClean'],
	['Private_Dirty', 'privateDirty'],
	['Swap', 'swap'],
]);

/**
 * Parses smaps_rollup, or a full smaps (one block per mapping) on kernels without the rollup:
 * every occurrence of a key is summed, so both formats give the same totals.
 * Keys must match exactly: `SwapPss:` and `Pss_Anon:` are other figures.
 */
export function parseSmaps(text: string): MemoryUsage {
	const totals = {rss: 0, pss: 0, privateClean: 0, privateDirty: 0, swap: 0};
	let lineStart = 0;
	while (lineStart < text.length) {
		let lineEnd = text.indexOf('\n', lineStart);
		if (lineEnd === -1) {
			lineEnd = text.length;
		}

		const colon = text.indexOf(':', lineStart);
		if (colon !== -1 && colon < lineEnd) {
			const key = wanted.get(text.slice(lineStart, colon));
			if (key !== undefined) {
				// "Rss:                1234 kB"
				totals[key] += Number.parseInt(text.slice(colon + 1, lineEnd), 10) * 1024;
			}
		}

		lineStart = lineEnd + 1;
	}

	return {rss: totals.rss, pss: totals.pss, uss: totals.privateClean + totals.privateDirty, swap: totals.swap};
}
