/**
 * Compiles the C helpers (the fleet process and the floor reader) when a C compiler is there.
 * Binaries are cached in `.bench-tmp/bin` and rebuilt when their source changes.
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export type NativeTools = {
	readonly compiler: string | undefined;
	readonly hog: string | undefined;
	readonly floor: string | undefined;
	/** Why the binaries are missing. */
	readonly problem: string | undefined;
};

const here = path.dirname(fileURLToPath(import.meta.url));
export const benchTmp = path.resolve(here, '../../.bench-tmp');

function findCompiler(): string | undefined {
	for (const candidate of [process.env.CC, 'cc', 'gcc', 'clang']) {
		if (candidate !== undefined && candidate !== '' && spawnSync(candidate, ['--version'], {stdio: 'ignore'}).status === 0) {
			return candidate;
		}
	}

	return undefined;
}

function compile(compiler: string, name: string): string {
	const source = path.join(here, `${name}.c`);
	const binary = path.join(benchTmp, 'bin', name);
	const fresh = fs.existsSync(binary) && fs.statSync(binary).mtimeMs >= fs.statSync(source).mtimeMs;
	if (!fresh) {
		fs.mkdirSync(path.dirname(binary), {recursive: true});
		const result = spawnSync(compiler, ['-O2', '-o', binary, source], {encoding: 'utf8'});
		if (result.status !== 0) {
			throw new Error(`${compiler} ${name}.c failed: ${(result.stderr || result.error?.message || '').trim().split('\n')[0]}`);
		}
	}

	return binary;
}

export function buildNativeTools(): NativeTools {
	const compiler = findCompiler();
	if (compiler === undefined) {
		return {compiler, hog: undefined, floor: undefined, problem: 'no C compiler (cc, gcc, clang; or set CC)'};
	}

	try {
		return {compiler, hog: compile(compiler, 'hog'), floor: compile(compiler, 'floor'), problem: undefined};
	} catch (error: unknown) {
		return {compiler, hog: undefined, floor: undefined, problem: (error as Error).message};
	}
}
