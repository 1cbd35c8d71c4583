import type { App } from '@slack/bolt';
import { registerCancelButton } from './actions/cancel-button.js';
import { registerRetryButton } from './actions/retry-button.js';
import { registerNetrunCommand } from './command/register-command.js';
import type { ListenerDeps } from './context.js';
import { registerPushListeners } from './push/index.js';

export { retryableHosts } from './actions/retry-button.js';
export type { ListenerDeps } from './context.js';

/** Every surface netrun answers on. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  registerNetrunCommand(app, deps);
  registerCancelButton(app, deps);
  registerRetryButton(app, deps);
  registerPushListeners(app, deps);
}
