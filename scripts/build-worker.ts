/**
 * Builds the Cloudflare Workers bundle offline: validates the org file with the bot's own
 * schema (a bad file fails the build, not the first event), bundles it as a module
 * (`union-org`, see wrangler.toml), and runs `wrangler deploy --dry-run`.
 *
 *   npm run build:worker -- --org org.yaml [--outdir .worker/dist]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../src/config/config-error.ts';
import { parseOrg } from '../src/config/org.ts';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const { values } = parseArgs({
  options: { org: { type: 'string' }, outdir: { type: 'string', default: '.worker/dist' } },
});
const orgPath = values.org ?? (existsSync('org.yaml') ? 'org.yaml' : undefined);
if (!orgPath) {
  process.stderr.write('build:worker: no org file: pass --org <file> (or create org.yaml)\n');
  process.exit(1);
}

const text = readFileSync(orgPath, 'utf8');
try {
  parseOrg(text, orgPath);
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
  process.exit(1);
}
mkdirSync(resolve(root, '.worker'), { recursive: true });
writeFileSync(resolve(root, '.worker/org.js'), `export default ${JSON.stringify(text)};\n`);

const wrangler = resolve(root, 'node_modules/wrangler/bin/wrangler.js');
const run = spawnSync(
  process.execPath,
  [wrangler, 'deploy', '--dry-run', '--outdir', resolve(values.outdir ?? '.worker/dist')],
  { cwd: root, stdio: 'inherit', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
);
process.exit(run.status ?? 1);
