import { expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { captureIo } from '../../helpers/capture-io.js';

// `npm run demo` is the README's "run the main job" command: it must work on its own and say what happened.
it('npm run demo runs /netrun show version core-routers end to end and prints the thread', async () => {
  const captured = captureIo({});
  const code = await main(['demo'], captured.io);
  const text = captured.stdout();
  expect(code, captured.stderr()).toBe(0);
  expect(text).toContain('alice types: /netrun show version core-routers');
  expect(text).toMatch(/bot acked in \d+ ms \(HTTP 200\)/);
  // Every core router answered in the thread, and the summary came last.
  for (const host of ['xr-001', 'xr-002', 'junos-001', 'junos-002']) expect(text).toContain(host);
  const replies = text.split('↳ netrun:');
  expect(replies.length).toBeGreaterThan(2);
  expect(replies.at(-1)).toContain('*Summary*');
  expect(text).toMatch(/devices +4 total · 4 ok/);
  expect(text).toMatch(/rate-limited: 0/);
}, 60_000);
