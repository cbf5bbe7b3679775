import { spawn } from 'node:child_process';
import { ROOT } from '../../bench/processes.ts';

export interface ChatRun {
  code: number | null;
  out: string;
  err: string;
}

/**
 * `npm run chat -- …args` as a process, its input piped (`lines`, then end of input), on
 * the example org file, without Feishu credentials or Redis from the test's environment.
 */
export function runChat(
  args: string[],
  lines: string[] = [],
  env: Record<string, string> = {},
): Promise<ChatRun> {
  const {
    REDIS_URL: _r,
    LARK_APP_ID: _a,
    LARK_APP_SECRET: _s,
    LARK_ENCRYPT_KEY: _k,
    LARK_VERIFICATION_TOKEN: _t,
    ...inherited
  } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/chat.ts', ...args], {
    cwd: ROOT,
    env: { ...inherited, ORG_CONFIG: 'org.example.yaml', LOG_LEVEL: 'silent', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  child.stdin.on('error', () => {}); // it may exit before reading everything (a bad option)
  child.stdin.end(lines.map((l) => `${l}\n`).join(''));
  return new Promise((resolve) => {
    child.on('close', (code) => resolve({ code, out, err }));
  });
}
