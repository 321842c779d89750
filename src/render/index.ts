/** Renderers: Plan → markdown (pull request comment), terminal text, JSON. */
export { renderMarkdown, type MarkdownOptions } from './markdown.js';
export { renderText, type TextOptions } from './text.js';
export { renderJson } from './json.js';
export { escapeMarkdown } from './escape.js';
