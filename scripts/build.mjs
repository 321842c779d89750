// Bundles the Action (dist/index.js) and the CLI (dist/cli.js) with esbuild.
// The output is committed: GitHub runs dist/index.js as it is, without installing anything.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

rmSync('dist', { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // `idc --version` (src/cli/version.ts).
  define: { __IDC_VERSION__: JSON.stringify(version) },
  // Some bundled CommonJS packages call require(); give ESM output a require of its own.
  banner: {
    js: "import { createRequire as __idcCreateRequire } from 'node:module'; const require = __idcCreateRequire(import.meta.url);",
  },
};

await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js' });
await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
  banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
});
