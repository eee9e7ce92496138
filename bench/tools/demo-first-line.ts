/**
 * `node --import=tsx bench/tools/demo-first-line.ts [runs]`: how long `--demo --headless` takes to
 * say what it is starting (spawn to the first stderr line), and to start recording, over a few
 * runs. Through the test entry, so the log and session folders go to a temporary folder. Build first.
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {median} from '../stats.js';

const runs = Number(process.argv[2] ?? 5);
const first: number[] = [];
const recording: number[] = [];
for (let run = 0; run < runs; run++) {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-bench-demo-'));
	const started = performance.now();
	const child = spawn(process.execPath, ['test/helpers/cli-entry.mjs', JSON.stringify({stateRoot: root}), '--demo', '--headless'], {stdio: ['ignore', 'ignore', 'pipe']});
	let text = '';
	await new Promise<void>(resolve => {
		child.stderr.on('data', (chunk: Buffer) => {
			if (text === '') {
				first.push(performance.now() - started);
			}

			const before = text;
			text += chunk.toString();
			if (text.includes('recording ') && !before.includes('recording ')) {
				recording.push(performance.now() - started);
				resolve();
			}
		});
	});
	child.kill('SIGTERM');
	await new Promise(resolve => child.once('close', resolve));
	fs.rmSync(root, {recursive: true, force: true});
}

const format = (values: number[]) => `median ${median(values).toFixed(0)} ms (${values.map(value => value.toFixed(0)).join(', ')})`;
process.stdout.write(`first line: ${format(first)}\nrecording: ${format(recording)}\nload average ${os.loadavg().map(load => load.toFixed(2)).join(' ')}\n`);
