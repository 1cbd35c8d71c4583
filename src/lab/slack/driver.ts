import { performance } from 'node:perf_hooks';
import {
  type Actor,
  blockActionsPayload,
  findAction,
  payloadBody,
  slashCommandBody,
  viewSubmissionPayload,
  type Workspace,
} from './driver-payloads.js';
import { formatTs } from './ids.js';
import { messageToJson } from './message-json.js';
import { viewToJson } from './methods/index.js';
import { signedHeaders } from './signature.js';
import type { SlackStandin } from './standin.js';

export interface SlackDriverOptions {
  /** The bot's request URL, e.g. http://127.0.0.1:3000/slack/events */
  url: string;
  signingSecret: string;
  standin: SlackStandin;
  /** Seconds since the epoch for the signature timestamp; Date.now by default. */
  now?: () => number;
}

export interface SendOptions {
  /** Sign with a wrong secret: the bot must answer 401. */
  badSignature?: boolean;
  /** Shift the request timestamp, e.g. -600 for a stale request (Bolt refuses > 5 minutes). */
  timestampOffsetSec?: number;
  signal?: AbortSignal;
}

export interface DriverResponse {
  status: number;
  body: string;
  /** The body parsed, when the app answered JSON. */
  json?: unknown;
  /** Time from sending the request to the complete HTTP answer: Slack gives up after 3 s. */
  ackMs: number;
}

export interface SlashCommandInput {
  text: string;
  user_id: string;
  channel_id: string;
  command?: string;
  user_name?: string;
  channel_name?: string;
}

export interface ClickInput {
  action_id: string;
  user: string;
  channel: string;
  message_ts: string;
  /** Taken from the button on the stored message when absent. */
  value?: string;
  block_id?: string;
  /** The button sits on an ephemeral message (its `message_ts` from chat.postEphemeral). */
  ephemeral?: boolean;
}

export interface SubmitViewInput {
  user: string;
  /** The view to submit; by default the user's latest opened view (with this callback_id if given). */
  view_id?: string;
  callback_id?: string;
  /** `state.values`: block_id → action_id → value object, e.g. `{ type: 'plain_text_input', value: 'x' }`. */
  values?: Record<string, Record<string, unknown>>;
}

export interface InteractionResponse extends DriverResponse {
  responseUrl: string;
  triggerId: string;
}

export interface SlackDriver {
  slashCommand(input: SlashCommandInput, send?: SendOptions): Promise<InteractionResponse>;
  click(input: ClickInput, send?: SendOptions): Promise<InteractionResponse>;
  submitView(input: SubmitViewInput, send?: SendOptions): Promise<DriverResponse & { viewId: string }>;
  /** A signed POST of any raw body (for payloads the helpers do not build). */
  post(rawBody: string, send?: SendOptions): Promise<DriverResponse>;
}

function actor(standin: SlackStandin, id: string, name?: string): Actor {
  return { id, name: name ?? standin.options.users.find((u) => u.id === id)?.name ?? id.toLowerCase() };
}

function channelRef(standin: SlackStandin, id: string): { id: string; name: string } {
  return { id, name: standin.channels().find((c) => c.id === id)?.name ?? id };
}

/** The clicked element (from the stored message, or forged from `value`/`block_id`) and the message JSON. */
function clickTarget(standin: SlackStandin, input: ClickInput) {
  const stored = input.ephemeral
    ? standin.ephemerals().find((e) => e.ts === input.message_ts)
    : standin.message(input.channel, input.message_ts);
  const found = findAction(stored?.blocks, input.action_id);
  const blockId = input.block_id ?? found?.block_id;
  if (blockId === undefined || (found === undefined && input.value === undefined)) {
    throw new Error(
      `Slack driver: no element with action_id "${input.action_id}" on message ${input.message_ts} in ${input.channel}; ` +
        'post the message first, or pass value and block_id to forge the click',
    );
  }
  const action = {
    type: found?.type ?? 'button',
    text: found?.text ?? '',
    action_id: input.action_id,
    block_id: blockId,
    value: input.value ?? found?.value,
  };
  const message = input.ephemeral ? undefined : standin.message(input.channel, input.message_ts);
  return { action, message: message ? messageToJson(message, standin.options) : undefined };
}

