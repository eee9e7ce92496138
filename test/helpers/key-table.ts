import {keyBindings} from '../../source/ui/keys.js';

/** The key list of docs/live-view.md (a Markdown table), made from the bindings. */
export function readmeKeyTable(): string {
	return ['| Key | Action |', '|---|---|', ...keyBindings.map(({keys, action}) => `| ${keys} | ${action} |`)].join('\n');
}
