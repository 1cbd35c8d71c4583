import { createHash } from 'node:crypto';
import type { Clock } from './ids.js';
import type { InteractionSource, OpenedView, ResponseUrlPost } from './types.js';

export interface InteractivityDeps {
  now: Clock;
  nextId: (prefix: string) => string;
  responseUrlTtlMs: number;
  responseUrlMaxUses: number;
  triggerTtlMs: number;
  onChange: () => void;
}

export interface ResponseUrlEntry {
  id: string;
  source: InteractionSource;
  createdAt: number;
  uses: number;
  /** The last ephemeral this URL posted: a slash command's `replace_original` replaces it. */
  lastEphemeralTs?: string;
}

interface TriggerEntry {
  user: string;
  createdAt: number;
  used: boolean;
}

export type TriggerCheck = { ok: true; user: string } | { ok: false; error: string };

/**
 * The short-lived handles Slack gives an app with each interaction: trigger_id (3 s, once, to open a
 * modal) and response_url (5 uses in 30 minutes), plus the modals opened with them.
 */
export class Interactivity {
  private readonly triggers = new Map<string, TriggerEntry>();
  private readonly responseUrls = new Map<string, ResponseUrlEntry>();
  private readonly viewMap = new Map<string, OpenedView>();
  readonly posts: ResponseUrlPost[] = [];
  private counter = 0;

  constructor(private readonly deps: InteractivityDeps) {}

  /** Slack-shaped: `<seconds>.<counter>.<32 hex>`. */
  mintTrigger(user: string): string {
    this.counter += 1;
    const hex = createHash('sha256').update(`trigger:${this.counter}`).digest('hex').slice(0, 32);
    const id = `${Math.floor(this.deps.now() / 1000)}.${this.counter}.${hex}`;
    this.triggers.set(id, { user, createdAt: this.deps.now(), used: false });
    return id;
  }

  consumeTrigger(id: string): TriggerCheck {
    const entry = this.triggers.get(id);
    if (!entry) return { ok: false, error: 'invalid_trigger_id' };
    if (entry.used) return { ok: false, error: 'exchanged_trigger_id' };
    if (this.deps.now() - entry.createdAt > this.deps.triggerTtlMs)
      return { ok: false, error: 'expired_trigger_id' };
    entry.used = true;
    return { ok: true, user: entry.user };
  }

  mintResponseUrl(source: InteractionSource): string {
    this.counter += 1;
    const secret = createHash('sha256').update(`response:${this.counter}`).digest('hex').slice(0, 24);
    const id = `${this.counter}/${secret}`;
    this.responseUrls.set(id, { id, source, createdAt: this.deps.now(), uses: 0 });
    return id;
  }

  /** The entry and whether it may still be used: Slack answers `used_url` / `expired_url` otherwise. */
  checkResponseUrl(id: string): { ok: true; entry: ResponseUrlEntry } | { ok: false; error: string } {
    const entry = this.responseUrls.get(id);
    if (!entry) return { ok: false, error: 'no_service' };
    if (this.deps.now() - entry.createdAt > this.deps.responseUrlTtlMs)
      return { ok: false, error: 'expired_url' };
    if (entry.uses >= this.deps.responseUrlMaxUses) return { ok: false, error: 'used_url' };
    return { ok: true, entry };
  }

  recordPost(post: ResponseUrlPost): void {
    this.posts.push(post);
    this.deps.onChange();
  }

  openView(user: string, triggerId: string, view: Record<string, unknown>): OpenedView {
    const opened: OpenedView = {
      id: this.deps.nextId('V'),
      user,
      triggerId,
      view,
      hash: this.nextHash(),
      openedAt: this.deps.now(),
      history: [],
    };
    this.viewMap.set(opened.id, opened);
    this.deps.onChange();
    return opened;
  }

  findView(idOrExternal: { viewId?: string; externalId?: string }): OpenedView | undefined {
    if (idOrExternal.viewId) return this.viewMap.get(idOrExternal.viewId);
    return [...this.viewMap.values()].find((v) => v.view.external_id === idOrExternal.externalId);
  }

  updateView(opened: OpenedView, view: Record<string, unknown>): void {
    opened.history.push(opened.view);
    opened.view = view;
    opened.hash = this.nextHash();
    this.deps.onChange();
  }

  views(user?: string): OpenedView[] {
    return [...this.viewMap.values()].filter((v) => user === undefined || v.user === user);
  }

  private nextHash(): string {
    this.counter += 1;
    return `${Math.floor(this.deps.now() / 1000)}.${createHash('sha256').update(`hash:${this.counter}`).digest('hex').slice(0, 8)}`;
  }
}
