/**
 * `npm run docs`: writes the option tables of docs/cli.md, the man page docs/wazuh-metrics.1 and the
 * bash and zsh completions in contrib/completions/ from the option tables (source/cli/options/).
 * test/unit/cli/generated-docs.test.ts fails until it is run after a table changes. Not shipped.
 */
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {generatedFiles} from './files.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
for (const [file, content] of generatedFiles(root)) {
	const target = path.join(root, file);
	fs.mkdirSync(path.dirname(target), {recursive: true});
	const before = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
	if (before !== content) {
		fs.writeFileSync(target, content);
		console.log(`wrote ${file}`);
	}
}
