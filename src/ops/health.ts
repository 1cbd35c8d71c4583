import type { RunnerStats } from '../engine/index.js';

/** Where the bot's link to Slack stands. */
export type SlackLink = 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'stopped';

export interface HealthCheck {
  ok: boolean;
  detail: string;
}

/** The body of /healthz. */
export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: { slack: HealthCheck; store: HealthCheck; accepting: HealthCheck };
  mode: 'http' | 'socket';
  uptimeSeconds: number;
  jobs: RunnerStats;
}

export interface HealthDeps {
  mode: 'http' | 'socket';
  /** store.healthy(); a throw counts as not healthy and its message is the detail. */
  storeHealthy: () => boolean;
  stats: () => RunnerStats;
  now?: () => number;
}

const SLACK_DETAIL: Record<SlackLink, string> = {
  connecting: 'not connected yet: the bot token has not been checked (auth.test)',
  connected: 'connected',
  reconnecting: 'Socket Mode connection lost: reconnecting',
  disconnected: 'disconnected from Slack',
  stopped: 'stopped: netrun is shutting down',
};

/**
 * Ready means Slack is connected and the store answers, and netrun is not shutting down: a load
 * balancer or orchestrator stops sending work as soon as a shutdown begins.
 */
export class HealthState {
  readonly #deps: HealthDeps;
  readonly #startedAt: number;
  #slack: SlackLink = 'connecting';
  #slackDetail: string | undefined;
  #stopping: string | undefined;

  constructor(deps: HealthDeps) {
    this.#deps = deps;
    this.#startedAt = (deps.now ?? Date.now)();
  }

  get stopping(): boolean {
    return this.#stopping !== undefined;
  }

  get slack(): SlackLink {
    return this.#slack;
  }

  /** `detail` replaces the standard words (e.g. which URL the bot listens on). */
  setSlack(link: SlackLink, detail?: string): void {
    this.#slack = link;
    this.#slackDetail = detail;
  }

  /** A shutdown began (the signal's name): from now on the bot is not ready. */
  setStopping(signal: string): void {
    this.#stopping ??= signal;
  }

  report(): HealthReport {
    const slack = { ok: this.#slack === 'connected', detail: this.#slackDetail ?? SLACK_DETAIL[this.#slack] };
    const store = this.#store();
    const accepting = this.#stopping
      ? { ok: false, detail: `shutting down (${this.#stopping}): finishing running jobs, refusing new ones` }
      : { ok: true, detail: 'accepting commands' };
    const ok = slack.ok && store.ok && accepting.ok;
    const now = (this.#deps.now ?? Date.now)();
    return {
      status: ok ? 'ok' : 'unavailable',
      checks: { slack, store, accepting },
      mode: this.#deps.mode,
      uptimeSeconds: Math.max(0, Math.round((now - this.#startedAt) / 1000)),
      jobs: this.#deps.stats(),
    };
  }

  #store(): HealthCheck {
    try {
      return this.#deps.storeHealthy()
        ? { ok: true, detail: 'open' }
        : { ok: false, detail: 'closed or not answering' };
    } catch (error) {
      return { ok: false, detail: `not answering: ${(error as Error).message}` };
    }
  }
}

/** The events a Socket Mode client emits about its connection (a small part of @slack/socket-mode's). */
export interface SocketEvents {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** Follows a Socket Mode client's connection: Slack can drop the WebSocket at any time, and does. */
export function watchSocket(socket: SocketEvents, health: HealthState): void {
  socket.on('connected', () => health.setSlack('connected', 'Socket Mode connected'));
  socket.on('reconnecting', () => health.setSlack('reconnecting'));
  socket.on('disconnected', () => {
    if (health.slack !== 'stopped') health.setSlack('disconnected');
  });
}
