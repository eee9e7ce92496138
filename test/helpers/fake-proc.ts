import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {MonitorClock} from '../../source/collect/clock.js';

/*
 * A fake /proc in a temporary folder, with the files the monitor reads, in the kernel's formats,
 * and a clock that moves with its uptime: the collector's logic (rates, restarts, give-up, child
 * names) can be tested without spawning a process or waiting on a timer.
 */

/** What a fake process is; counters are cumulative, as the kernel reports them. */
export type FakeProcess = {
	readonly pid: number;
	comm: string;
	argv: readonly string[];
	/** Target of /proc/PID/exe. */
	exe: string;
	/** Target of /proc/PID/cwd. */
	cwd: string;
	/** Effective uid and gid (the Uid:/Gid: lines of status). */
	uid: number;
	gid: number;
	ppid: number;
	/** R, S, Z... */
	state: string;
	/** Clock ticks. */
	utime: number;
	stime: number;
	/** Clock ticks after boot. */
	readonly startTime: number;
	threads: number;
	/** Bytes; memory figures are written in kB, so give multiples of 1024. */
	vsize: number;
	rss: number;
	pss: number;
	uss: number;
	swap: number;
	syscr: number;
	syscw: number;
	readBytes: number;
	writeBytes: number;
	/** Open file descriptors: entries of /proc/PID/fd. */
	fds: number;
	/** Forked by a thread other than its parent's main one: /proc/PPID/task/PPID/children does not list it. */
	viaThread: boolean;
};

/** A thread other than a process's main one. */
export type FakeThread = {
	comm: string;
	state: string;
	/** Clock ticks. */
	utime: number;
	stime: number;
	/** Clock ticks after boot. */
	startTime: number;
};

export type NewProcess = Partial<Omit<FakeProcess, 'pid'>> & {readonly comm: string; readonly pid?: number};

type Counter = 'utime' | 'stime' | 'syscr' | 'syscw' | 'readBytes' | 'writeBytes';

/** Files whose read can be made to fail (see `breakFile`). */
export type BreakableFile = 'io' | 'smaps_rollup' | 'fd';

const kB = (bytes: number): number => Math.round(bytes / 1024);

export class FakeProc {
	/**
	 * The folder that stands for /proc: the monitor's `procRoot`. It has no `self`: fd-count's probe
	 * of `<procRoot>/self/fd` fails, so fds are counted by listing `fd/`, as they must be here (the
	 * size of a directory on disk is not its number of entries, as it is in /proc since Linux 6.2).
	 */
	readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-fake-proc-'));
	/** USER_HZ of the fake kernel: the monitor's `clockTicksPerSecond`. */
	readonly hz: number;
	/** A process standing for this tool, the monitor's `selfPid` (a real PID could be in the tree). */
	readonly selfPid: number;
	/** Seconds since boot, as /proc/uptime says. */
	uptime = 1000;
	/** Moves only with `elapse`. */
	readonly clock: MonitorClock;
	private wallMs = Date.UTC(2025, 0, 15, 12, 0, 0);
	private monotonicMs = 50_000;
	private nextPid = 1000;
	private readonly processes = new Map<number, FakeProcess>();
	private readonly broken = new Map<number, Set<BreakableFile>>();
	/** Threads other than the main one, by process: /proc/PID/task/TID/stat. */
	private readonly tasks = new Map<number, Map<number, FakeThread>>();

	/** `hz`: another USER_HZ than the usual 100, to see that the monitor uses the one it is given. */
	constructor({hz = 100}: {hz?: number} = {}) {
		this.hz = hz;
		this.clock = {now: () => this.wallMs, monotonic: () => this.monotonicMs};
		this.writeUptime();
		this.add({pid: 1, comm: 'systemd', argv: ['/sbin/init'], exe: '/usr/lib/systemd/systemd', ppid: 0, startTime: 1});
		this.selfPid = this.add({comm: 'node', argv: ['node', 'wazuh-metrics'], exe: '/usr/bin/node'});
	}

	/** Process ids now in the tree. */
	get pids(): number[] {
		return [...this.processes.keys()];
	}

