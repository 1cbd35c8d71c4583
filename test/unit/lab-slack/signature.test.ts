import { describe, expect, it } from 'vitest';
import {
  blockActionsPayload,
  findAction,
  payloadBody,
  slackSignature,
  slashCommandBody,
  viewSubmissionPayload,
  type Workspace,
} from '../../../src/lab/slack/index.js';

// The worked example in Slack's "Verifying requests from Slack".
const DOC_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const DOC_TIMESTAMP = 1531420618;
const DOC_BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const DOC_SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

const ws: Workspace = {
  teamId: 'T1DC2JH3J',
  teamDomain: 'testteamnow',
  apiAppId: 'A1',
  verificationToken: 'xyzz0WbapA4vBCDEFasx0q6G',
};

describe('request signing', () => {
  it("reproduces Slack's documented signature", () => {
    expect(slackSignature(DOC_SECRET, DOC_TIMESTAMP, DOC_BODY)).toBe(DOC_SIGNATURE);
  });
});

describe('slash command body', () => {
  const fields = {
    command: '/webhook-collect',
    text: '',
    user_id: 'U2CERLKJA',
    user_name: 'roadrunner',
    channel_id: 'G8PSS9T3V',
    channel_name: 'foobar',
    response_url: 'https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN',
    trigger_id: '398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  };

  it("encodes the fields in Slack's order and encoding (the doc body plus api_app_id and is_enterprise_install)", () => {
    const body = slashCommandBody(ws, fields);
    const withoutAppFields = body.replace('&api_app_id=A1&is_enterprise_install=false', '');
    expect(withoutAppFields).toBe(DOC_BODY);
  });

  it('form-encodes command text, spaces and quotes included', () => {
    const body = slashCommandBody(ws, { ...fields, text: '"show ip int brief | include up" edge' });
    expect(new URLSearchParams(body).get('text')).toBe('"show ip int brief | include up" edge');
    expect(body).toContain('text=%22show+ip+int+brief+%7C+include+up%22+edge');
  });
});

describe('interaction payloads', () => {
  const blocks = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: 'x' },
      accessory: { type: 'button', action_id: 'open', text: { type: 'plain_text', text: 'Open' } },
    },
    {
      type: 'actions',
      block_id: 'job',
      elements: [
        { type: 'button', action_id: 'cancel', value: 'j1', text: { type: 'plain_text', text: 'Cancel' } },
      ],
    },
  ];

  it('finds buttons in actions blocks and section accessories', () => {
    expect(findAction(blocks, 'cancel')).toEqual({
      block_id: 'job',
      action_id: 'cancel',
      value: 'j1',
      text: 'Cancel',
      type: 'button',
    });
    expect(findAction(blocks, 'open')).toMatchObject({ block_id: 'block-0', text: 'Open' });
    expect(findAction(blocks, 'missing')).toBeUndefined();
  });

  it('wraps block_actions in a form field named payload', () => {
    const payload = blockActionsPayload(ws, {
      user: { id: 'U1', name: 'alice' },
      channel: { id: 'C1', name: 'netops' },
      messageTs: '1700000000.000100',
      ephemeral: false,
      action: { action_id: 'cancel', block_id: 'job', value: 'j1', text: 'Cancel', type: 'button' },
      actionTs: '1700000001.000000',
      responseUrl: 'http://127.0.0.1/hooks/response/1/ab',
      triggerId: '1.2.3',
    });
    const decoded = JSON.parse(new URLSearchParams(payloadBody(payload)).get('payload')!);
    expect(decoded).toMatchObject({
      type: 'block_actions',
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C1', is_ephemeral: false },
      actions: [
        {
          action_id: 'cancel',
          block_id: 'job',
          value: 'j1',
          type: 'button',
          text: { type: 'plain_text', text: 'Cancel' },
        },
      ],
      response_url: 'http://127.0.0.1/hooks/response/1/ab',
    });
  });

  it('puts submitted values into view.state', () => {
    const payload = viewSubmissionPayload(ws, {
      user: { id: 'U1', name: 'alice' },
      view: { id: 'V1', callback_id: 'approve', state: { values: {} } },
      values: { b: { a: { type: 'plain_text_input', value: 'v' } } },
      triggerId: '1.2.3',
    });
    expect(payload).toMatchObject({
      type: 'view_submission',
      view: { id: 'V1', state: { values: { b: { a: { value: 'v' } } } } },
    });
  });
});
