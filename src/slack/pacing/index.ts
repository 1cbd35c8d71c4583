export {
  ChannelLanes,
  type ChannelLanesOptions,
  type LaneSender,
  type LaneTask,
} from './channel-lanes.js';
export { retryAfterMs } from './rate-limit.js';
export { realTimers, sleep, type Timers } from './timers.js';
export {
  type SendUpdate,
  type TrackedMessage,
  UpdateScheduler,
  type UpdateSchedulerOptions,
} from './update-scheduler.js';