	/** Adds a process (by default a child of init, started now, idle); returns its PID. */
	add(spec: NewProcess): number {
		const pid = spec.pid ?? this.nextPid++;
		if (this.processes.has(pid)) {
			throw new Error(`fake pid ${pid} is taken`);
		}

		const process: FakeProcess = {
			argv: [spec.comm],
			exe: `/usr/bin/${spec.comm}`,
			cwd: '/',
			uid: 0,
			gid: 0,
			ppid: 1,
			state: 'S',
			utime: 0,
			stime: 0,
			startTime: Math.round(this.uptime * this.hz),
			threads: 1,
			vsize: 64 * 1024 * 1024,
			rss: 8 * 1024 * 1024,
			pss: 6 * 1024 * 1024,
			uss: 4 * 1024 * 1024,
			swap: 0,
			syscr: 0,
			syscw: 0,
			readBytes: 0,
			writeBytes: 0,
			fds: 4,
			viaThread: false,
			...spec,
			pid,
		};
		this.processes.set(pid, process);
		const dir = this.dir(pid);
		fs.mkdirSync(path.join(dir, 'fd'), {recursive: true});
		fs.mkdirSync(path.join(dir, 'task', String(pid)), {recursive: true});
		fs.writeFileSync(path.join(dir, 'cmdline'), process.argv.map(argument => `${argument}\0`).join(''));
		fs.writeFileSync(path.join(dir, 'comm'), `${process.comm}\n`);
		fs.symlinkSync(process.exe, path.join(dir, 'exe'));
		fs.symlinkSync(process.cwd, path.join(dir, 'cwd'));
		this.write(pid);
		this.writeChildren(pid);
		this.writeChildren(process.ppid);
		return pid;
	}

	/** A Wazuh binary daemon as installed: comm, argv[0] and exe agree. */
	addDaemon(name: string, spec: Partial<NewProcess> = {}): number {
		const binary = `/var/ossec/bin/${name}`;
		return this.add({comm: name.slice(0, 15), argv: [binary], exe: binary, ...spec});
	}

	/** A child process of `ppid` (forked: same comm and argv unless told otherwise). */
	addChild(ppid: number, spec: Partial<NewProcess> = {}): number {
		const parent = this.get(ppid);
		return this.add({comm: parent.comm, argv: parent.argv, exe: parent.exe, cwd: parent.cwd, uid: parent.uid, gid: parent.gid, ...spec, ppid});
	}

	get(pid: number): FakeProcess {
		const process = this.processes.get(pid);
		if (process === undefined) {
			throw new Error(`no fake process ${pid}`);
		}

		return process;
	}

	/** Sets fields (memory, state, fds...) and rewrites the files. */
	update(pid: number, change: Partial<Omit<FakeProcess, 'pid' | 'startTime'>>): void {
		Object.assign(this.get(pid), change);
		this.write(pid);
	}

	/** Adds to cumulative counters: CPU ticks, syscalls, bytes read and written. */
	advance(pid: number, delta: Partial<Record<Counter, number>>): void {
		const process = this.get(pid);
		for (const [counter, amount] of Object.entries(delta) as Array<[Counter, number]>) {
			process[counter] += amount;
		}

		this.write(pid);
	}

	/**
	 * A thread of `pid` other than its main one (whose /proc/PID/task/PID/stat is the process's own
	 * stat); it takes the next free PID as its TID. Returns the TID.
	 */
	addThread(pid: number, spec: Partial<FakeThread> & {readonly comm: string}): number {
		const process = this.get(pid);
		const tid = this.nextPid++;
		const thread: FakeThread = {state: 'S', utime: 0, stime: 0, startTime: Math.round(this.uptime * this.hz), ...spec};
		const threads = this.tasks.get(pid) ?? new Map<number, FakeThread>();
		threads.set(tid, thread);
		this.tasks.set(pid, threads);
		fs.mkdirSync(path.join(this.dir(pid), 'task', String(tid)), {recursive: true});
		this.writeThread(process, tid, thread);
		return tid;
	}

	/** Changes a thread (other than the main one): its CPU ticks, state or name. */
	updateThread(pid: number, tid: number, change: Partial<FakeThread>): void {
		const thread = this.tasks.get(pid)?.get(tid);
		if (thread === undefined) {
			throw new Error(`no fake thread ${tid} in ${pid}`);
		}

		Object.assign(thread, change);
		this.writeThread(this.get(pid), tid, thread);
	}

	/** The thread exits: its stat is emptied (a kept-open file reads as nothing) and its folder goes. */
	removeThread(pid: number, tid: number): void {
		const folder = path.join(this.dir(pid), 'task', String(tid));
		fs.writeFileSync(path.join(folder, 'stat'), '');
		fs.rmSync(folder, {recursive: true, force: true});
		this.tasks.get(pid)?.delete(tid);
	}

