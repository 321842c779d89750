export * from './assignment.js';
export * from './desired.js';
export * from './identity.js';
export * from './live.js';
export * from './organization.js';
export * from './permission-set.js';
export * from './source.js';
