import {type ChildProcess, spawn} from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import {trackChild, untrackChild} from './children.js';
import {python} from './pandas.js';

/*
 * A real process with named threads: Debian's Python running a script that starts threads, names
 * each one by writing /proc/self/task/TID/comm, and keeps one of them busy (about three quarters of
 * a core: 30 ms of work, 10 ms of sleep). It answers commands on stdin, one JSON line each:
 * `start NAME` starts an idle thread named so, `end NAME` ends it. Its stdout says the TIDs.
 */

const script = String.raw`
import json, sys, threading, time

threads = {}

def name_self(name):
    with open('/proc/self/task/%d/comm' % threading.get_native_id(), 'w') as comm:
        comm.write(name)

def spin(ready):
    name_self('spinner')
    ready.set()
    while True:
        start = time.perf_counter()
        while time.perf_counter() - start < 0.03:
            pass
        time.sleep(0.01)

def idle(name, ready, stop):
    name_self(name)
    ready.set()
    stop.wait()

def start_idle(name):
    ready, stop = threading.Event(), threading.Event()
    thread = threading.Thread(target=idle, args=(name, ready, stop), daemon=True)
    thread.start()
    ready.wait()
    threads[name] = (thread, stop)
    return thread.native_id

tids = {'main': threading.get_native_id()}
ready = threading.Event()
spinner = threading.Thread(target=spin, args=(ready,), daemon=True)
spinner.start()
ready.wait()
tids['spinner'] = spinner.native_id
for name in sys.argv[1:]:
    tids[name] = start_idle(name)
print(json.dumps(tids), flush=True)
for line in sys.stdin:
    command, name = line.rstrip('\n').split(' ', 1)
    if command == 'start':
        print(json.dumps({name: start_idle(name)}), flush=True)
    elif command == 'end':
        thread, stop = threads.pop(name)
        stop.set()
        thread.join()
        print(json.dumps({name: None}), flush=True)
`;

export type ThreadedPython = {
	readonly pid: number;
	/** TIDs by thread name: `main`, `spinner` and the idle threads asked for. */
	readonly tids: Readonly<Record<string, number>>;
	/** Starts an idle thread with this name; resolves to its TID. */
	start(name: string): Promise<number>;
	/** Ends the idle thread of this name; resolves once it has exited. */
	end(name: string): Promise<void>;
	/** Kills the process and waits for it to be reaped. */
	stop(): Promise<void>;
};

/**
 * Starts the script (written to `scriptPath`, which may be a Wazuh daemon's script path inside a
 * fake installation) with idle threads named `idleNames`; resolves once every thread is named.
 */
export async function startThreadedPython(scriptPath: string, idleNames: readonly string[]): Promise<ThreadedPython> {
	fs.writeFileSync(scriptPath, script);
	const child: ChildProcess = spawn(python, [scriptPath, ...idleNames], {stdio: ['pipe', 'pipe', 'inherit']});
	trackChild(child.pid);
	const exited = new Promise<void>(resolve => {
		child.once('exit', () => {
			untrackChild(child.pid);
			resolve();
		});
	});
	const lines: AsyncIterator<string> = readline.createInterface({input: child.stdout!})[Symbol.asyncIterator]();
	const next = async (): Promise<Record<string, number | null>> => {
		const line = await lines.next();
		if (line.done === true) {
			throw new Error('the threaded Python ended');
		}

		return JSON.parse(line.value) as Record<string, number | null>;
	};

	const tids = await next() as Record<string, number>;
	return {
		pid: child.pid!,
		tids,
		async start(name) {
			child.stdin!.write(`start ${name}\n`);
			return (await next())[name]!;
		},
		async end(name) {
			child.stdin!.write(`end ${name}\n`);
			await next();
		},
		async stop() {
			child.kill('SIGKILL');
			await exited;
		},
	};
}
