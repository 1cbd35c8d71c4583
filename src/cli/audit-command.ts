import { NetrunError } from '../errors.js';
import { type AuditEntry, type AuditQuery, openStore } from '../store/index.js';
import { type CliIo, cliConfig, EXIT, parseCliArgs, wholeNumberOption } from './io.js';

export const AUDIT_HELP = `Usage: netrun audit [options]

Prints the audit trail — every request (accepted or refused, with the reason), approval decision,
job and device outcome — oldest first.

Options:
      --since WHEN       only entries at or after WHEN: a duration back from now (30m, 24h, 7d, 2w)
                         or a date/time (2025-01-31, 2025-01-31T09:00, 2025-01-31T09:00:00+01:00);
                         times without a zone are UTC
      --until WHEN       only entries before WHEN (same forms)
      --user U         only this actor (a Slack user id such as U123ABC, or cli:<os user>); repeat
                         the option or give a comma list for several
      --action A         only this action (request, refused, approval-request, approve, reject, expire,
                         job-start, job-done, device, cancel, interrupted, …); repeat or comma list
      --limit N          only the newest N matches (still printed oldest first)
      --json             NDJSON: one object per entry, times as ISO 8601
      --db FILE          the database (default: $NETRUN_DB or ./netrun.db); never created by this command
      --prune            first delete entries older than $NETRUN_AUDIT_RETENTION_DAYS (default 90) and
                         say how many went
  -h, --help             this text

Reading never deletes: the bot applies the retention setting of its own environment, and a shell
with a different (or unset) NETRUN_AUDIT_RETENTION_DAYS must not silently shorten the trail.

Exit status: 0 on success (also when nothing matches), 2 for a usage error or a missing database.`;

const OPTIONS = {
  since: { type: 'string' },
  until: { type: 'string' },
  user: { type: 'string', multiple: true },
  action: { type: 'string', multiple: true },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  db: { type: 'string' },
  prune: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface AuditCommandDeps {
  /** The clock that `--since 24h` counts back from. */
  now?: () => number;
}

export async function runAuditCommand(
  argv: string[],
  io: CliIo,
  deps: AuditCommandDeps = {},
): Promise<number> {
  const { values, positionals } = parseCliArgs('audit', argv, OPTIONS);
  if (values.help) {
    io.stdout.write(`${AUDIT_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 0) {
    throw new NetrunError(
      'USAGE',
      `netrun audit takes no arguments (got ${JSON.stringify(positionals[0])})`,
      {
        hint: 'filters are options: netrun audit --since 24h --user U123ABC',
      },
    );
  }
  const now = (deps.now ?? Date.now)();
  const query: AuditQuery = {
    since: values.since === undefined ? undefined : parseWhen('since', values.since, now),
    until: values.until === undefined ? undefined : parseWhen('until', values.until, now),
    user: splitList(values.user),
    action: splitList(values.action),
    limit: wholeNumberOption('limit', values.limit, 1, 1_000_000),
  };
  const { config, logger } = cliConfig(io);
  const store = openStore(values.db ?? config.files.db, { logger, mustExist: true });
  try {
    if (values.prune) {
      const removed = store.audit.prune(config.audit.retentionDays, now);
      io.stderr.write(
        `netrun audit: pruned ${removed} entr${removed === 1 ? 'y' : 'ies'} older than ${config.audit.retentionDays} days\n`,
      );
    }
    const entries = store.audit.query(query);
    io.stdout.write(
      values.json ? entries.map((entry) => `${auditJsonLine(entry)}\n`).join('') : renderAuditTable(entries),
    );
  } finally {
    store.close();
  }
  return EXIT.ok;
}

const UNITS_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `30m`, `24h`, `7d`, `2w` back from now, or an ISO date/time (UTC unless it names a zone). */
export function parseWhen(option: string, raw: string, now: number): number {
  const text = raw.trim();
  const duration = /^(\d+)\s*([smhdw])$/i.exec(text);
  if (duration) return now - Number(duration[1]) * UNITS_MS[duration[2]!.toLowerCase()]!;
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(text)) {
    const iso = text.replace(' ', 'T');
    // Date.parse reads a zoneless date-time as local time but a bare date as UTC: make both UTC.
    const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(iso) || !iso.includes('T') ? iso : `${iso}Z`;
    const at = Date.parse(zoned);
    if (Number.isFinite(at) && isCalendarDate(text.slice(0, 10))) return at;
  }
  throw new NetrunError(
    'USAGE',
    `--${option} must be a duration such as 30m, 24h, 7d, or a date such as 2025-01-31 or 2025-01-31T09:00Z (got ${JSON.stringify(raw)})`,
  );
}

/** Date.parse rolls 2025-02-30 over to March 2: a typo must not silently move the window. */
function isCalendarDate(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
}

function splitList(values: string[] | undefined): string[] | undefined {
  const items = (values ?? []).flatMap((value) => value.split(',')).map((value) => value.trim());
  const kept = items.filter((value) => value !== '');
  return kept.length > 0 ? kept : undefined;
}

/** One NDJSON line: the entry as stored, with its time as ISO 8601 for people and tools alike. */
export function auditJsonLine(entry: AuditEntry): string {
  return JSON.stringify({ ...entry, at: new Date(entry.at).toISOString() });
}

const COLUMNS = [
  { title: 'TIME (UTC)', max: 19 },
  { title: 'USER', max: 24 },
  { title: 'ACTION', max: 18 },
  { title: 'WHERE', max: 16 },
  { title: 'WHAT', max: 60 },
  { title: 'OUTCOME', max: 200 },
] as const;

/** An aligned table, one entry per line; the last column is not padded. */
export function renderAuditTable(entries: readonly AuditEntry[]): string {
  if (entries.length === 0) return 'no audit entries match\n';
  const rows = entries.map(auditCells);
  const cells = [COLUMNS.map((column) => column.title), ...rows].map((row) =>
    row.map((cell, index) => clip(cell, COLUMNS[index]!.max)),
  );
  const widths = COLUMNS.map((_, index) => Math.max(...cells.map((row) => row[index]!.length)));
  const lines = cells.map((row) =>
    row
      .map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index]!)))
      .join('  ')
      .trimEnd(),
  );
  return `${lines.join('\n')}\n`;
}

function auditCells(entry: AuditEntry): string[] {
  const what = [
    entry.host ?? entry.target,
    entry.command === undefined ? undefined : JSON.stringify(entry.command),
    entry.jobId === undefined ? undefined : `job ${entry.jobId}`,
    entry.approvalId === undefined ? undefined : `approval ${entry.approvalId}`,
  ];
  const outcome = [entry.outcome, entry.reason].filter((part) => part !== undefined).join(': ');
  const time = new Date(entry.at).toISOString().slice(0, 19).replace('T', ' ');
  return [time, entry.actor, entry.action, entry.channel ?? '-', joined(what), outcome || '-'].map(printable);
}

function joined(parts: (string | undefined)[]): string {
  return parts.filter((part) => part !== undefined).join(' ') || '-';
}

/** A refused command may carry control characters: they must not reach the reader's terminal. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => (char === '\n' ? '↵' : '�'));
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
