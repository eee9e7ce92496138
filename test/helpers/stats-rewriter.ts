import fs from 'node:fs';
import {logcollectorState} from './stats-agent.js';
import {analysisdState} from './stats-analysisd.js';

/*
 * A daemon rewriting its state file without pause, for test/hardening/stats-rewrite.test.ts, in
 * its own process so that its writes really race the collector's reads. Generation n holds figures
 * tied to n, so that a reading mixing two generations shows:
 * - `rename` (analysisd, remoted, agentd): `<file>.temp` written, then renamed over the file;
 *   events_received 3n, events_processed 2n, events_dropped n.
 * - `in-place` (logcollector): the file truncated and written in two halves with a pause between;
 *   two locations, n events and n drops, then 3n events and no drop: 4n events, n drops.
 * Runs until its stdin closes.
 */

const [mode, file] = process.argv.slice(2) as ['rename' | 'in-place', string];
const pause = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number): void => {
	Atomics.wait(pause, 0, 0, ms);
};

let running = true;
process.stdin.on('end', () => {
	running = false;
});
process.stdin.resume();

function generation(n: number): void {
	if (mode === 'rename') {
		fs.writeFileSync(`${file}.temp`, analysisdState('4.14', {received: 3 * n, processed: 2 * n, dropped: n}), {mode: 0o640});
		fs.renameSync(`${file}.temp`, file);
		return;
	}

	const text = Buffer.from(logcollectorState([{location: '/var/log/syslog', events: n, drops: [n]}, {location: 'journald', events: 3 * n, drops: [0]}]));
	const half = Math.floor(text.length / 2);
	const fd = fs.openSync(file, 'w', 0o640);
	fs.writeSync(fd, text, 0, half);
	sleep(2);
	fs.writeSync(fd, text, half, text.length - half);
	fs.closeSync(fd);
}

let n = 1;
function step(): void {
	if (!running) {
		process.exit(0);
	}

	generation(n++);
	sleep(1);
	setImmediate(step);
}

step();
