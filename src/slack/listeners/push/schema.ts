import { z } from 'zod';

/**
 * What Slack sends back from the push modal: the context netrun put in private_metadata, and the
 * inputs' state. Parsed here, at the boundary, so a forged or outdated submission is an error the
 * user can read rather than a crash.
 */

export const modalContextSchema = z.object({
  target: z.string().min(1).max(1_000),
  channel: z.string().min(1).max(100),
});

const plainValue = z.object({ value: z.string().nullish() }).passthrough();
const checkboxValue = z
  .object({ selected_options: z.array(z.object({ value: z.string() }).passthrough()).nullish() })
  .passthrough();

/** `state.values`: block_id → action_id → the element's state. */
export const viewValuesSchema = z.record(z.string(), z.record(z.string(), z.unknown()));

export function plainText(state: unknown): string | undefined {
  const parsed = plainValue.safeParse(state);
  return parsed.success ? (parsed.data.value ?? undefined) : undefined;
}

export function checkedValues(state: unknown): string[] | undefined {
  const parsed = checkboxValue.safeParse(state);
  if (!parsed.success) return undefined;
  return (parsed.data.selected_options ?? []).map((option) => option.value);
}
