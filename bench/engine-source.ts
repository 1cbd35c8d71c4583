/**
 * Where the measured engine's code comes from. By default the bench builds the project
 * (`npm run build`) and imports the engine from dist/, the JavaScript that ships: under tsx the same
 * code runs esbuild's output, with a `__name` wrapper around every named function and class, which
 * costs CPU that no user pays. `--engine src` measures the TypeScript sources through tsx instead
 * (no build; handy while the tree does not compile). The lab and the floor client stay under tsx:
 * neither is what is being judged.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type * as ConfigModule from '../src/config/index.js';
import type * as LoggerModule from '../src/logger.js';
import type * as RuntimeModule from '../src/runtime.js';

export type EngineSource = 'dist' | 'src';

export const ENGINE_SOURCES: readonly EngineSource[] = ['dist', 'src'];

/** The three entry points the bench drives the engine through. */
export interface EngineModules {
  source: EngineSource;
  loadConfig: typeof ConfigModule.loadConfig;
  createRuntime: typeof RuntimeModule.createRuntime;
  silentLogger: typeof LoggerModule.silentLogger;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** `npm run build` in the repository; rejects with the end of its output when it fails. */
export async function buildEngine(): Promise<void> {
  try {
    await promisify(execFile)('npm', ['run', '--silent', 'build'], {
      cwd: ROOT,
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(
      `\`npm run build\` failed, so the engine cannot be measured as it ships:\n${tail}\n` +
        'fix the build, or measure the sources through tsx with `--engine src`',
    );
  }
}

/** Imports the engine from dist/ (built by buildEngine first) or from src/. */
export async function loadEngine(source: EngineSource): Promise<EngineModules> {
  const folder = source === 'dist' ? '../dist' : '../src';
  const load = <T>(path: string) => import(new URL(`${folder}/${path}`, import.meta.url).href) as Promise<T>;
  const [config, runtime, logger] = await Promise.all([
    load<typeof ConfigModule>('config/index.js'),
    load<typeof RuntimeModule>('runtime.js'),
    load<typeof LoggerModule>('logger.js'),
  ]);
  return {
    source,
    loadConfig: config.loadConfig,
    createRuntime: runtime.createRuntime,
    silentLogger: logger.silentLogger,
  };
}
