import { beforeAll, describe, expect, it } from 'vitest';
import { TerminalChannel } from '../../../../src/devices/channel/channel.js';
import { extractOutput, findFailure } from '../../../../src/devices/channel/output.js';
import { lastLineOf, matchPrompt } from '../../../../src/devices/channel/prompt.js';
import { loadPlatformRegistry, type PlatformRegistry } from '../../../../src/devices/platforms/registry.js';
import { ShellDriver } from '../../../../src/devices/shell-driver.js';
import { loadTranscript, ScriptedDevice } from '../scripted-device.js';

const NAMES = [
  'ios-show-version-paged',
  'eos-ansi-colour',
  'nxos-backspace-cr',
  'ios-prompt-inside-output',
  'ios-invalid-input',
  'junos-more-percent',
];

let registry: PlatformRegistry;
beforeAll(async () => {
  registry = await loadPlatformRegistry();
});

/** Drive the transcript through the real channel and driver, as a session would. */
async function replay(name: string) {
  const t = loadTranscript(name);
  const platform = registry.get(t.platform);
  const device = new ScriptedDevice(t.exchanges);
  const driver = new ShellDriver(new TerminalChannel(device), platform, {}, 'test-device');
  const prompt = matchPrompt(t.prompt, platform.modes);
  if (!prompt) throw new Error(`${name}: ${t.prompt} is not a prompt of ${t.platform}`);
  driver.mode = prompt.mode;
  driver.base = prompt.base;
  const result = await driver.send(t.command, { timeoutMs: 2000, modes: [prompt.mode] });
  return { t, platform, device, driver, result };
}

describe('captured transcripts through the channel', () => {
  for (const name of NAMES) {
    it(`${name}: clean output, no echo, no prompt, no pager`, async () => {
      const { t, result, device } = await replay(name);
      expect(result.end.kind).toBe('prompt');
      expect(result.output).toBe(t.expected);
      expect(result.output).not.toMatch(/--More--|---\(more/);
      // Every pager was answered exactly once with the platform's answer.
      const pages = t.exchanges.filter((e) => e.when === ' ').length;
      expect(device.typed).toBe(`${t.command}\n${' '.repeat(pages)}`);
    });
  }

  it('reports the device words for a rejected command', async () => {
    const { t, result, driver } = await replay('ios-invalid-input');
    expect(driver.failureIn(result.output)).toBe(t.rejected);
  });

  it('does not stop at prompt look-alikes that end a packet', async () => {
    const { result } = await replay('ios-prompt-inside-output');
    expect(result.output.split('\n')).toContain('core2#');
    expect(result.output.split('\n')).toContain('r1(config)#');
    expect(result.output.endsWith('^C')).toBe(true);
  });
});

describe('pure helpers on the transcripts', () => {
  it('the last line of the whole exchange is the prompt; the look-alikes are not the last line', () => {
    const t = loadTranscript('ios-prompt-inside-output');
    const raw = t.exchanges.flatMap((e) => e.send).join('');
    expect(lastLineOf(raw)).toBe('r1#');
    const ios = registry.get('cisco_ios');
    expect(matchPrompt(lastLineOf(raw), ios.modes, 'r1')?.mode).toBe('privileged');
    const cut = raw.indexOf('\r\nr1>');
    expect(
      matchPrompt(
        lastLineOf(raw.slice(0, cut)),
        ios.modes.filter((m) => m.name === 'privileged'),
        'r1',
      ),
    ).toBeUndefined();
  });

  it('extractOutput and findFailure on an EOS colour transcript', () => {
    const t = loadTranscript('eos-ansi-colour');
    const raw = t.exchanges.flatMap((e) => e.send).join('');
    const out = extractOutput(raw, { command: t.command, endsWithPrompt: true });
    expect(out).toBe(t.expected);
    expect(findFailure(out, registry.get('arista_eos').failures, 5)).toBeUndefined();
  });
});
