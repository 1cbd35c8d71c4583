import { z } from 'zod';

/**
 * The shape of a platform file (`platforms/<name>.yaml`). Vendor knowledge lives in these files, not in
 * TypeScript: prompts per mode, how to move between modes, what to type after login, how the pager looks,
 * which strings mean the device refused a line, and how to commit/save. Patterns are JavaScript regular
 * expressions, always matched case-insensitively; prompt patterns are tested against the last line of
 * output only (after ANSI codes, backspaces and carriage returns are applied), so `^` and `$` are that line.
 */

function isValidRegex(source: string): string | undefined {
  try {
    new RegExp(source, 'i');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const regexSource = z
  .string()
  .min(1)
  .superRefine((source, ctx) => {
    const problem = isValidRegex(source);
    if (problem !== undefined)
      ctx.addIssue({ code: 'custom', message: `not a valid regular expression (${problem})` });
  });

const name = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a lower-case name: letters, digits, _ and -');

/** An interactive question a command may ask, and what to type back. */
const answerSchema = z
  .strictObject({
    prompt: regexSource,
    /** Literal text to send (an empty string sends just a return). */
    answer: z.string().optional(),
    /** Send a credential instead of literal text; never logged. */
    secret: z.enum(['password', 'enableSecret']).optional(),
  })
  .refine((a) => (a.answer === undefined) !== (a.secret === undefined), {
    message: 'give exactly one of `answer` or `secret`',
  });

const stepSchema = z.strictObject({
  command: z.string().min(1),
  answers: z.array(answerSchema).default([]),
  /** Output lines matching any of these mean the step failed (in addition to the platform's failures). */
  failures: z.array(regexSource).default([]),
  /** When set, the step failed unless its output matches this. */
  success: regexSource.optional(),
});

const modeSchema = z.strictObject({
  name,
  /** The prompt of this mode; a named group `base` (the hostname part) lets sessions ignore look-alikes. */
  prompt: regexSource,
});

const transitionSchema = stepSchema.extend({ from: name, to: name });

const configSchema = z.strictObject({
  /** The mode config lines are typed in (sub-modes such as `(config-if)#` must match its prompt too). */
  mode: name,
  /**
   * How the running config is written, for the push dry run: `indented` blocks under parent lines
   * (IOS, NX-OS, IOS XR, EOS) or `set` statements (Junos; a brace-form config is converted first).
   */
  style: z.enum(['indented', 'set']).default('indented'),
  /** Steps that make the change take effect (`commit`); run after the lines, before leaving config mode. */
  commit: z.array(stepSchema).default([]),
  /** Steps that throw away uncommitted lines when a line is rejected (`rollback 0`, `abort`). */
  abort: z.array(stepSchema).default([]),
  /** Steps that persist the running config (`copy running-config startup-config`), run after leaving config. */
  save: z.array(stepSchema).default([]),
  /** True when commit already persists the change (Junos, IOS XR): `save` then adds nothing. */
  commitSaves: z.boolean().default(false),
});

const telnetSchema = z.strictObject({
  usernamePrompt: regexSource,
  passwordPrompt: regexSource,
  /** Output meaning the login was refused. */
  failures: z.array(regexSource).default([]),
});

export const platformFileSchema = z
  .strictObject({
    name,
    description: z.string().optional(),
    /** Other names that select this platform (older or marketing names of the same OS). */
    aliases: z.array(name).default([]),
    /** `shell`: interactive PTY (network OSes); `exec`: one SSH exec channel per command (plain Linux). */
    channel: z.enum(['shell', 'exec']),
    /** Checked in order: put the most specific prompt (config) first. */
    modes: z.array(modeSchema).min(1),
    /** The mode commands run in; reached right after login. */
    defaultMode: name,
    transitions: z.array(transitionSchema).default([]),
    /** Typed once in the default mode after login (paging off, width); a rejection is logged, not fatal. */
    onOpen: z.array(z.string().min(1)).default([]),
    pager: z.strictObject({ prompt: regexSource, answer: z.string() }).optional(),
    /** Output lines that mean the device rejected a command or config line. */
    failures: z.array(regexSource).default([]),
    /** How many leading output lines are searched for `failures` (errors come right after the echo). */
    failureScanLines: z.number().int().min(1).max(1000).default(5),
    /** Lines at the end of output that belong to the prompt, not the output (Junos `[edit]`). */
    trailingLines: z.array(regexSource).default([]),
    /** For `exec` channels: exit codes that mean the command was rejected (126, 127 on a shell). */
    failureExitCodes: z.array(z.number().int()).default([]),
    config: configSchema.optional(),
    /** The read-only command that prints the running configuration. */
    showConfig: z.string().min(1).optional(),
    telnet: telnetSchema.optional(),
  })
  .superRefine((file, ctx) => {
    const modes = file.modes.map((m) => m.name);
    const check = (mode: string, path: (string | number)[]) => {
      if (!modes.includes(mode)) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `unknown mode "${mode}" (modes: ${modes.join(', ')})`,
        });
      }
    };
    const seen = new Set<string>();
    file.modes.forEach((m, i) => {
      if (seen.has(m.name))
        ctx.addIssue({ code: 'custom', path: ['modes', i, 'name'], message: 'duplicate mode' });
      seen.add(m.name);
    });
    check(file.defaultMode, ['defaultMode']);
    file.transitions.forEach((t, i) => {
      check(t.from, ['transitions', i, 'from']);
      check(t.to, ['transitions', i, 'to']);
    });
    if (file.config) check(file.config.mode, ['config', 'mode']);
  });

export type PlatformFile = z.infer<typeof platformFileSchema>;
export type PlatformStep = z.infer<typeof stepSchema>;
export type PlatformAnswer = z.infer<typeof answerSchema>;
export type PlatformTransition = z.infer<typeof transitionSchema>;
