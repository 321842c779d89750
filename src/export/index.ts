/** `idc export`: the live Identity Center state as an access.yaml. */
export { buildExport, DEFAULT_SCHEMA_REF, exportAccessYaml, exportModel } from './export-access-yaml.js';
export type { ExportCounts, ExportOptions, ExportResult } from './export-access-yaml.js';
export { exportDesired, type ExportReadSettings } from './export-desired.js';
export { selfCheck, type SelfCheck } from './self-check.js';
export { splitExport, SPLIT_DIR, type SplitBy, type SplitExport } from './split.js';
