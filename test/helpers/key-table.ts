import {keyBindings, modesText} from '../../source/ui/keys.js';

/** The key list of docs/live-view.md (a Markdown table), made from the bindings: each key, where it works, what it does. */
export function readmeKeyTable(): string {
	return ['| Key | Works in | Action |', '|---|---|---|', ...keyBindings.map(({keys, modes, action}) => `| ${keys} | ${modesText(modes)} | ${action} |`)].join('\n');
}