	/** Time passes: the clock (wall and monotonic) and /proc/uptime move together. */
	elapse(seconds: number): void {
		this.wallMs += seconds * 1000;
		this.monotonicMs += seconds * 1000;
		this.uptime += seconds;
		this.writeUptime();
	}

	/**
	 * The process exits. Its children go to init, as the kernel reparents them. Its files are
	 * emptied before they are deleted: the monitor keeps them open, and an unlinked file would
	 * still read as before, where the kernel's refuse (an empty stat is as unreadable).
	 */
	remove(pid: number): void {
		const process = this.get(pid);
		for (const child of this.processes.values()) {
			if (child.ppid === pid) {
				child.ppid = 1;
				this.write(child.pid);
			}
		}

		const threads = [...this.tasks.get(pid)?.keys() ?? []].map(tid => `task/${tid}/stat`);
		for (const file of ['stat', 'status', 'smaps_rollup', 'io', `task/${pid}/children`, `task/${pid}/stat`, ...threads]) {
			try {
				fs.writeFileSync(path.join(this.dir(pid), file), '');
			} catch {} // A broken file stays broken.
		}

		fs.rmSync(this.dir(pid), {recursive: true, force: true});
		this.processes.delete(pid);
		this.broken.delete(pid);
		this.tasks.delete(pid);
		this.writeChildren(process.ppid);
		this.writeChildren(1);
	}

	/** The process and its descendants exit, and it starts again under a new PID; returns the PID. */
	restart(pid: number): number {
		const {comm, argv, exe, cwd, uid, gid, ppid} = this.get(pid);
		for (const descendant of this.descendantsOf(pid).reverse()) {
			this.remove(descendant);
		}

		this.remove(pid);
		return this.add({comm, argv, exe, cwd, uid, gid, ppid});
	}

	/** Every descendant, parents before their children. */
	descendantsOf(pid: number): number[] {
		const found: number[] = [];
		const queue = [pid];
		while (queue.length > 0) {
			const parent = queue.shift()!;
			for (const process of this.processes.values()) {
				if (process.ppid === parent) {
					found.push(process.pid);
					queue.push(process.pid);
				}
			}
		}

		return found;
	}

	/**
	 * Makes a file fail to read with an error other than "gone" (tests run as root, which mode 000
	 * does not stop; ENOENT would mean the process exited): `io` and `smaps_rollup` become a symlink
	 * to themselves (ELOOP on open), `fd` a regular file (ENOTDIR on listing).
	 */
	breakFile(pid: number, file: BreakableFile): void {
		const target = path.join(this.dir(pid), file);
		fs.rmSync(target, {recursive: true, force: true});
		if (file === 'fd') {
			fs.writeFileSync(target, '');
		} else {
			fs.symlinkSync(file, target);
		}

		this.broken.set(pid, new Set([...this.broken.get(pid) ?? [], file]));
	}

	dispose(): void {
		fs.rmSync(this.root, {recursive: true, force: true});
	}

	private dir(pid: number): string {
		return path.join(this.root, String(pid));
	}

	/**
	 * Rewrites a process's files in place (open with O_TRUNC, same inode): the monitor keeps them
	 * open and re-reads them at offset 0, which would not show a file replaced by rename.
	 */
	private write(pid: number): void {
		const process = this.get(pid);
		const dir = this.dir(pid);
		const broken = this.broken.get(pid) ?? new Set();
		fs.writeFileSync(path.join(dir, 'stat'), statLine(process));
		// The main thread: the process's own stat stands for it.
		fs.writeFileSync(path.join(dir, 'task', String(pid), 'stat'), statLine(process));
		fs.writeFileSync(path.join(dir, 'status'), statusText(process));
		if (!broken.has('smaps_rollup')) {
			fs.writeFileSync(path.join(dir, 'smaps_rollup'), smapsRollupText(process));
		}

		if (!broken.has('io')) {
			fs.writeFileSync(path.join(dir, 'io'), ioText(process));
		}

		if (!broken.has('fd')) {
			const fdDir = path.join(dir, 'fd');
			const present = fs.readdirSync(fdDir).length;
			for (let fd = present; fd < process.fds; fd++) {
				fs.symlinkSync(fd < 3 ? '/dev/pts/0' : `socket:[${40_000 + fd}]`, path.join(fdDir, String(fd)));
			}

			for (let fd = process.fds; fd < present; fd++) {
				fs.rmSync(path.join(fdDir, String(fd)));
			}
		}
	}

	private writeThread(process: FakeProcess, tid: number, thread: FakeThread): void {
		fs.writeFileSync(path.join(this.dir(process.pid), 'task', String(tid), 'stat'), statLine({...process, ...thread, pid: tid}));
	}

