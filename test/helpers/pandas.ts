import {spawnSync} from 'node:child_process';
import fs from 'node:fs';

/** Debian's Python, where python3-pandas installs (a `python3` on PATH may be another one without it). */
export const python = '/usr/bin/python3';

export const pandasInstallHint = 'apt-get install -y --no-install-recommends python3-pandas';

/** Whether `python` can import pandas; a test needing it runs when true, and must be true under CI. */
export const hasPandas = fs.existsSync(python) && spawnSync(python, ['-c', 'import pandas'], {stdio: 'ignore'}).status === 0;
