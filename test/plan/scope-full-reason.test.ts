import { describe, expect, it } from 'vitest';
import { fullReadReason } from '../../src/plan/scope/compute-scope.js';
import { desired } from './builders.js';

describe('a scoped plan falls back to full where a scoped read could change the verdict', () => {
  it('a percentage max_deletes counts everything idc manages: full, with the reason', () => {
    const base = desired();
    const head = desired();
    head.safety = { ...head.safety, maxDeletes: { kind: 'percent', value: 10 } };
    base.safety = { ...base.safety, maxDeletes: { kind: 'percent', value: 10 } };
    expect(fullReadReason(base, head)).toBe('safety.max_deletes is a percentage of everything idc manages, which only a full read counts');
  });

  it('a count max_deletes (the default, 10) keeps the plan scoped', () => {
    expect(fullReadReason(desired(), desired())).toBeUndefined();
  });
});
