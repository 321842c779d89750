/**
 * UpdatePermissionSet sends description, session duration and relay state together (AWS clears
 * the relay state when it is left out): the plan shows the ones sent again unchanged.
 */
import { describe, expect, it } from 'vitest';
import { fieldDeltas } from '../../src/render/describe.js';
import type { PermissionSet } from '../../src/model/permission-set.js';
import type { PermissionSetChange } from '../../src/plan/types.js';

const before: PermissionSet = {
  name: 'ReadOnly',
  description: 'Read everything',
  sessionDuration: 'PT8H',
  relayState: 'https://console.aws.amazon.com/',
  managedPolicies: [],
  customerManagedPolicies: [],
  tags: {},
};

const update = (after: PermissionSet, fields: PermissionSetChange['fields']): PermissionSetChange => ({
  kind: 'permission-set',
  action: 'update',
  name: 'ReadOnly',
  before,
  after,
  fields,
});

describe('permission set updates show what UpdatePermissionSet sends', () => {
  it('a description change also shows session duration and relay state, sent again unchanged', () => {
    const deltas = fieldDeltas(update({ ...before, description: 'Read all' }, ['description']));
    expect(deltas.map((d) => [d.label, d.kind === 'value' ? d.after : undefined])).toEqual([
      ['description', 'Read all'],
      ['session duration, sent again unchanged', '8 hours (PT8H)'],
      ['relay state (start URL), sent again unchanged', 'https://console.aws.amazon.com/'],
    ]);
  });

  it('an update that does not call UpdatePermissionSet shows only what changes', () => {
    const deltas = fieldDeltas(update({ ...before, tags: { team: 'a' } }, ['tags']));
    expect(deltas.map((d) => d.label)).toEqual(['tags']);
  });
});
