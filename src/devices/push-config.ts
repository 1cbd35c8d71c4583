import type { PushOutcome } from '../engine/types.js';
import type { Logger } from '../logger.js';
import { enterMode, type ModeOptions } from './modes.js';
import type { Step } from './platforms/platform.js';
import type { ShellDriver } from './shell-driver.js';

/**
 * A config push as data-driven steps: enter the platform's config mode, type each line and stop at the
 * first the device rejects; then commit (commit platforms) or abort (throw away what a transactional
 * platform holds), go back to the default mode, and save if asked.
 */

export interface PushContext extends ModeOptions {
  save: boolean;
  logger?: Logger;
}

type Rejection = PushOutcome['rejected'];

async function runSteps(driver: ShellDriver, steps: readonly Step[], ctx: PushContext): Promise<Rejection> {
  for (const step of steps) {
    const result = await driver.runStep(step, ctx);
    if (result.failure) return { line: step.command, message: result.failure };
  }
  return undefined;
}

async function sendLines(driver: ShellDriver, lines: readonly string[], ctx: PushContext) {
  const applied: string[] = [];
  for (const line of lines) {
    // anyBase: a `hostname` line changes the prompt mid-push.
    const result = await driver.send(line, { timeoutMs: ctx.timeoutMs, signal: ctx.signal, anyBase: true });
    const failure = driver.failureIn(result.output);
    if (failure) return { applied, rejected: { line, message: failure } };
    applied.push(line);
  }
  return { applied, rejected: undefined };
}

/** Throw away the uncommitted lines after a rejection; a failure here is logged, the rejection is the news. */
async function abandon(driver: ShellDriver, ctx: PushContext): Promise<void> {
  const abort = driver.platform.config?.abort ?? [];
  const problem = await runSteps(driver, abort, ctx);
  if (problem)
    ctx.logger?.warn(
      { host: driver.host, step: problem.line, message: problem.message },
      'config abort step failed',
    );
}

export async function pushConfigLines(
  driver: ShellDriver,
  lines: readonly string[],
  ctx: PushContext,
): Promise<PushOutcome> {
  const config = driver.platform.config!;
  await enterMode(driver, config.mode, ctx);
  const { applied, rejected } = await sendLines(driver, lines, ctx);
  if (rejected) {
    await abandon(driver, ctx);
    await enterMode(driver, driver.platform.defaultMode, ctx);
    return { applied, rejected, saved: false };
  }
  const commitRejected = await runSteps(driver, config.commit, ctx);
  if (commitRejected) {
    await abandon(driver, ctx);
    await enterMode(driver, driver.platform.defaultMode, ctx);
    return { applied, rejected: commitRejected, saved: false };
  }
  await enterMode(driver, driver.platform.defaultMode, ctx);
  const committed = config.commit.length > 0;
  if (config.commitSaves && committed) return { applied, saved: true };
  if (!ctx.save) return { applied, saved: false };
  const saveRejected = await runSteps(driver, config.save, ctx);
  return saveRejected
    ? { applied, rejected: saveRejected, saved: false }
    : { applied, saved: config.save.length > 0 };
}
