export {buildReport} from './build-report.js';
export type {Report} from './report-model.js';
export {renderHtml} from './render-html.js';
export {renderJson} from './render-json.js';
export {renderMarkdown} from './render-markdown.js';
export {defaultThresholds, type Thresholds} from './thresholds.js';
