/**
 * `node --import=tsx bench/tools/ui-frame.ts [rows...]`: only the screen part of the bench
 * (sections/ui.ts) at the given table sizes, for comparing one change of the screen before/after
 * without the fleets of the full run. Build first (the child loads dist/).
 */
import {measureUi} from '../sections/ui.js';

const sizes = process.argv.slice(2).map(Number).filter(rows => rows > 0);
for (const rows of sizes.length > 0 ? sizes : [20, 60, 200]) {
	const result = await measureUi(rows, {ticks: 10, warmupTicks: 3});
	process.stdout.write(`${rows} rows: frame ${result.frameMsMedian.toFixed(1)} ms median (max ${result.frameMsMax.toFixed(1)}), CPU ${result.cpuMsMedian.toFixed(1)} ms, ${result.bytesPerFrame} B/frame, ${result.rowsOnScreen} rows on screen${result.problem === undefined ? '' : `, problem: ${result.problem}`}\n`);
}

process.exit(0);
