#!/usr/bin/env node
import type { CliIo } from './cli/io.js';
import { main } from './cli/main.js';

/** Ctrl-C once cancels (jobs still print their summary); twice quits at once. */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(`\nnetrun: ${signal}: cancelling… (press Ctrl-C again to quit at once)\n`);
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller.signal;
}

const io: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: interruptSignal(),
};
main(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
  // Everything we opened is closed by now; a straggling socket must not keep a finished CLI alive.
  setTimeout(() => process.exit(code), 2000).unref();
});
