// Replaces source/demo/fake-program.ts in the single-file build: the single file cannot read the
// fake daemon's script from next to itself, so it carries the script's text (esbuild's text loader
// for .sh, package/build.mjs).
import script from '../../source/demo/fake-daemon.sh';

export async function fakeProgram(): Promise<string> {
	return script;
}
