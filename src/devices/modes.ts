import { NetrunError } from '../errors.js';
import { findModePath, type Transition } from './platforms/platform.js';
import type { ShellDriver } from './shell-driver.js';

/** Moving between CLI modes along the platform's transitions (enable, configure, end, ...). */

export interface ModeOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

const needsEnableSecret = (t: Transition) => t.answers.some((a) => a.secret === 'enableSecret');

export function modePath(driver: ShellDriver, target: string): Transition[] {
  const path = findModePath(driver.platform, driver.mode, target);
  if (path === undefined) {
    throw new NetrunError(
      'PROMPT_NOT_FOUND',
      `${driver.host}: the prompt says mode "${driver.mode}", and platform ${driver.platform.name} has no way from there to "${target}"`,
      { hint: `check the platform (${driver.platform.source}) or the device's login privilege` },
    );
  }
  return path;
}

/** Whether reaching `target` would need an enable secret the host does not have. */
export function lacksSecretFor(
  driver: ShellDriver,
  target: string,
  enableSecret: string | undefined,
): boolean {
  return enableSecret === undefined && modePath(driver, target).some(needsEnableSecret);
}

function transitionError(driver: ShellDriver, t: Transition, why: string): NetrunError {
  const code = needsEnableSecret(t) ? 'ENABLE_FAILED' : 'COMMAND_REJECTED';
  return new NetrunError(code, `${driver.host}: \`${t.command}\` did not reach ${t.to} mode: ${why}`);
}

export async function enterMode(driver: ShellDriver, target: string, options: ModeOptions): Promise<void> {
  for (const t of modePath(driver, target)) {
    const result = await driver.runStep(t, options);
    if (result.end.kind === 'missing-secret') {
      throw new NetrunError(
        'ENABLE_FAILED',
        `${driver.host}: \`${t.command}\` asks for a password and no enable secret is set for this host`,
        { hint: 'set `enable_secret` for the host or its group in the inventory' },
      );
    }
    if (result.failure) throw transitionError(driver, t, result.failure);
    if (driver.mode !== t.to) throw transitionError(driver, t, `the prompt still says mode "${driver.mode}"`);
  }
}
