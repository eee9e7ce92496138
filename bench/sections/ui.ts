/**
 * Part 4: the screen in a real pseudo-terminal (@lydell/node-pty), fed synthetic snapshots of 20,
 * 60 and 200 processes at 1 Hz. Per frame: time from the feed event to the frame's last write and
 * the CPU it took (measured inside the child), and the bytes the terminal received in that tick
 * (counted here, on the terminal side). @xterm/headless replays the bytes to check that the rows
 * really are on screen. The terminal is as tall as the table needs, so every row is drawn.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import pty from '@lydell/node-pty';
import xterm from '@xterm/headless';
import {killGroup, ownGroupOf, removeAtExit, removeNow} from '../cleanup.js';
import {median, sleep} from '../stats.js';
import type {FrameRecord, UiChildOptions} from '../ui/ui-child.js';

export type UiResult = {
	readonly rows: number;
	/** React's build in the child, as the CLI would load it. */
	readonly react: string;
	readonly terminal: string;
	readonly frames: number;
	readonly frameMsMedian: number;
	readonly frameMsMax: number;
	readonly cpuMsMedian: number;
	/** Bytes the terminal received per tick (median over measured ticks). */
	readonly bytesPerFrame: number;
	/** Process rows visible on the final screen. */
	readonly rowsOnScreen: number;
	readonly problem: string | undefined;
};

export type UiSettings = {readonly ticks: number; readonly warmupTicks: number};

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The child stands in for the CLI, so it loads React the way the CLI would: the production build
 * when NODE_ENV says so, or when the built CLI sets it itself; otherwise React's default, the
 * development build.
 */
function reactBuild(): string {
	if (process.env.NODE_ENV !== undefined) {
		return process.env.NODE_ENV;
	}

	const cli = path.resolve(here, '../../dist/cli.js');
	return fs.existsSync(cli) && fs.readFileSync(cli, 'utf8').includes('NODE_ENV') ? 'production' : 'development';
}

export async function measureUi(rows: number, settings: UiSettings): Promise<UiResult> {
	const columns = 160;
	const height = rows + 20;
	const folder = removeAtExit(fs.mkdtempSync(path.join(os.tmpdir(), 'wm-bench-ui-')));
	const out = path.join(folder, 'frames.jsonl');
	const options: UiChildOptions = {rows, ticks: settings.ticks + settings.warmupTicks, interval: 1, out};
	// Ink's CI mode needs no care here: runUi clears the CI variables before Ink loads.
	const environment: Record<string, string> = {...process.env} as Record<string, string>;

	const react = reactBuild();
	if (react === 'production') {
		environment.NODE_ENV = 'production';
	}

	const terminal = new xterm.Terminal({cols: columns, rows: height, allowProposedApi: true, scrollback: 0});
	const child = pty.spawn(process.execPath, [`--import=${import.meta.resolve('tsx')}`, path.join(here, '../ui/ui-child.ts'), JSON.stringify(options)], {
		name: 'xterm-256color',
		cols: columns,
		rows: height,
		cwd: process.cwd(),
		env: {...environment, TERM: 'xterm-256color'},
	});
	// The pty child leads its own session, so its PID is its process group: killed on Ctrl-C too.
	ownGroupOf(child.pid);
	const chunks: Array<{at: number; bytes: number}> = [];
	let tail = '';
	child.onData(data => {
		chunks.push({at: performance.timeOrigin + performance.now(), bytes: Buffer.byteLength(data)});
		terminal.write(data);
		tail = (tail + data).slice(-2000);
	});
	const exited = new Promise<number>(resolve => {
		child.onExit(({exitCode}) => {
			resolve(exitCode);
		});
	});
	const timeout = sleep((options.ticks + 15) * 1000).then(() => -1);
	const code = await Promise.race([exited, timeout]);
	killGroup(child.pid);
	await new Promise<void>(resolve => {
		terminal.write('', resolve);
	});

	const records = fs.existsSync(out)
		? fs.readFileSync(out, 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line) as FrameRecord & {error?: string})
		: [];
	removeNow(folder);
	const failure = records.find(record => record.error !== undefined)?.error;
	const measured = records.filter(record => record.tick > settings.warmupTicks && record.frameMs !== undefined);
	const buffer = terminal.buffer.active;
	let rowsOnScreen = 0;
	for (let y = 0; y < terminal.rows; y++) {
		// A child row names its role; a daemon row ends with its state.
		if (/child_\d+|\brunning\s*$/.test(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '')) {
			rowsOnScreen++;
		}
	}

	terminal.dispose();
	const bytesPerTick = measured.map(record => chunks.filter(chunk => chunk.at >= record.at && chunk.at < record.at + 1000).reduce((sum, chunk) => sum + chunk.bytes, 0));
	let problem: string | undefined;
	if (failure !== undefined || code !== 0 || measured.length === 0) {
		// eslint-disable-next-line no-control-regex -- ESC starts a terminal's escape sequences
		problem = failure ?? (code === -1 ? 'the screen did not finish in time' : `the screen exited with ${code}: ${tail.replaceAll(/\u001B\[[\d;?]*[A-Za-z]/g, '').trim().split('\n').at(-1) ?? ''}`);
	} else if (rowsOnScreen < rows) {
		problem = `only ${rowsOnScreen} of ${rows} rows on screen`;
	}

	const frameMs = measured.map(record => record.frameMs!);
	return {
		rows,
		react,
		terminal: `${columns}x${height}`,
		frames: measured.length,
		frameMsMedian: measured.length > 0 ? median(frameMs) : Number.NaN,
		frameMsMax: measured.length > 0 ? Math.max(...frameMs) : Number.NaN,
		cpuMsMedian: measured.length > 0 ? median(measured.map(record => record.cpuMs!)) : Number.NaN,
		bytesPerFrame: bytesPerTick.length > 0 ? median(bytesPerTick) : Number.NaN,
		rowsOnScreen,
		problem,
	};
}
