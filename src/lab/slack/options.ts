import type { z } from 'zod';
import { NetrunError } from '../../errors.js';
import {
  type FaultRule,
  type FaultRuleInput,
  faultRuleSchema,
  type StandinOptions,
  type StandinOptionsInput,
  standinOptionsSchema,
} from './schema.js';

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}`)
    .join('; ');
}

export function parseStandinOptions(input: StandinOptionsInput = {}): StandinOptions {
  const result = standinOptionsSchema.safeParse(input);
  if (result.success) return result.data;
  throw new NetrunError(
    'CONFIG_INVALID',
    `Slack stand-in options are invalid: ${describeIssues(result.error)}`,
    {
      hint: 'fix the option named before the colon (see src/lab/slack/schema.ts for what each one takes)',
    },
  );
}

export function parseFaultRule(input: FaultRuleInput): FaultRule {
  const result = faultRuleSchema.safeParse(input);
  if (result.success) return result.data;
  throw new NetrunError(
    'CONFIG_INVALID',
    `Slack stand-in fault rule is invalid: ${describeIssues(result.error)}`,
    {
      hint: 'a rule needs kind (ratelimit | http-error | drop | delay) and that kind’s value; see src/lab/slack/schema.ts',
    },
  );
}
