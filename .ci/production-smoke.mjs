// The Docker image's runtime steps without Docker: given a folder holding the packed package with its
// production dependencies (`npm ci --omit=dev`), run `netrun check`, start `node dist/cli.js start`
// against a Slack stand-in and lab devices, wait for /healthz to answer 200 (with the Dockerfile's own
// HEALTHCHECK command), run one job end to end, then SIGTERM the bot and require exit 0.
//
// Usage: node .ci/production-smoke.mjs <installed-package-dir>
// The stand-in and the lab come from the package's own dist/, so only its production dependencies load.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const app = resolve(process.argv[2] ?? '');
const repo = resolve(import.meta.dirname, '..');
const fromApp = (path) => import(pathToFileURL(join(app, 'dist', path)).href);
const SECRET = 'ci-production-smoke-secret';
const CHANNEL = 'C0NETOPS01';
const ALICE = 'U0ALICE001';

const t0 = Date.now();
function say(line) {
  process.stdout.write(`ci: production: ${line} (+${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
}

function fail(message, detail = '') {
  process.stderr.write(`ci: production check FAILED: ${message}\n${detail}`);
  process.exitCode = 1;
  throw new Error(message);
}

async function freePort() {
  const server = createServer();
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

async function waitUntil(what, timeoutMs, check) {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** The exec-form HEALTHCHECK command of the Dockerfile, run as the image would run it. */
function healthcheck(env) {
  const line = readFileSync(join(repo, 'Dockerfile'), 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .find((l) => l.startsWith('HEALTHCHECK'));
  if (!line) fail('the Dockerfile has no HEALTHCHECK');
  const [command, ...args] = JSON.parse(line.slice(line.indexOf('CMD') + 3).trim());
  return spawnSync(command, args, { cwd: app, env, encoding: 'utf8', timeout: 10_000 }).status;
}

async function main() {
  const { startLab, labDeviceSpecs, LAB_CREDENTIALS, LAB_PASSWORD_ENV, LAB_ENABLE_ENV } =
    await fromApp('lab/index.js');
  const { startSlackStandin, createSlackDriver, blocksToLines } = await fromApp('lab/slack/index.js');
  const lab = await startLab({ devices: labDeviceSpecs(3, ['cisco_ios', 'juniper_junos', 'arista_eos']) });
  const standin = await startSlackStandin();
  const dir = mkdtempSync(join(tmpdir(), 'netrun-prod-'));
  let bot;
  try {
    writeFileSync(join(dir, 'inventory.yaml'), lab.inventoryYaml());
    writeFileSync(join(dir, 'policy.yaml'), `roles:\n  netops:\n    users: [${ALICE}]\n    run: {}\n`);
    const port = await freePort();
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      SLACK_BOT_TOKEN: standin.token,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: standin.apiUrl,
      PORT: String(port),
      NETRUN_INVENTORY: join(dir, 'inventory.yaml'),
      NETRUN_POLICY: join(dir, 'policy.yaml'),
      NETRUN_KNOWN_HOSTS: join(dir, 'known_hosts'),
      NETRUN_DB: join(dir, 'netrun.db'),
      NETRUN_SHUTDOWN_GRACE_SECONDS: '5',
      [LAB_PASSWORD_ENV]: LAB_CREDENTIALS.password,
      [LAB_ENABLE_ENV]: LAB_CREDENTIALS.enableSecret,
    };

    const check = spawnSync(process.execPath, ['dist/cli.js', 'check'], { cwd: app, env, encoding: 'utf8' });
    if (check.status !== 0) fail(`netrun check exited ${check.status}`, `${check.stdout}${check.stderr}`);
    say('netrun check: ok');

    const stderr = [];
    bot = spawn(process.execPath, ['dist/cli.js', 'start'], {
      cwd: app,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    bot.stderr.on('data', (chunk) => stderr.push(chunk));
    const exited = new Promise((done) => bot.once('close', (code, signal) => done({ code, signal })));
    const started = Date.now();
    await waitUntil('/healthz to answer 200', 30_000, async () => {
      if (bot.exitCode !== null)
        fail(`the bot exited ${bot.exitCode} before it was ready`, Buffer.concat(stderr).toString());
      return (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.status === 200;
    });
    say(`netrun start: /healthz answered 200 after ${Date.now() - started} ms`);
    if (healthcheck(env) !== 0) fail('the Dockerfile HEALTHCHECK command did not exit 0 against a ready bot');
    say('Dockerfile HEALTHCHECK: exit 0');

    const driver = createSlackDriver({
      url: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: SECRET,
      standin,
    });
    const ack = await driver.slashCommand({ text: 'show version all', user_id: ALICE, channel_id: CHANNEL });
    if (ack.status !== 200) fail(`the slash command got HTTP ${ack.status}`);
    const parent = await waitUntil('the job to finish in Slack', 30_000, () => {
      const message = standin.channel(CHANNEL)[0];
      const lines = message ? blocksToLines(message.blocks, message.text) : [];
      return lines.find((l) => l.startsWith(':white_check_mark: done · '));
    });
    say(`a job over SSH, from Slack: ${parent}`);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    if (!/^netrun_jobs_finished_total\{status="done"\} 1$/m.test(metrics))
      fail('/metrics does not count the job');

    bot.kill('SIGTERM');
    const timeout = new Promise((done) => setTimeout(() => done('timeout'), 30_000).unref());
    const exit = await Promise.race([exited, timeout]);
    if (exit === 'timeout' || exit.code !== 0) {
      fail(
        `after SIGTERM the bot ended ${JSON.stringify(exit)}, not exit 0`,
        Buffer.concat(stderr).toString(),
      );
    }
    say('SIGTERM: exit 0');
  } finally {
    if (bot && bot.exitCode === null && bot.signalCode === null) bot.kill('SIGKILL');
    await standin.close();
    await lab.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  if (process.exitCode !== 1) process.stderr.write(`ci: production check FAILED: ${error?.stack ?? error}\n`);
  process.exit(1);
});
