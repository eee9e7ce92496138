/**
 * The floor when there is no C compiler: the tightest Node loop over the same files as
 * bench/native/floor.c, with the same arguments and output. Files stay open and are re-read at
 * offset 0 into one buffer; numbers are parsed from the bytes, never through strings.
 *
 *   node --import=tsx node-floor.ts hot <passes> <pid>...
 *   node --import=tsx node-floor.ts run <interval-ms> <passes> <pid>...
 */
import fs from 'node:fs';

type Target = {pid: number; stat: number; smaps: number; io: number; fdDir: string; dead: boolean};

const buffer = Buffer.allocUnsafe(1 << 16);
const keys = ['\nRss:', '\nPss:', '\nPrivate_Clean:', '\nPrivate_Dirty:', '\nSwap:', 'syscr: ', 'syscw: ', '\nread_bytes: ', '\nwrite_bytes: ']
	.map(key => Buffer.from(key, 'latin1'));
let sink = 0;
let fdCountBySize: boolean | undefined;

function open(pid: number, name: string): number {
	try {
		return fs.openSync(`/proc/${pid}/${name}`, 'r');
	} catch {
		return -1;
	}
}

function reread(fd: number): number {
	try {
		return fd < 0 ? -1 : fs.readSync(fd, buffer, 0, buffer.length, 0);
	} catch {
		return -1;
	}
}

function digitsAt(start: number, end: number): number {
	let index = start;
	while (index < end && buffer[index] === 0x20) {
		index++;
	}

	let value = 0;
	for (let digit = buffer[index]! - 0x30; index < end && digit >= 0 && digit <= 9; digit = buffer[++index]! - 0x30) {
		value = (value * 10) + digit;
	}

	return value;
}

function numberAfter(key: Buffer, length: number): number {
	const at = buffer.indexOf(key);
	return at < 0 || at >= length ? 0 : digitsAt(at + key.length, length);
}

function countFds(target: Target): number {
	const {size} = fs.statSync(target.fdDir);
	fdCountBySize ??= size > 0;
	return fdCountBySize ? size : fs.readdirSync(target.fdDir).length;
}

function sample(target: Target): void {
	if (target.dead) {
		return;
	}

	const length = reread(target.stat);
	if (length <= 0) {
		target.dead = true;
		return;
	}

	// Fields after the last ')': comm may contain spaces and parentheses.
	let field = 2;
	for (let index = buffer.lastIndexOf(0x29, length - 1); index < length && field < 23; index++) {
		if (buffer[index] === 0x20 && ++field >= 14 && (field <= 15 || field === 23)) {
			sink += digitsAt(index + 1, length);
		}
	}

	const smaps = reread(target.smaps);
	for (let key = 0; key < 5 && smaps > 0; key++) {
		sink += numberAfter(keys[key]!, smaps);
	}

	const io = reread(target.io);
	for (let key = 5; key < 9 && io > 0; key++) {
		sink += numberAfter(keys[key]!, io);
	}

	try {
		sink += countFds(target);
	} catch {}
}

function cpuMicros(): number {
	const {user, system} = process.cpuUsage();
	return user + system;
}

function main(argv: readonly string[]): void {
	const hot = argv[0] === 'hot';
	const intervalMs = hot ? 0 : Number(argv[1]);
	const passes = Number(argv[hot ? 1 : 2]);
	const targets: Target[] = argv.slice(hot ? 2 : 3).map(text => {
		const pid = Number(text);
		return {pid, stat: open(pid, 'stat'), smaps: open(pid, 'smaps_rollup'), io: open(pid, 'io'), fdDir: `/proc/${pid}/fd`, dead: false};
	});
	const pass = (): void => {
		for (const target of targets) {
			sample(target);
		}
	};

	pass();
	const start = cpuMicros();
	let done = 0;
	const report = (): void => {
		const alive = targets.filter(target => !target.dead).length;
		process.stdout.write(`${JSON.stringify({passes: done, procs: targets.length, alive, cpu_us: Math.round(cpuMicros() - start), sink: sink % 10})}\n`);
		process.exit(0);
	};

	process.on('SIGTERM', report);
	process.on('SIGINT', report);
	if (intervalMs === 0) {
		while (done < passes) {
			pass();
			done++;
		}

		report();
		return;
	}

	const origin = performance.now();
	const next = (): void => {
		setTimeout(() => {
			pass();
			done++;
			if (passes > 0 && done >= passes) {
				report();
			} else {
				next();
			}
		}, Math.max(0, origin + ((done + 1) * intervalMs) - performance.now()));
	};

	next();
}

main(process.argv.slice(2));
