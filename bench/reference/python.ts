/** Finds a Python that has psutil, for the reference monitor. */
import {spawnSync} from 'node:child_process';

export type PsutilPython = {readonly python: string; readonly psutil: string} | {readonly problem: string};

export const installHint = 'install psutil: `apt-get install -y python3-psutil` (Debian/Ubuntu, for /usr/bin/python3) or `python3 -m pip install psutil`';

export function findPsutilPython(): PsutilPython {
	for (const python of [process.env.BENCH_PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean) as string[]) {
		const found = spawnSync(python, ['-c', 'import psutil; print(psutil.__version__)'], {encoding: 'utf8'});
		if (found.status === 0) {
			return {python, psutil: found.stdout.trim()};
		}
	}

	return {problem: `no python3 with psutil (tried python3, /usr/bin/python3); ${installHint}`};
}
