import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `netrun check` as a production install runs it: the compiled dist/ with its YAML assets, and a
 * node_modules holding only the `dependencies` of package.json (and theirs) — no TypeScript, no tsx,
 * no vitest. A dev-only import anywhere on check's path fails here.
 */
const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'netrun-prod-'));

interface PackageJson {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function readPackage(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** The production dependencies and everything they depend on, as npm hoisted them in the repo. */
function productionClosure(): string[] {
  const seen = new Set<string>();
  const queue = Object.keys(readPackage(REPO).dependencies ?? {});
  while (queue.length > 0) {
    const name = queue.shift() as string;
    const dir = join(REPO, 'node_modules', name);
    if (seen.has(name) || !existsSync(dir)) continue;
    seen.add(name);
    const pkg = readPackage(dir);
    queue.push(...Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }));
  }
  return [...seen];
}

beforeAll(async () => {
  // Compile only (the type check is the typecheck job's): the build a Docker image would run.
  await run(process.execPath, [
    join(REPO, 'node_modules/typescript/bin/tsc'),
    ...[
      '-p',
      join(REPO, 'tsconfig.build.json'),
      '--outDir',
      join(root, 'dist'),
      '--noCheck',
      '--sourceMap',
      'false',
    ],
  ]).catch((error: { stdout?: string }) => {
    // Emitted files are what matter; other work in progress may still report errors.
    if (!existsSync(join(root, 'dist/cli.js'))) throw error;
  });
  symlinkSync(join(REPO, 'src'), join(root, 'src'));
  await run(process.execPath, [join(REPO, 'scripts/copy-assets.mjs')], { cwd: root });
  cpSync(join(REPO, 'package.json'), join(root, 'package.json'));
  for (const name of productionClosure()) {
    mkdirSync(dirname(join(root, 'node_modules', name)), { recursive: true });
    symlinkSync(join(REPO, 'node_modules', name), join(root, 'node_modules', name));
  }
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

function netrun(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, [join(root, 'dist/cli.js'), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: root, ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ ...error }),
  );
}

describe('netrun check in a production install', () => {
  it('has no dev dependency to lean on', () => {
    expect(existsSync(join(root, 'node_modules/typescript'))).toBe(false);
    expect(existsSync(join(root, 'node_modules/vitest'))).toBe(false);
    expect(existsSync(join(root, 'node_modules/tsx'))).toBe(false);
    expect(existsSync(join(root, 'node_modules/yaml'))).toBe(true);
    expect(existsSync(join(root, 'dist/devices/platforms/cisco_ios.yaml'))).toBe(true);
  });

  it('checks a good configuration (exit 0) and a bad one (exit 1, every problem)', async () => {
    const inventory = join(root, 'inventory.yaml');
    const policy = join(root, 'policy.yaml');
    writeFileSync(
      inventory,
      'hosts:\n  r1: { address: 192.0.2.1, platform: cisco_ios, username: u, password: p }\n',
    );
    writeFileSync(policy, 'roles:\n  noc: { users: [U0ALICE001], run: {} }\n');
    const good = await netrun(['check', '-i', inventory, '-p', policy]);
    expect(good.stderr).toBe('');
    expect(good.stdout).toContain('netrun check: OK (0 errors, 0 warnings)');
    expect(good.stdout).toMatch(/platforms: 6 built-in/);
    expect(good.code).toBe(0);

    writeFileSync(inventory, 'hosts:\n  r1: { address: 192.0.2.1, platform: cisco_ios, prot: 22 }\n');
    writeFileSync(policy, 'roles:\n  noc: { users: [alice] }\n');
    const bad = await netrun(['check', '-i', inventory, '-p', policy]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`${inventory}:2: hosts.r1.prot: unknown key`);
    expect(bad.stdout).toContain(`${policy}:2: roles.noc.users[0]: expected a Slack user ID`);
  });
});
