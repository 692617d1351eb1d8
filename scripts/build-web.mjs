// Builds the web client when it is missing or older than its sources. Runs after `npm install`
// (the `prepare` script), so the first `npm start` on a fresh clone only has to start the
// server; `npm start` calls it too, for sources changed since. Plain JavaScript: it runs before
// anything is compiled.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'web/dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const sourcesChanged = () =>
  Math.max(newestMtime(path.join(root, 'web/src')), fs.statSync(path.join(root, 'web/index.html')).mtimeMs) >
  fs.statSync(dist).mtimeMs;

/** Builds when needed; returns the exit status (0 when nothing had to be done). */
export function buildWebIfNeeded() {
  if (fs.existsSync(dist) && !sourcesChanged()) return 0;
  console.info('Webclient bouwen…');
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  return build.status ?? 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.exit(buildWebIfNeeded());
}
