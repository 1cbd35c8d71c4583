import { parseConfigLines, ROLLOUT_LIMITS, SLACK_CONFIG_MAX_CHARS } from '../../../push/index.js';
import { PUSH_DEFAULTS, PUSH_MAX_APPROVALS, type PushModalContext } from '../../blocks/index.js';
import { ACTION_IDS, BLOCK_IDS } from '../../ids.js';
import { checkedValues, modalContextSchema, plainText, viewValuesSchema } from './schema.js';

/** A push request as the modal submitted it, checked. */
export interface PushForm {
  lines: string[];
  save: boolean;
  canary: number;
  stopAfterFailures: number;
  requiredApprovals: number;
}

/** Problems per input block, as `response_action: 'errors'` wants them. */
export type FormErrors = Record<string, string>;

export type FormResult = { ok: true; form: PushForm } | { ok: false; errors: FormErrors };

function stateOf(values: Record<string, Record<string, unknown>>, blockId: string, actionId: string) {
  return values[blockId]?.[actionId];
}

function wholeNumber(
  raw: string | undefined,
  fallback: number,
  range: { min: number; max: number },
  what: string,
): number | string {
  const text = raw?.trim() ?? '';
  if (text === '') return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < range.min || value > range.max) {
    return `${what} must be a whole number from ${range.min} to ${range.max.toLocaleString('en-US')}.`;
  }
  return value;
}

/** Reads and checks the submitted inputs; every problem is named at its own input. */
export function readPushForm(values: unknown): FormResult {
  const parsed = viewValuesSchema.safeParse(values ?? {});
  const state = parsed.success ? parsed.data : {};
  const errors: FormErrors = {};
  const lines = parseConfigLines(
    plainText(stateOf(state, BLOCK_IDS.pushLinesInput, ACTION_IDS.pushLines)) ?? '',
    {
      maxChars: SLACK_CONFIG_MAX_CHARS,
      source: 'the config',
      tooLongHint:
        'Slack caps this box at 3,000 characters: split the change into several requests, or run `netrun push <target> --config-file FILE` in a terminal.',
    },
  );
  if (!lines.ok) errors[BLOCK_IDS.pushLinesInput] = lines.problem;
  const numbers = {
    canary: wholeNumber(
      plainText(stateOf(state, BLOCK_IDS.pushCanaryInput, ACTION_IDS.pushCanary)),
      PUSH_DEFAULTS.canary,
      ROLLOUT_LIMITS.canary,
      'Canary devices',
    ),
    stopAfterFailures: wholeNumber(
      plainText(stateOf(state, BLOCK_IDS.pushStopAfterInput, ACTION_IDS.pushStopAfter)),
      PUSH_DEFAULTS.stopAfterFailures,
      ROLLOUT_LIMITS.stopAfterFailures,
      'Stop after N failures',
    ),
    requiredApprovals: wholeNumber(
      plainText(stateOf(state, BLOCK_IDS.pushApprovalsInput, ACTION_IDS.pushApprovals)),
      PUSH_DEFAULTS.approvals,
      { min: 1, max: PUSH_MAX_APPROVALS },
      'Approvals needed',
    ),
  };
  const blockOf = {
    canary: BLOCK_IDS.pushCanaryInput,
    stopAfterFailures: BLOCK_IDS.pushStopAfterInput,
    requiredApprovals: BLOCK_IDS.pushApprovalsInput,
  } as const;
  for (const [key, value] of Object.entries(numbers) as [keyof typeof numbers, number | string][]) {
    if (typeof value === 'string') errors[blockOf[key]] = value;
  }
  const checked = checkedValues(stateOf(state, BLOCK_IDS.pushSaveInput, ACTION_IDS.pushSave));
  if (Object.keys(errors).length > 0 || !lines.ok) return { ok: false, errors };
  return {
    ok: true,
    form: {
      lines: lines.lines,
      // Without the checkbox's state (an older client), the default holds: save.
      save: checked === undefined ? PUSH_DEFAULTS.save : checked.includes('save'),
      canary: numbers.canary as number,
      stopAfterFailures: numbers.stopAfterFailures as number,
      requiredApprovals: numbers.requiredApprovals as number,
    },
  };
}

/** The target and channel the modal was opened for; undefined when private_metadata is not netrun's. */
export function readModalContext(metadata: unknown): PushModalContext | undefined {
  if (typeof metadata !== 'string') return undefined;
  try {
    const parsed = modalContextSchema.safeParse(JSON.parse(metadata));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
