import { z } from 'zod';

/**
 * The redaction settings a team may write by hand (a `redaction:` section or its own YAML file):
 * extra rules, and built-in rules to switch off. Strict objects: a typo such as `replce` must fail
 * loudly, or a rule meant to hide a secret would silently do nothing.
 */

export const DEFAULT_MASK = '<redacted>';

/** A capture group by number (0 is the whole match) or by name. */
const groupRefSchema = z.union([
  z.number().int('expected a whole group number').min(0, 'expected a group number of 0 or more'),
  z.string().regex(/^[A-Za-z_$][\w$]*$/, 'expected a capture group name such as "secret"'),
]);

export const redactionRuleSchema = z.strictObject({
  id: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
      'expected a rule id of letters, digits, _ . - such as "vendor-api-key"',
    ),
  description: z.string().optional(),
  /** JavaScript regular expression source, without slashes. */
  pattern: z.string().min(1, 'expected a regular expression such as "^api-key (\\S+)"'),
  /**
   * `i`, `m`, `s`, `u` or `v`; `g` and `d` are always added (every match, group positions).
   * Defaults to `m` so `^` and `$` mean the start and end of a line, as in a config.
   */
  flags: z
    .string()
    .regex(/^[imsuv]*$/, 'expected flags made of i, m, s, u, v (g and d are always added)')
    .default('m'),
  /** Which capture group(s) hold the secret; only those characters are masked. */
  replace: z.union([groupRefSchema, z.array(groupRefSchema).min(1, 'expected at least one group')]),
});

export const redactionConfigSchema = z.strictObject({
  rules: z.array(redactionRuleSchema).default([]),
  /** Ids of built-in rules to switch off (see `BUILT_IN_RULES`). */
  disable: z.array(z.string()).default([]),
  mask: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[^\r\n]*$/, 'expected a single-line mask such as "<redacted>"')
    .default(DEFAULT_MASK),
});

export type RedactionRuleInput = z.input<typeof redactionRuleSchema>;
export type RedactionRule = z.infer<typeof redactionRuleSchema>;
export type RedactionConfigInput = z.input<typeof redactionConfigSchema>;
export type RedactionConfig = z.infer<typeof redactionConfigSchema>;
export type GroupRef = z.infer<typeof groupRefSchema>;
