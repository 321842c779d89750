/** Small normalisations so that what is read compares and hashes the same every time. */
import { compareStrings } from '../model/compare.js';
import { nameRecord } from '../model/name-record.js';

/** The same record with its keys in sorted order. */
export function sortedRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return nameRecord(Object.entries(record).sort(([a], [b]) => compareStrings(a, b)));
}
