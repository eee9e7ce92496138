/** Facts about the machine, printed with the results (they mean little without them). */
import fs from 'node:fs';
import os from 'node:os';

export type Machine = {
	readonly nproc: number;
	readonly cpu: string;
	readonly memoryGb: number;
	readonly kernel: string;
	readonly node: string;
	readonly processes: number;
	readonly loadAverage: string;
};

export function machineFacts(): Machine {
	return {
		nproc: os.availableParallelism(),
		cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
		memoryGb: Math.round(os.totalmem() / 2 ** 30),
		kernel: os.release(),
		node: process.version,
		processes: fs.readdirSync('/proc').filter(entry => /^\d+$/.test(entry)).length,
		loadAverage: os.loadavg().map(load => load.toFixed(2)).join(' '),
	};
}
