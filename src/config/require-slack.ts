import { NetrunError } from '../errors.js';
import type { Config } from './schema.js';

interface SlackBase {
  botToken: string;
  /** Set only to point the app at another Slack API (a local fake in tests). */
  apiUrl?: string;
}

/** Socket Mode needs no public URL: the preferred way to run netrun behind a firewall. */
export interface SlackSocketSettings extends SlackBase {
  mode: 'socket';
  appToken: string;
  signingSecret?: string;
}

export interface SlackHttpSettings extends SlackBase {
  mode: 'http';
  signingSecret: string;
}

export type SlackSettings = SlackSocketSettings | SlackHttpSettings;

/**
 * The Slack settings needed to run the bot, or a CONFIG_INVALID error in plain words listing all
 * that is missing. An app token selects Socket Mode; otherwise the signing secret selects HTTP mode.
 */
export function requireSlack(config: Config): SlackSettings {
  const { botToken, appToken, signingSecret, apiUrl } = config.slack;
  const missing: string[] = [];
  if (botToken === undefined) {
    missing.push(
      'SLACK_BOT_TOKEN is not set: set it (or SLACK_BOT_TOKEN_FILE) to the bot token (xoxb-…) from the OAuth & Permissions page of your Slack app',
    );
  }
  if (appToken === undefined && signingSecret === undefined) {
    missing.push(
      'neither SLACK_APP_TOKEN nor SLACK_SIGNING_SECRET is set: set SLACK_APP_TOKEN (xapp-…) to use Socket Mode, or SLACK_SIGNING_SECRET to receive requests over HTTP',
    );
  }
  if (botToken === undefined || missing.length > 0) {
    throw new NetrunError('CONFIG_INVALID', missing.join('\n'), {
      hint: 'netrun needs these Slack settings to start the bot; `netrun run` and `netrun lab` work without them',
    });
  }
  const base = apiUrl === undefined ? { botToken } : { botToken, apiUrl };
  if (appToken !== undefined) {
    return signingSecret === undefined
      ? { ...base, mode: 'socket', appToken }
      : { ...base, mode: 'socket', appToken, signingSecret };
  }
  return { ...base, mode: 'http', signingSecret: signingSecret as string };
}
