import fs from 'node:fs';
import path from 'node:path';
import {bashCompletion} from './bash.js';
import {packageVersion} from './commands.js';
import {manPage} from './man-page.js';
import {updateCliMarkdown} from './markdown.js';
import {zshCompletion} from './zsh.js';

/**
 * Every file `npm run docs` writes, by its path in the repository, with what it must hold now.
 * docs/cli.md is written around its hand-written text: only its option blocks are generated.
 */
export function generatedFiles(root: string): Map<string, string> {
	const version = packageVersion(root);
	return new Map([
		['docs/cli.md', updateCliMarkdown(fs.readFileSync(path.join(root, 'docs/cli.md'), 'utf8'))],
		['docs/wazuh-metrics.1', manPage(version)],
		['contrib/completions/wazuh-metrics.bash', bashCompletion(version)],
		['contrib/completions/_wazuh-metrics', zshCompletion(version)],
	]);
}
