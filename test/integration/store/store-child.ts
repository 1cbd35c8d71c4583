/**
 * A second (third, …) process on the same database file, for the race and crash tests. It prints
 * `ready`, waits for a line on stdin so every child starts its work at the same moment, does its
 * part, prints one JSON line and exits. Run with `node --import tsx store-child.ts MODE DB ...`.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { openStore } from '../../../src/store/index.js';
import { makeResult } from '../../helpers/make-result.js';

const [mode, dbPath, name, ...ids] = process.argv.slice(2);

async function main(): Promise<unknown> {
  const lines = createInterface({ input: process.stdin });
  process.stdout.write('ready\n');
  await once(lines, 'line');
  lines.close();
  // Opening after the go line means several children may also race to create a fresh file.
  const store = openStore(dbPath!);
  try {
    if (mode === 'open') return { version: store.schemaVersion() };
    if (mode === 'claim') {
      return ids.map((id) => ({ id, claimed: store.approvals.claimExecution(id, `${name}:${id}`).claimed }));
    }
    if (mode === 'approve') {
      return ids.map((id) => {
        const input = { id, user: name!, decision: 'approve' as const, now: Date.now(), isApprover: true };
        return { id, kind: store.approvals.decide(input).kind };
      });
    }
    if (mode === 'crash') return crashMidJob(store);
    throw new Error(`unknown mode ${mode}`);
  } finally {
    store.close();
  }
}

/** A bot in the middle of a job and a push, killed without a chance to tidy up (kill -9). */
function crashMidJob(store: ReturnType<typeof openStore>): never {
  const expiresAt = Date.now() + 30 * 60_000;
  store.jobs.create({
    id: 'job-crash',
    kind: 'run',
    requester: 'U_ALICE',
    channel: 'C_NETOPS',
    threadTs: '1741683600.000100',
    command: 'show version',
    target: 'core-routers',
    hosts: ['r1', 'r2', 'r3', 'r4'],
  });
  store.jobs.recordResult('job-crash', makeResult({ host: 'r2' }), { posted: true });
  store.jobs.recordResult('job-crash', makeResult({ host: 'r4', code: 'COMMAND_TIMEOUT' }));
  const push = {
    requester: 'U_BOB',
    channel: 'C_NETOPS',
    target: 'edge',
    hosts: ['e1', 'e2'],
    lines: ['ntp server 192.0.2.1'],
    options: { save: true, canary: 1, stopAfterFailures: 1 },
    expiresAt,
  };
  store.approvals.create({ id: 'apr-pending', ...push });
  store.approvals.create({ id: 'apr-running', ...push });
  store.approvals.decide({
    id: 'apr-running',
    user: 'U_CAROL',
    decision: 'approve',
    now: Date.now(),
    isApprover: true,
  });
  store.approvals.claimExecution('apr-running', 'job-push');
  process.stdout.write('crashing\n');
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable: SIGKILL did not stop the process');
}

main().then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error: unknown) => {
    process.stdout.write(`${JSON.stringify({ error: String(error) })}\n`);
    process.exitCode = 1;
  },
);
