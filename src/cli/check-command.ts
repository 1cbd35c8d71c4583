import { type Config, loadConfig, SETTINGS } from '../config/index.js';
import { lintPolicy } from '../engine/index.js';
import { NetrunError } from '../errors.js';
import {
  type CheckProblem,
  checkInventory,
  checkPlatforms,
  checkPolicyFile,
  checkRedaction,
  problemsOf,
  unknownPlatforms,
} from './check-files.js';
import { type CliIo, EXIT, parseCliArgs } from './io.js';

export const CHECK_HELP = `Usage: netrun check [options]

Checks the configuration together, as the bot would load it, and prints every problem with its
file, line and path — not only the first:

  - the environment (NETRUN_* settings)
  - the platform files: the built-in ones and those in NETRUN_PLATFORMS_DIR
  - the inventory (NETRUN_INVENTORY), including its \${env:…} and \${file:…} secrets
  - the policy (NETRUN_POLICY)
  - the redaction rules: the built-in ones and NETRUN_REDACTION's
  - across files: every host's platform exists (error); a policy target pattern that matches no
    group or host, a role that grants nothing, and a push nobody else may approve (warnings)

Options:
  -i, --inventory FILE   the inventory (default: $NETRUN_INVENTORY or ./inventory.yaml)
  -p, --policy FILE      the policy (default: $NETRUN_POLICY or ./policy.yaml)
      --platforms DIR    extra platform files (default: $NETRUN_PLATFORMS_DIR)
      --no-secrets       do not require the inventory's secrets (CI): \${env:…} and \${file:…}
                         references count as set; everything else is checked as usual
  -h, --help             this text

Nothing is contacted: no device, no Slack. Exit status: 0 when there is no error (warnings are
allowed), 1 when there is any error, 2 for a usage error.`;

const OPTIONS = {
  inventory: { type: 'string', short: 'i' },
  policy: { type: 'string', short: 'p' },
  platforms: { type: 'string' },
  'no-secrets': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface Paths {
  inventory: string;
  policy: string;
  platformsDir?: string;
  redaction?: string;
}

export async function runCheckCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs('check', argv, OPTIONS);
  if (values.help) {
    io.stdout.write(`${CHECK_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 0) {
    throw new NetrunError(
      'USAGE',
      `netrun check takes no arguments (got ${JSON.stringify(positionals[0])})`,
      {
        hint: 'name the files with options: netrun check --inventory inv.yaml --policy policy.yaml',
      },
    );
  }
  const { config, problems } = readConfig(io.env);
  const paths: Paths = {
    inventory: values.inventory ?? config?.files.inventory ?? './inventory.yaml',
    policy: values.policy ?? config?.files.policy ?? './policy.yaml',
    ...optional('platformsDir', values.platforms ?? config?.files.platformsDir),
    ...optional('redaction', config?.files.redaction),
  };
  const { lines, summary } = await checkAll(paths, io.env, !values['no-secrets']);
  const all = [...problems, ...lines];
  for (const problem of all) io.stdout.write(`${problem.severity.padEnd(7)} ${problem.message}\n`);
  const errors = all.filter((p) => p.severity === 'error').length;
  const warnings = all.length - errors;
  io.stdout.write(`${verdict(errors, warnings)}\n${summary.map((s) => `  ${s}`).join('\n')}\n`);
  return errors > 0 ? EXIT.failed : EXIT.ok;
}

/**
 * A bad setting elsewhere (NETRUN_LOG_LEVEL=loud) must not hide the files: they are then found
 * from the file settings alone, which are plain paths and cannot fail.
 */
function readConfig(env: CliIo['env']): { config?: Config; problems: CheckProblem[] } {
  try {
    return { config: loadConfig({ env }), problems: [] };
  } catch (error) {
    const names = Object.values(SETTINGS.files).map((setting) => setting.env);
    const files = Object.fromEntries(names.map((name) => [name, env[name]]));
    return { config: loadConfig({ env: files }), problems: problemsOf(error, 'environment') };
  }
}

/** Every file is read whatever the others hold; the cross-checks run on the ones that loaded. */
async function checkAll(paths: Paths, env: CliIo['env'], secrets: boolean) {
  const platforms = await checkPlatforms(paths.platformsDir);
  const inventory = checkInventory(paths.inventory, env, secrets);
  const policy = checkPolicyFile(paths.policy);
  const redaction = await checkRedaction(paths.redaction);
  const lines = [...platforms.problems, ...inventory.problems, ...policy.problems, ...redaction.problems];
  if (inventory.inventory && platforms.registry)
    lines.push(...unknownPlatforms(inventory.inventory, platforms.registry));
  if (inventory.inventory && policy.policy) {
    for (const finding of lintPolicy(policy.policy, inventory.inventory)) {
      const message = `${paths.policy}: ${finding.path}: ${finding.message}`;
      lines.push({ severity: 'warning', file: paths.policy, message });
    }
  }
  const summary = [
    `platforms: ${platforms.builtin} built-in${paths.platformsDir ? `, ${platforms.user} from ${paths.platformsDir}` : ''}`,
    `inventory ${paths.inventory}: ${inventory.inventory ? `${inventory.inventory.hosts.length} hosts, ${inventory.inventory.groups.length} groups` : 'not loaded'}`,
    `policy ${paths.policy}: ${policy.policy ? `${policy.policy.roles.length} roles` : 'not loaded'}`,
    `redaction: ${redaction.redactor ? `${redaction.redactor.rules.length} rules` : 'not loaded'}${paths.redaction ? ` (built-in + ${paths.redaction})` : ' (built-in)'}`,
  ];
  return { lines, summary };
}

function verdict(errors: number, warnings: number): string {
  const counts = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  return errors > 0 ? `netrun check: ${counts}: fix the errors above` : `netrun check: OK (${counts})`;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
