import { describe, expect, it } from 'vitest';
import { loadConfig, requireSlack } from '../../../src/config/index.js';
import { isNetrunError } from '../../../src/errors.js';

const BOT = 'xoxb-1-2-bot';
const APP = 'xapp-1-2-app';

function slackFrom(env: Record<string, string>) {
  return requireSlack(loadConfig({ env }));
}

function missingOf(env: Record<string, string>): string[] {
  try {
    slackFrom(env);
  } catch (error) {
    expect(isNetrunError(error, 'CONFIG_INVALID')).toBe(true);
    return (error as Error).message.split('\n');
  }
  throw new Error('expected requireSlack to fail');
}

const NO_BOT =
  'SLACK_BOT_TOKEN is not set: set it (or SLACK_BOT_TOKEN_FILE) to the bot token (xoxb-…) from the OAuth & Permissions page of your Slack app';
const NO_MODE =
  'neither SLACK_APP_TOKEN nor SLACK_SIGNING_SECRET is set: set SLACK_APP_TOKEN (xapp-…) to use Socket Mode, or SLACK_SIGNING_SECRET to receive requests over HTTP';

describe('requireSlack', () => {
  it('selects Socket Mode when an app token is set', () => {
    expect(slackFrom({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP })).toEqual({
      mode: 'socket',
      botToken: BOT,
      appToken: APP,
    });
  });

  it('selects HTTP mode with only a signing secret', () => {
    expect(slackFrom({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 's3' })).toEqual({
      mode: 'http',
      botToken: BOT,
      signingSecret: 's3',
    });
  });

  it('prefers Socket Mode when both are set, and keeps the API URL', () => {
    expect(
      slackFrom({
        SLACK_BOT_TOKEN: BOT,
        SLACK_APP_TOKEN: APP,
        SLACK_SIGNING_SECRET: 's3',
        SLACK_API_URL: 'http://127.0.0.1:5555/api/',
      }),
    ).toEqual({
      mode: 'socket',
      botToken: BOT,
      appToken: APP,
      signingSecret: 's3',
      apiUrl: 'http://127.0.0.1:5555/api/',
    });
  });

  it('says the bot token is missing', () => {
    expect(missingOf({ SLACK_APP_TOKEN: APP })).toEqual([NO_BOT]);
  });

  it('says neither mode is configured', () => {
    expect(missingOf({ SLACK_BOT_TOKEN: BOT })).toEqual([NO_MODE]);
  });

  it('lists everything missing at once', () => {
    expect(missingOf({})).toEqual([NO_BOT, NO_MODE]);
  });
});
