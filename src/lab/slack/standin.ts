import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallLog } from './call-log.js';
import { FaultInjector, type FaultStats } from './faults.js';
import { type Clock, createIdFactory, createTsClock } from './ids.js';
import { Interactivity } from './interactivity.js';
import type { MethodContext } from './methods/index.js';
import { parseStandinOptions } from './options.js';
import { createRateLimiter } from './rate-limiter.js';
import type { ChannelInfo, FaultRuleInput, StandinOptions, StandinOptionsInput } from './schema.js';
import { createRequestHandler } from './server.js';
import { type ListOptions, SlackStore } from './store.js';
import type {
  CallCounts,
  CallRecord,
  InteractionSource,
  OpenedView,
  ResponseUrlPost,
  StoredEphemeral,
  StoredFile,
  StoredMessage,
} from './types.js';
import { type WaitForOptions, waitForChange } from './wait-for.js';

export interface StandinDeps {
  /** Milliseconds since the epoch; drives ts values, rate limits, expiry and fault windows. */
  now?: Clock;
}

export interface FaultControl {
  set(rules: FaultRuleInput[]): void;
  add(rule: FaultRuleInput): void;
  clear(): void;
  stats(): FaultStats[];
}

export interface SlackStandin {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** For `new WebClient(token, { slackApiUrl })` and Bolt's `clientOptions.slackApiUrl`; ends with `/api/`. */
  readonly apiUrl: string;
  /** The first accepted bot token. */
  readonly token: string;
  readonly options: StandinOptions;
  readonly faults: FaultControl;
  /** Top-level messages of a channel in ts order (deleted ones only when asked). */
  channel(id: string, options?: ListOptions): StoredMessage[];
  /** Replies under a parent ts, in order. */
  thread(channel: string, ts: string, options?: ListOptions): StoredMessage[];
  message(channel: string, ts: string): StoredMessage | undefined;
  channels(): ChannelInfo[];
  ephemerals(user?: string): StoredEphemeral[];
  files(): StoredFile[];
  views(user?: string): OpenedView[];
  responseUrlPosts(): ResponseUrlPost[];
  calls(method?: string): CallRecord[];
  counts(): CallCounts;
  waitFor<T>(
    predicate: (standin: SlackStandin) => T | undefined | null | false,
    options?: WaitForOptions,
  ): Promise<T>;
  addChannel(channel: ChannelInfo): void;
  setUsergroup(id: string, users: string[]): void;
  /** A response_url for an interaction in `source.channel` by `source.user` (what Slack puts in payloads). */
  mintResponseUrl(source: InteractionSource): string;
  /** A trigger_id for views.open: valid for 3 s, once. */
  mintTriggerId(user: string): string;
  close(): Promise<void>;
}

function buildContext(options: StandinOptions, now: Clock, onChange: () => void): MethodContext {
  const nextTs = createTsClock(now);
  const nextId = createIdFactory();
  const store = new SlackStore({
    now,
    nextTs,
    nextId,
    botUserId: options.bot.userId,
    botId: options.bot.botId,
  });
  for (const channel of options.channels) store.addChannel(channel);
  store.onChange(onChange);
  const interactivity = new Interactivity({
    now,
    nextId,
    responseUrlTtlMs: options.responseUrl.ttlMs,
    responseUrlMaxUses: options.responseUrl.maxUses,
    triggerTtlMs: options.triggerTtlMs,
    onChange,
  });
  return {
    store,
    interactivity,
    limiter: createRateLimiter(options.limits, now),
    options,
    baseUrl: '',
    usergroups: new Map(Object.entries(options.usergroups)),
    now,
    nextTs,
  };
}

interface Parts {
  url: string;
  options: StandinOptions;
  ctx: MethodContext;
  log: CallLog;
  faults: FaultInjector;
  changes: ChangeFeed;
  stop: () => Promise<void>;
}

/** Change notifications shared by the store, the call log and views, for `waitFor`. */
class ChangeFeed {
  private readonly listeners = new Set<() => void>();
  readonly notify = (): void => {
    for (const listener of [...this.listeners]) listener();
  };
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  clear(): void {
    this.listeners.clear();
  }
}

function facade({ url, options, ctx, log, faults, changes, stop }: Parts): SlackStandin {
  const standin: SlackStandin = {
    url,
    apiUrl: `${url}/api/`,
    token: options.tokens[0]!,
    options,
    faults: {
      set: (rules) => faults.set(rules),
      add: (rule) => faults.add(rule),
      clear: () => faults.clear(),
      stats: () => faults.stats(),
    },
    channel: (id, listOptions) => ctx.store.topLevel(id, listOptions),
    thread: (channel, ts, listOptions) => ctx.store.replies(channel, ts, listOptions),
    message: (channel, ts) => ctx.store.find(channel, ts),
    channels: () => ctx.store.listChannels(),
    ephemerals: (user) => ctx.store.ephemerals(user),
    files: () => ctx.store.files(),
    views: (user) => ctx.interactivity.views(user),
    responseUrlPosts: () => [...ctx.interactivity.posts],
    calls: (method) => log.list(method),
    counts: () => log.counts(),
    waitFor: (predicate, waitOptions) =>
      waitForChange(changes.subscribe, () => predicate(standin), waitOptions),
    addChannel: (channel) => ctx.store.addChannel(channel),
    setUsergroup: (id, users) => void ctx.usergroups.set(id, [...users]),
    mintResponseUrl: (source) => `${url}/hooks/response/${ctx.interactivity.mintResponseUrl(source)}`,
    mintTriggerId: (user) => ctx.interactivity.mintTrigger(user),
    close: stop,
  };
  return standin;
}

/**
 * Starts a local stand-in for Slack on 127.0.0.1 (a free port): the Web API methods netrun uses,
 * the file upload URL, response_url endpoints, Slack's limits and error codes, fault injection, and a
 * record of every call and of the channels as Slack would show them.
 */
export async function startSlackStandin(
  input: StandinOptionsInput = {},
  deps: StandinDeps = {},
): Promise<SlackStandin> {
  const options = parseStandinOptions(input);
  const now = deps.now ?? Date.now;
  const changes = new ChangeFeed();
  const ctx = buildContext(options, now, changes.notify);
  const log = new CallLog(changes.notify);
  const faults = new FaultInjector(options.seed, now, options.faults);
  const closing = new AbortController();
  const tokens = new Set(options.tokens);
  const handler = createRequestHandler({ ctx, faults, log, tokens, closing: closing.signal });
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ctx.baseUrl = url;
  const stop = async () => {
    closing.abort();
    changes.clear();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return facade({ url, options, ctx, log, faults, changes, stop });
}
