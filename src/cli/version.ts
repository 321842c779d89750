/** `idc --version`: package.json's version, put into the bundle at build time (scripts/build.mjs). */
import { readFileSync } from 'node:fs';

declare const __IDC_VERSION__: string | undefined;

export function idcVersion(): string {
  if (typeof __IDC_VERSION__ === 'string') return __IDC_VERSION__;
  // Not bundled (tsx, tests): the package.json of this checkout.
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
