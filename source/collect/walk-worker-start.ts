import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';

/**
 * Starts the walk worker thread. The worker entry sits next to this module with the same
 * extension: `.js` once built, `.ts` when the sources run under tsx. On Node 20 the loader hooks
 * that `--import tsx` installs do not reach worker threads (nodejs/node#47747), so a `.ts` entry is
 * loaded through a small bootstrap that registers tsx inside the worker first. Without tsx (native
 * type stripping) the entry is used as is.
 *
 * The single-file build (package/build.mjs) replaces this module: there the worker is bundled into
 * a string and started with `eval`, since a bundle has no file next to it.
 */
export function createWalkWorker(): Worker {
	const extension = path.extname(fileURLToPath(import.meta.url));
	const entry = new URL(`./walk-worker${extension}`, import.meta.url);
	// Workers inherit the process's node flags; `--input-type` (from `node --input-type=module -e`)
	// would make Node refuse a file entry, so it is left out.
	const execArgv = process.execArgv.filter((flag) => !flag.startsWith('--input-type'));
	if (extension === '.ts' || extension === '.mts') {
		let tsxApi: string | undefined;
		try {
			tsxApi = import.meta.resolve('tsx/esm/api');
		} catch {
			tsxApi = undefined;
		}

		if (tsxApi !== undefined) {
			const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
			return new Worker(bootstrap, {eval: true, execArgv});
		}
	}

	return new Worker(entry, {execArgv});
}
