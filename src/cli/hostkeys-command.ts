import { createKnownHostsVerifier, type HostKeyVerifier, scanHostKey } from '../devices/index.js';
import type { HostTask } from '../engine/index.js';
import { NetrunError, toErrorInfo } from '../errors.js';
import { selectTargets } from '../inventory/index.js';
import type { Host } from '../inventory/types.js';
import { createRuntime } from '../runtime.js';
import { type CliIo, cliConfig, EXIT, parseCliArgs, wholeNumberOption } from './io.js';

export const HOSTKEYS_HELP = `Usage: netrun hostkeys scan <target> [options]

Fetches each device's SSH host key without logging in (like ssh-keyscan), prints its fingerprint,
and records keys not yet known in the known_hosts file (NETRUN_KNOWN_HOSTS), so a team can pre-seed
and review keys before running with host_key_check: strict. A key that differs from the recorded
one is reported as CHANGED and never overwritten.

Options:
  -i, --inventory FILE     inventory file (default: $NETRUN_INVENTORY or ./inventory.yaml)
      --known-hosts FILE   known_hosts file (default: $NETRUN_KNOWN_HOSTS or ./known_hosts)
  -n, --dry-run            print what would be recorded; change nothing
  -c, --concurrency N      devices at once (default 20)
  -h, --help               this text

Exit status: 0 when every key is known or was recorded, 1 when any changed or could not be fetched,
2 for a usage or configuration error. Telnet devices have no host key and are skipped.`;

const OPTIONS = {
  inventory: { type: 'string', short: 'i' },
  'known-hosts': { type: 'string' },
  'dry-run': { type: 'boolean', short: 'n' },
  concurrency: { type: 'string', short: 'c' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runHostkeysCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs('hostkeys', argv, OPTIONS);
  if (values.help) {
    io.stdout.write(`${HOSTKEYS_HELP}\n`);
    return EXIT.ok;
  }
  const [action, target, ...extra] = positionals;
  if (action !== 'scan' || target === undefined || extra.length > 0) {
    throw new NetrunError('USAGE', 'netrun hostkeys takes `scan <target>`', {
      hint: 'see `netrun hostkeys --help`',
    });
  }
  const concurrency = wholeNumberOption('concurrency', values.concurrency, 1, 10_000);
  const { config, logger } = cliConfig(io);
  const runtime = await createRuntime({ config, logger, env: io.env, inventoryPath: values.inventory });
  const hosts = selectTargets(runtime.inventory, target);
  const file = values['known-hosts'] ?? config.files.knownHosts;
  const verifier = createKnownHostsVerifier({ file, defaultMode: 'accept-new' });
  const dryRun = values['dry-run'] === true;

  const job = runtime.runner.start({
    hosts,
    task: scanTask(verifier, dryRun),
    concurrency,
    signal: io.signal,
  });
  let failed = 0;
  job.on((event) => {
    if (event.type !== 'host:done') return;
    const { result } = event;
    if (result.status !== 'ok') failed += 1;
    const line = result.outputs[0]?.output ?? `${result.error?.code}: ${result.error?.message}`;
    io.stdout.write(`${result.host.padEnd(24)} ${line}\n`);
  });
  await job.done;
  io.stderr.write(
    `${hosts.length} device(s) scanned; ${failed} not ok; known_hosts: ${file}${dryRun ? ' (dry run: unchanged)' : ''}\n`,
  );
  return failed === 0 ? EXIT.ok : EXIT.failed;
}

/** Each device's key checked against known_hosts: `known`, `recorded` (new), or CHANGED (an error). */
function scanTask(verifier: HostKeyVerifier, dryRun: boolean): HostTask {
  return async (host: Host, { signal }) => {
    if (host.transport !== 'ssh') return ok('skipped: telnet has no host key');
    if (host.jumpHost) return ok(`skipped: behind jump host ${host.jumpHost.name} (scan from there)`);
    try {
      const scanned = await scanHostKey(
        {
          host: host.name,
          address: host.address,
          port: host.port,
          connectTimeoutMs: host.connection.connectTimeoutMs,
          legacyAlgorithms: host.connection.legacyAlgorithms,
        },
        signal,
      );
      const request = { host: host.name, address: host.address, port: host.port, key: scanned.key };
      const verdict = await verifier
        .verify({ ...request, mode: dryRun ? 'strict' : 'accept-new' })
        .catch((error: unknown) => {
          if (dryRun && toErrorInfo(error).code === 'HOSTKEY_UNKNOWN') return { status: 'new' as const };
          throw error;
        });
      return ok(`${scanned.keyType} ${scanned.fingerprint} ${verdict.status}`);
    } catch (error) {
      return { status: 'failed', error: toErrorInfo(error) };
    }
  };
}

function ok(output: string) {
  return { status: 'ok' as const, outputs: [{ command: 'hostkey', output }] };
}
