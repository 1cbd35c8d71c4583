import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../logger.js';

export const RESTARTING_TEXT =
  ':hourglass: netrun is restarting, so nothing was run. Try again in a minute (jobs already running are finishing).';

type Ack = (response?: unknown) => Promise<void>;
type Respond = (message: unknown) => Promise<unknown>;

interface IncomingBody {
  type?: string;
  command?: string;
  actions?: { action_id?: string }[];
}

const RESTARTING_VIEW = {
  type: 'modal',
  title: { type: 'plain_text', text: 'netrun' },
  close: { type: 'plain_text', text: 'Close' },
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: RESTARTING_TEXT } }],
};

/**
 * Bolt middleware for the shutdown grace period: the receiver stays up, so a command typed now gets
 * a polite answer instead of Slack's "dispatch_failed", but nothing new starts. Buttons that only
 * stop work (Cancel) still reach their listeners; every other button, modal submission and shortcut
 * is acknowledged and refused — an Approve clicked now leaves the request pending, to be clicked
 * again once netrun is back.
 */
export function refuseWhileStopping(
  isStopping: () => boolean,
  allowedActions: readonly string[],
  log: Logger,
): Middleware<AnyMiddlewareArgs> {
  const allowed = new Set(allowedActions);
  return async (args) => {
    if (!isStopping()) {
      await args.next();
      return;
    }
    const body = args.body as IncomingBody;
    const { ack, respond } = args as unknown as { ack?: Ack; respond?: Respond };
    if (body.type === 'block_actions' && (body.actions ?? []).every((a) => allowed.has(a.action_id ?? ''))) {
      await args.next();
      return;
    }
    if (!ack) {
      // Events need no answer and start no job; they pass.
      await args.next();
      return;
    }
    log.info({ type: body.type ?? 'slash_command', command: body.command }, 'refused: netrun is restarting');
    if (body.command !== undefined) {
      await ack({ response_type: 'ephemeral', text: RESTARTING_TEXT });
    } else if (body.type === 'view_submission') {
      await ack({ response_action: 'update', view: RESTARTING_VIEW });
    } else {
      await ack();
      await respond?.({ response_type: 'ephemeral', replace_original: false, text: RESTARTING_TEXT }).catch(
        (error: unknown) => log.warn({ err: error }, 'could not answer through response_url'),
      );
    }
  };
}
