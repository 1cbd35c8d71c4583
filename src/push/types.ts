import type { Platform } from '../devices/index.js';

/**
 * The dry run of a config push: for one device, which requested lines are new and which are
 * already there. Plans are plain data (JSON-safe) so a pending approval can keep them in the store.
 */

/**
 * How a platform writes its running config, as its platform file says (`config.style`):
 * `indented` — blocks by indentation under a parent line; `set` — one `set`/`delete` line per
 * statement (brace configs are converted to set lines).
 */
export type ConfigStyle = NonNullable<Platform['config']>['style'];

export type LineStatus = 'new' | 'present';

export type LineReason =
  /** new: not in the running config. */
  | 'missing'
  /** present: in the running config (for a parent: with every requested child). */
  | 'found'
  /** new: the parent line is configured but some requested children are not; sent for context. */
  | 'has-new-children'
  /** new: `no X` / `delete X` and X is configured. */
  | 'removes-existing'
  /** present: `no X` / `delete X` and X is not configured. */
  | 'already-absent'
  /** new: a command netrun cannot compare (Junos `rename`, `insert`, `annotate`, …). */
  | 'not-checked';

export interface PlannedLine {
  /**
   * Position in the requested lines (0-based, after splitting entries that hold several lines).
   * For a Junos request written in brace form, the line that ends the statement.
   */
  index: number;
  /** The line as requested, trailing whitespace removed (indentation kept); a set line for Junos. */
  text: string;
  /** Whitespace-normalised parent lines, outermost first; [] for top-level and set lines. */
  parents: string[];
  status: LineStatus;
  reason: LineReason;
}

export interface ConfigPlan {
  style: ConfigStyle;
  /** True when at least one requested line is new. */
  changes: boolean;
  /** Every planned line, in the order requested (comments and blank lines left out). */
  lines: PlannedLine[];
  newLines: PlannedLine[];
  presentLines: PlannedLine[];
  /** What a push needs to send: the new lines, each with the parent lines that give it context. */
  commands: string[];
  /**
   * Unified diff of the running config before and after the change ('' when nothing changes),
   * with secrets masked. Junos configs are compared in `display set` form.
   */
  diff: string;
}

export interface PlanOptions {
  style: ConfigStyle;
  /** Names the diff's file, e.g. the host name. Default `running-config`. */
  label?: string;
  /** Unchanged lines shown around each change in the diff. Default 3. */
  context?: number;
  /**
   * Masks secrets in the config text the diff is made from (the diff goes to Slack and the store).
   * Default: the built-in redaction rules; pass a configured redactor's `redact` to use its rules.
   */
  redact?: (text: string) => string;
}
