// Replaces source/ui/terminal/ink-output-module.ts in the single-file build. The build resolves this
// specifier to the very file Ink's own `import Output from './output.js'` resolves to, so the
// bundle holds one copy of the module, shared by Ink and the frame shortcut.
// @ts-expect-error: not in Ink's exports; resolved by the build, not by Node.
import * as output from 'ink/build/output.js';

export async function loadInkOutputModule(): Promise<{default?: unknown}> {
	return output as {default?: unknown};
}
