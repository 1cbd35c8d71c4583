import { type CliIo, EXIT, reportError } from './io.js';

type Subcommand = { summary: string; run: (argv: string[], io: CliIo) => Promise<number> };

/** Subcommands load lazily: `netrun run` should not pay for Bolt, nor `netrun lab` for SQLite. */
const SUBCOMMANDS: Record<string, Subcommand> = {
  start: {
    summary: 'run the Slack bot (Socket Mode with SLACK_APP_TOKEN, else HTTP on PORT)',
    run: async (_argv, io) =>
      (await import('../main.js')).runBot({
        env: io.env,
        stderr: io.stderr,
        onShutdownSignal: (handler) =>
          io.signal.addEventListener('abort', () => handler(String(io.signal.reason?.message ?? 'signal'))),
      }),
  },
  run: {
    summary: 'run a command on a target and print each device as it finishes',
    run: async (argv, io) => (await import('./run-command.js')).runRunCommand(argv, io),
  },
  push: {
    summary: 'push config lines to a target: dry run (per-device diff), confirm, canary first',
    run: async (argv, io) => (await import('./push-command.js')).runPushCommand(argv, io),
  },
  lab: {
    summary: 'serve simulated devices over SSH/telnet on 127.0.0.1',
    run: async (argv, io) => (await import('../lab/index.js')).runLabCommand(argv, io),
  },
  audit: {
    summary: 'print the audit trail (who ran, requested, approved what, and the outcomes)',
    run: async (argv, io) => (await import('./audit-command.js')).runAuditCommand(argv, io),
  },
  check: {
    summary: 'validate the inventory, policy, platform and redaction files together (every problem)',
    run: async (argv, io) => (await import('./check-command.js')).runCheckCommand(argv, io),
  },
  hostkeys: {
    summary: "record and review the SSH host keys of a target's devices (like ssh-keyscan)",
    run: async (argv, io) => (await import('./hostkeys-command.js')).runHostkeysCommand(argv, io),
  },
  demo: {
    summary: 'the whole product on a lab and a local Slack stand-in, printed as text',
    run: async (_argv, io) => (await import('../demo/index.js')).runDemo(io),
  },
};

export const HELP = `netrun — run commands on network fleets, from Slack or a terminal

Usage: netrun <command> [options]

${Object.entries(SUBCOMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(10)} ${summary}`)
  .join('\n')}

\`netrun <command> --help\` tells more.`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    // A usage error like any other: stdout stays empty for whoever pipes it.
    io.stderr.write(`${HELP}\n`);
    return EXIT.usage;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  const subcommand = SUBCOMMANDS[name];
  if (!subcommand) {
    io.stderr.write(`netrun: unknown command "${name}"\n\n${HELP}\n`);
    return EXIT.usage;
  }
  try {
    return await subcommand.run(rest, io);
  } catch (error) {
    return reportError(io, error);
  }
}
