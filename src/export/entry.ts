/** One exported entry (a user, group or permission set) with what a reader should know about it. */
export interface Entry {
  /** The value under its key, as plain data. */
  value: Record<string, unknown>;
  /** Comment lines written above the key (without `#`). */
  comments: string[];
  /** The same facts for stderr: things the user should look at. */
  warnings: string[];
}
