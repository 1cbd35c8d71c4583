import { describe, expect, it } from 'vitest';
import { checkBlocks, parseMessageContent } from '../../../src/lab/slack/index.js';

const limits = { maxBlocks: 50, maxSectionTextChars: 3_000, maxTextChars: 40_000 };
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (action_id: string, text = 'Go') => ({
  type: 'button',
  action_id,
  text: { type: 'plain_text', text },
});

describe('checkBlocks', () => {
  it('accepts the blocks netrun posts', () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'show version' } },
      section('```\nIOS XE 17.9\n```'),
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*ok* 3' },
          { type: 'mrkdwn', text: '*failed* 0' },
        ],
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'alice · 3 devices' }] },
      { type: 'divider' },
      {
        type: 'actions',
        block_id: 'job',
        elements: [button('cancel', 'Cancel'), button('retry', 'Retry failed')],
      },
    ];
    expect(checkBlocks(blocks, limits)).toEqual([]);
  });

  it('points at each problem the way Slack does', () => {
    const problems = checkBlocks(
      [
        section('x'.repeat(3_001)),
        { type: 'section' },
        { type: 'header', text: { type: 'mrkdwn', text: 'h' } },
        { type: 'actions', elements: [button('a'), button('a')] },
        { type: 'actions', elements: [] },
        { type: 'teleport' },
        { type: 'divider', block_id: 'd' },
        { type: 'divider', block_id: 'd' },
      ],
      limits,
    );
    expect(problems).toEqual([
      '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
      '[ERROR] must provide either text or fields [json-pointer:/blocks/1]',
      '[ERROR] must be one of plain_text [json-pointer:/blocks/2/text/type]',
      '[ERROR] action_id must be unique [json-pointer:/blocks/3/elements/1/action_id]',
      '[ERROR] must provide a non-empty array [json-pointer:/blocks/4/elements]',
      '[ERROR] unsupported type: teleport [json-pointer:/blocks/5/type]',
      '[ERROR] block_id must be unique [json-pointer:/blocks/7/block_id]',
    ]);
  });

  it('counts blocks against the limit', () => {
    expect(
      checkBlocks(
        Array.from({ length: 50 }, () => ({ type: 'divider' })),
        limits,
      ),
    ).toEqual([]);
    expect(
      checkBlocks(
        Array.from({ length: 51 }, () => ({ type: 'divider' })),
        limits,
      ),
    ).toEqual(['[ERROR] no more than 50 items allowed [json-pointer:/blocks]']);
  });
});

describe('parseMessageContent', () => {
  it('says no_text when there is neither text nor blocks', () => {
    expect(parseMessageContent({}, limits)).toMatchObject({ ok: false, failure: { error: 'no_text' } });
    expect(parseMessageContent({ text: '', blocks: '[]' }, limits)).toMatchObject({
      ok: false,
      failure: { error: 'no_text' },
    });
  });

  it('takes blocks as a JSON string (form bodies) or as an array (JSON bodies)', () => {
    const blocks = [section('hi')];
    expect(parseMessageContent({ blocks: JSON.stringify(blocks) }, limits)).toEqual({
      ok: true,
      value: { text: undefined, blocks },
    });
    expect(parseMessageContent({ blocks }, limits)).toEqual({ ok: true, value: { text: undefined, blocks } });
    expect(parseMessageContent({ blocks: '[{' }, limits)).toMatchObject({
      ok: false,
      failure: { error: 'invalid_blocks_format' },
    });
  });

  it('says msg_too_long over the text limit and invalid_blocks with the reasons', () => {
    expect(parseMessageContent({ text: 'x'.repeat(40_001) }, limits)).toMatchObject({
      ok: false,
      failure: { error: 'msg_too_long' },
    });
    const bad = parseMessageContent({ text: 'ok', blocks: [{ type: 'section' }] }, limits);
    expect(bad).toMatchObject({
      ok: false,
      failure: { error: 'invalid_blocks', messages: [expect.stringContaining('/blocks/0')] },
    });
  });
});
