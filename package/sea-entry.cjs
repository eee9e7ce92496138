/*
 * Main script of the single executables (Node's SEA). Node 20-24 take only a CommonJS main script,
 * and the program is ESM with top-level await (Ink, yoga-layout): the bundle travels as a SEA asset
 * and is imported from a data: URL through Node's own ESM loader. Nothing is written to disk.
 */
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

const source = getAsset('wazuh-metrics.mjs', 'utf8');
const url = `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`;
const script = new vm.Script(`import(${JSON.stringify(url)})`, {
	filename: 'wazuh-metrics-sea-entry',
	importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
script.runInThisContext().catch((error) => {
	process.stderr.write(`wazuh-metrics: cannot start: ${error?.message ?? error}\n`);
	process.exit(1);
});
