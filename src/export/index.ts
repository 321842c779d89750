/** `idc export`: the live Identity Center state as an access.yaml. */
export { buildExport, DEFAULT_SCHEMA_REF, exportAccessYaml, exportModel } from './export-access-yaml.js';
export { exportDesired } from './export-desired.js';
export { selfCheck, type SelfCheck } from './self-check.js';
export { splitExport, SPLIT_DIR, type SplitBy } from './split.js';
