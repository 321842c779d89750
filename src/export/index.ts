/** `idc export`: the live Identity Center state as an access.yaml. */
export { buildExport, DEFAULT_SCHEMA_REF, exportAccessYaml } from './export-access-yaml.js';
export { exportDesired } from './export-desired.js';
export { selfCheck } from './self-check.js';
