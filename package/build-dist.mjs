#!/usr/bin/env node
/*
 * `npm run build`: dist/ from scratch (no file of a moved or deleted module lingers), compiled by
 * tsc, then dist/.build-stamp, the hash of what was compiled (package/build-stamp.mjs). The hash is
 * taken before tsc reads the sources: a file edited during the build makes the stamp stale, never
 * a stale build look fresh. The stamp is written only when tsc succeeds. Files tsc does not emit
 * (shell scripts: the demo's fake daemon) are copied beside their modules.
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {buildInputsHash, stampName} from './build-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');

fs.rmSync(dist, {recursive: true, force: true});
const hash = buildInputsHash(root);
const tsc = fileURLToPath(import.meta.resolve('typescript/bin/tsc'));
const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], {stdio: 'inherit'});
if (result.status !== 0) {
	process.exit(result.status ?? 1);
}

for (const entry of fs.readdirSync(path.join(root, 'source'), {recursive: true, withFileTypes: true})) {
	if (entry.isFile() && entry.name.endsWith('.sh')) {
		const relative = path.relative(path.join(root, 'source'), path.join(entry.parentPath, entry.name));
		fs.copyFileSync(path.join(root, 'source', relative), path.join(dist, relative));
	}
}

fs.writeFileSync(path.join(dist, stampName), `${hash}\n`);
