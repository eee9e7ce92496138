/*
 * Main script of the single executables (Node's SEA). Node 20-24 take only a CommonJS main script,
 * and the program is ESM with top-level await (Ink, yoga-layout): the bundle travels as a SEA asset
 * and is imported through Node's own ESM loader from a private file: a folder of our own under
 * /tmp (mkdtemp: a new name, mode 0700, so nobody else can put anything in it), the file created
 * there exclusively (0600). The bundle's first statement removes both (the banner in build.mjs),
 * once Node has read it; whatever way the process ends, 'exit' removes them too.
 * Importing it from a data: URL instead, as before, cost 30-40 MiB more RSS (bench/RESULTS.md).
 */
const fs = require('node:fs');
const path = require('node:path');
const {pathToFileURL} = require('node:url');
const {getAsset} = require('node:sea');
const vm = require('node:vm');

// Node 20-24 call the loader option experimental and would say so on stderr, over the screen.
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
	if (String(warning?.message ?? warning).includes('USE_MAIN_CONTEXT_DEFAULT_LOADER')) {
		return;
	}

	return emitWarning.call(this, warning, ...rest);
};

const fail = (error) => {
	process.stderr.write(`wazuh-metrics: cannot start: ${error?.message ?? error}\n`);
	process.exit(1);
};

let folder;
let file;
try {
	// Not os.tmpdir(): TMPDIR would choose where root writes.
	folder = fs.mkdtempSync('/tmp/wazuh-metrics-');
	file = path.join(folder, 'wazuh-metrics.mjs');
	fs.writeFileSync(file, new Uint8Array(getAsset('wazuh-metrics.mjs')), {mode: 0o600, flag: 'wx'});
} catch (error) {
	fail(error);
}

let removed = false;
const remove = () => {
	if (removed) {
		return;
	}

	removed = true;
	try {
		fs.unlinkSync(file);
	} catch {}

	try {
		fs.rmdirSync(folder);
	} catch {}
};

// Called by the bundle's first statement; its module URL is then the executable's (see build.mjs).
globalThis[Symbol.for('wazuh-metrics.sea-loaded')] = remove;
process.once('exit', remove);
const script = new vm.Script(`import(${JSON.stringify(pathToFileURL(file).href)})`, {
	filename: 'wazuh-metrics-sea-entry',
	importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
script.runInThisContext().catch((error) => {
	remove();
	fail(error);
});
