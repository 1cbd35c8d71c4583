import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS, EVENTS_PATH, SLASH_COMMAND } from '../../../src/slack/index.js';

interface Manifest {
  _metadata?: { major_version: number };
  display_information: { name: string; description?: string; long_description?: string };
  features: {
    bot_user?: { display_name: string };
    slash_commands?: {
      command: string;
      url?: string;
      description: string;
      usage_hint?: string;
      should_escape?: boolean;
    }[];
    shortcuts?: { callback_id: string }[];
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    interactivity?: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled?: boolean;
    token_rotation_enabled?: boolean;
    event_subscriptions?: unknown;
  };
}

const manifest = parse(readFileSync('manifest.yaml', 'utf8')) as Manifest;

describe('manifest.yaml', () => {
  it('declares the slash command the listeners answer, with a usage hint', () => {
    const commands = manifest.features.slash_commands ?? [];
    expect(commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    const command = commands[0]!;
    expect(command.usage_hint).toMatch(/show version core-routers/);
    expect(command.description.length).toBeGreaterThan(0);
    expect(command.description.length).toBeLessThanOrEqual(100);
    // The parser unescapes only &amp; &lt; &gt;; escaped mentions would reach devices as <@U…>.
    expect(command.should_escape).toBe(false);
  });

  it('sends slash commands and interactions to the path the HTTP receiver serves', () => {
    expect(new URL(manifest.features.slash_commands![0]!.url!).pathname).toBe(EVENTS_PATH);
    expect(manifest.settings.interactivity).toMatchObject({ is_enabled: true });
    expect(new URL(manifest.settings.interactivity!.request_url!).pathname).toBe(EVENTS_PATH);
  });

  it('runs in Socket Mode with a bot user, without token rotation or event subscriptions', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.token_rotation_enabled).toBe(false);
    expect(manifest.settings.event_subscriptions).toBeUndefined();
    expect(manifest.features.bot_user?.display_name).toBe('netrun');
    expect(manifest.display_information.name).toBe('netrun');
    expect(manifest.display_information.long_description?.length ?? 175).toBeGreaterThanOrEqual(175);
  });

  it('asks for exactly the bot scopes of the methods netrun calls, and no user scopes', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'chat:write',
      'commands',
      'files:write',
      'usergroups:read',
    ]);
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it('declares only shortcuts whose callback ids netrun knows', () => {
    const known = new Set<string>(Object.values(CALLBACK_IDS));
    for (const shortcut of manifest.features.shortcuts ?? [])
      expect(known.has(shortcut.callback_id)).toBe(true);
  });
});

describe('ids', () => {
  it('gives every action and block a distinct id within Slack’s 255 characters', () => {
    for (const ids of [Object.values(ACTION_IDS), Object.values(BLOCK_IDS)]) {
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^netrun_[a-z_]{1,240}$/);
    }
  });
});
