/** Name globs of `ownership.ignore`: `*` matches any run of characters, `?` one character. */

const cache = new Map<string, RegExp>();

function compile(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    const body = glob
      .replace(/[.+^${}()|[\]\\/]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, 's');
    cache.set(glob, re);
  }
  return re;
}

/** True when `name` matches `glob` (case-sensitive, like the names in AWS). */
export function matchesGlob(name: string, glob: string): boolean {
  return compile(glob).test(name);
}

export function matchesAnyGlob(name: string, globs: readonly string[]): boolean {
  return globs.some((g) => matchesGlob(name, g));
}