/**
 * Acts like Slack toward the bot: signed slash commands, button clicks and modal submissions over real
 * HTTP, with response_url and trigger_id minted by the stand-in so the bot's answers land there.
 */
export function createSlackDriver(options: SlackDriverOptions): SlackDriver {
  const { standin } = options;
  const nowSec = () => Math.floor((options.now?.() ?? Date.now()) / 1000);
  const ws: Workspace = {
    teamId: standin.options.team.id,
    teamDomain: standin.options.team.domain,
    apiAppId: standin.options.bot.appId,
    verificationToken: 'standin-verification-token',
  };

  const post = async (rawBody: string, send: SendOptions = {}): Promise<DriverResponse> => {
    const timestamp = nowSec() + (send.timestampOffsetSec ?? 0);
    const secret = send.badSignature ? `${options.signingSecret}-forged` : options.signingSecret;
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      ...signedHeaders(secret, rawBody, timestamp),
    };
    const started = performance.now();
    const response = await fetch(options.url, {
      method: 'POST',
      headers,
      body: rawBody,
      signal: send.signal,
    });
    const body = await response.text();
    const ackMs = performance.now() - started;
    let json: unknown;
    if ((response.headers.get('content-type') ?? '').includes('json') && body !== '') json = JSON.parse(body);
    return { status: response.status, body, json, ackMs };
  };

  const slashCommand: SlackDriver['slashCommand'] = async (input, send) => {
    const responseUrl = standin.mintResponseUrl({ channel: input.channel_id, user: input.user_id });
    const triggerId = standin.mintTriggerId(input.user_id);
    const body = slashCommandBody(ws, {
      command: input.command ?? '/netrun',
      text: input.text,
      user_id: input.user_id,
      user_name: actor(standin, input.user_id, input.user_name).name,
      channel_id: input.channel_id,
      channel_name: input.channel_name ?? channelRef(standin, input.channel_id).name,
      response_url: responseUrl,
      trigger_id: triggerId,
    });
    return { ...(await post(body, send)), responseUrl, triggerId };
  };

  const click: SlackDriver['click'] = async (input, send) => {
    const { action, message } = clickTarget(standin, input);
    const ephemeral = input.ephemeral ?? false;
    const responseUrl = standin.mintResponseUrl({
      channel: input.channel,
      user: input.user,
      messageTs: input.message_ts,
      ephemeral,
    });
    const triggerId = standin.mintTriggerId(input.user);
    const payload = blockActionsPayload(ws, {
      user: actor(standin, input.user),
      channel: channelRef(standin, input.channel),
      messageTs: input.message_ts,
      ephemeral,
      message,
      action,
      actionTs: formatTs(Math.floor((options.now?.() ?? Date.now()) * 1000)),
      responseUrl,
      triggerId,
    });
    return { ...(await post(payloadBody(payload), send)), responseUrl, triggerId };
  };

  const submitView: SlackDriver['submitView'] = async (input, send) => {
    const candidates = standin
      .views(input.user)
      .filter((v) => input.callback_id === undefined || v.view.callback_id === input.callback_id);
    const opened = input.view_id ? standin.views().find((v) => v.id === input.view_id) : candidates.at(-1);
    if (!opened) {
      throw new Error(
        `Slack driver: no open view ${input.view_id ?? `for ${input.user}`}; the app must call views.open first`,
      );
    }
    const payload = viewSubmissionPayload(ws, {
      user: actor(standin, input.user),
      view: viewToJson(opened, { options: standin.options }),
      values: input.values ?? {},
      triggerId: standin.mintTriggerId(input.user),
    });
    return { ...(await post(payloadBody(payload), send)), viewId: opened.id };
  };

  return { slashCommand, click, submitView, post };
}
