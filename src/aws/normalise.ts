/** Small normalisations so that what is read compares and hashes the same every time. */
import { nameRecord } from '../model/name-record.js';

export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The same record with its keys in sorted order. */
export function sortedRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return nameRecord(Object.entries(record).sort(([a], [b]) => compareStrings(a, b)));
}

export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareStrings);
}
