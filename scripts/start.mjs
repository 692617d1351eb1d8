// `npm start`: build the web client when it is missing or older than its sources, then run
// the server. Kept in plain JavaScript so it runs before anything is compiled.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebIfNeeded } from './build-web.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const built = buildWebIfNeeded();
if (built !== 0) process.exit(built);

// The server runs in this process's child; signals are passed on so SIGTERM still drains requests.
const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/main.ts')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
