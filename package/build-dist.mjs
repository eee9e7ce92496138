#!/usr/bin/env node
/*
 * `npm run build`: dist/ from scratch (no file of a moved or deleted module lingers), compiled by
 * tsc, then dist/.build-stamp, the hash of what was compiled (package/build-stamp.mjs). The hash is
 * taken before tsc reads the sources: a file edited during the build makes the stamp stale, never
 * a stale build look fresh. The stamp is written only when tsc succeeds.
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

fs.writeFileSync(path.join(dist, stampName), `${hash}\n`);
