import { describe, expect, it } from 'vitest';
import { permissionSetCalls } from '../../src/apply/permission-set-calls.js';
import type { PermissionSetChange } from '../../src/plan/types.js';
import { permissionSet } from './fixtures.js';

describe('permissionSetCalls', () => {
  it('computes removals before additions, from before and after', () => {
    const before = permissionSet('Dev', {
      description: 'Developers',
      relayState: 'https://x/',
      inlinePolicy: '{"a":1}',
      customerManagedPolicies: [
        { name: 'Old', path: '/' },
        { name: 'Keep', path: '/team/' },
      ],
      permissionsBoundary: { kind: 'aws-managed', arn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
      tags: { a: '1', b: '2' },
    });
    const after = permissionSet('Dev', {
      description: 'Developers',
      customerManagedPolicies: [
        { name: 'Keep', path: '/team/' },
        { name: 'New', path: '/' },
      ],
      tags: { b: '3', c: '4' },
    });
    const change: PermissionSetChange = {
      kind: 'permission-set',
      action: 'update',
      name: 'Dev',
      before,
      after,
      fields: ['relayState', 'customerManagedPolicies', 'inlinePolicy', 'permissionsBoundary', 'tags'],
    };
    expect(permissionSetCalls(change)).toEqual([
      // Relay state removed: the three attributes still go together (without relay state).
      { op: 'updatePermissionSet', attributes: { description: 'Developers', sessionDuration: 'PT1H' } },
      { op: 'deleteInlinePolicy' },
      { op: 'detachCustomerManagedPolicy', ref: { name: 'Old', path: '/' } },
      { op: 'attachCustomerManagedPolicy', ref: { name: 'New', path: '/' } },
      { op: 'deletePermissionsBoundary' },
      { op: 'untagPermissionSet', keys: ['a'] },
      { op: 'tagPermissionSet', tags: { b: '3', c: '4' } },
    ]);
  });

  it('sends only what the plan says changed', () => {
    const before = permissionSet('Dev', { inlinePolicy: '{"a": 1}' });
    const after = permissionSet('Dev', { inlinePolicy: '{"a":1}', sessionDuration: 'PT8H' });
    const change: PermissionSetChange = { kind: 'permission-set', action: 'update', name: 'Dev', before, after, fields: ['sessionDuration'] };
    expect(permissionSetCalls(change)).toEqual([{ op: 'updatePermissionSet', attributes: { sessionDuration: 'PT8H' } }]);
  });

  it('completes a created set with its policies and boundary', () => {
    const after = permissionSet('New', {
      managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      customerManagedPolicies: [{ name: 'P', path: '/' }],
      permissionsBoundary: { kind: 'customer-managed', name: 'B', path: '/' },
      tags: { a: '1' },
    });
    const change: PermissionSetChange = { kind: 'permission-set', action: 'create', name: 'New', after, fields: [] };
    expect(permissionSetCalls(change).map((c) => c.op)).toEqual(['attachManagedPolicy', 'attachCustomerManagedPolicy', 'putPermissionsBoundary']);
  });
});
