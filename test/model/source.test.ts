import { describe, expect, it } from 'vitest';
import { formatDiagnostic, pathKey, sortDiagnostics } from '../../src/model/source.js';

describe('pathKey', () => {
  it('joins keys with dots and indexes with brackets, as a person reads a YAML path', () => {
    expect(pathKey(['assignments', 2, 'accounts', 0])).toBe('assignments[2].accounts[0]');
    expect(pathKey(['users', 'jonathan', 'email'])).toBe('users.jonathan.email');
  });
});

describe('diagnostics', () => {
  it('print as file:line:col: message and sort by position', () => {
    const ds = sortDiagnostics([
      { file: 'access.yaml', line: 9, col: 3, severity: 'error', message: 'b' },
      { file: 'access.yaml', line: 2, col: 7, severity: 'warning', message: 'a' },
    ]);
    expect(ds.map(formatDiagnostic)).toEqual(['access.yaml:2:7: warning: a', 'access.yaml:9:3: b']);
  });
});
