#!/usr/bin/env node
/* global process, URL -- a Node.js script: its globals come from Node */
// The `reconcile` command of package.json "bin": a committed launcher, so the link npm makes always points at an
// executable file with a shebang. It starts the compiled CLI (`npm run build` writes dist/; the `prepare` script
// does so on `npm install`/`npm ci` in a checkout).
import { existsSync } from 'node:fs'

const entry = new URL('../dist/cli/bin.js', import.meta.url)
if (existsSync(entry)) {
  await import(entry.href)
} else {
  process.stderr.write('reconcile: not built yet: run "npm run build" (dist/cli/bin.js is missing)\n')
  process.exitCode = 2
}
