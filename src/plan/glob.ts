/** The glob patterns of `ownership.ignore`: `*` matches any run of characters, `?` exactly one. */

export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const ch of glob) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'su');
}

/** Case-sensitive, like the names in AWS. */
export function matchesGlob(name: string, glob: string): boolean {
  return globToRegExp(glob).test(name);
}

export function matchesAnyGlob(name: string, globs: readonly string[]): boolean {
  return globs.some((g) => matchesGlob(name, g));
}