	/** The kernel's list of the main thread's children: each PID followed by a space. */
	private writeChildren(pid: number): void {
		if (!this.processes.has(pid)) {
			return;
		}

		const children = [...this.processes.values()].filter(process => process.ppid === pid && !process.viaThread);
		fs.writeFileSync(path.join(this.dir(pid), 'task', String(pid), 'children'), children.map(child => `${child.pid} `).join(''));
	}

	private writeUptime(): void {
		fs.writeFileSync(path.join(this.root, 'uptime'), `${this.uptime.toFixed(2)} ${(this.uptime * 1.8).toFixed(2)}\n`);
	}
}

/** All 52 fields of proc(5), with the ones the monitor reads in their places. */
function statLine(process: FakeProcess): string {
	const {pid, comm, state, ppid, utime, stime, threads, startTime, vsize, rss} = process;
	const fields = [
		pid, `(${comm})`, state, ppid, pid, pid, 0, -1, 4_194_560, 1200, 0, 3, 0, utime, stime, 0, 0, 20, 0, threads, 0,
		startTime, vsize, Math.round(rss / 4096), '18446744073709551615', 1, 1, 0, 0, 0, 0, 0, 4096, 16_386, 0, 0, 0, 17,
		1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	];
	if (fields.length !== 52) {
		throw new Error('a stat line has 52 fields');
	}

	return `${fields.join(' ')}\n`;
}

function statusText(process: FakeProcess): string {
	const {pid, comm, ppid, state, vsize, rss, swap, threads, fds, uid, gid} = process;
	return [
		`Name:\t${comm}`, 'Umask:\t0022', `State:\t${state} (${state === 'Z' ? 'zombie' : 'sleeping'})`, `Tgid:\t${pid}`, 'Ngid:\t0',
		`Pid:\t${pid}`, `PPid:\t${ppid}`, 'TracerPid:\t0', `Uid:\t${uid}\t${uid}\t${uid}\t${uid}`, `Gid:\t${gid}\t${gid}\t${gid}\t${gid}`, `FDSize:\t${Math.max(64, fds)}`,
		'Groups:\t0 ', `VmPeak:\t${kB(vsize)} kB`, `VmSize:\t${kB(vsize)} kB`, 'VmLck:\t       0 kB', 'VmPin:\t       0 kB',
		`VmHWM:\t${kB(rss)} kB`, `VmRSS:\t${kB(rss)} kB`, `RssAnon:\t${kB(rss)} kB`, 'RssFile:\t       0 kB',
		'RssShmem:\t       0 kB', `VmSwap:\t${kB(swap)} kB`, `Threads:\t${threads}`, '',
	].join('\n');
}

/** Uss is split over Private_Clean and Private_Dirty, which the parser adds up. */
function smapsRollupText(process: FakeProcess): string {
	const {rss, pss, uss, swap} = process;
	const clean = Math.floor(kB(uss) / 4);
	const line = (key: string, value: number): string => `${`${key}:`.padEnd(16)}${String(value).padStart(8)} kB`;
	return [
		'55d1c7a3b000-7ffe9c5f2000 ---p 00000000 00:00 0                          [rollup]',
		line('Rss', kB(rss)), line('Pss', kB(pss)), line('Pss_Dirty', kB(pss)), line('Pss_Anon', kB(pss)), line('Pss_File', 0),
		line('Pss_Shmem', 0), line('Shared_Clean', 0), line('Shared_Dirty', 0), line('Private_Clean', clean),
		line('Private_Dirty', kB(uss) - clean), line('Referenced', kB(rss)), line('Anonymous', kB(rss)), line('KSM', 0),
		line('LazyFree', 0), line('AnonHugePages', 0), line('ShmemPmdMapped', 0), line('FilePmdMapped', 0),
		line('Shared_Hugetlb', 0), line('Private_Hugetlb', 0), line('Swap', kB(swap)), line('SwapPss', kB(swap)),
		line('Locked', 0), '',
	].join('\n');
}

function ioText(process: FakeProcess): string {
	const {syscr, syscw, readBytes, writeBytes} = process;
	return [
		`rchar: ${readBytes + (syscr * 100)}`, `wchar: ${writeBytes + (syscw * 100)}`, `syscr: ${syscr}`, `syscw: ${syscw}`,
		`read_bytes: ${readBytes}`, `write_bytes: ${writeBytes}`, 'cancelled_write_bytes: 0', '',
	].join('\n');
}
