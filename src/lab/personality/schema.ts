/**
 * The shape of a lab personality file (src/lab/personalities/*.yaml). A personality is data: prompts,
 * modes, commands and their outputs, error strings, paging and config rendering. The engine reads it
 * and knows nothing about any vendor.
 */
import { z } from 'zod';

function isRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

const regex = z.string().refine(isRegex, { message: 'must be a valid regular expression' });

/** A yes/no style question a command asks before it acts (`Destination filename [startup-config]? `). */
export const ConfirmSchema = z.strictObject({
  prompt: z.string(),
  /** Answers that let the command proceed; '' is a bare Enter. */
  accept: z.array(z.string()).min(1),
  rejectText: z.string().optional(),
});

const outcome = z.enum(['commit', 'discard', 'keep', 'stay']);

/** What leaving configuration mode does when a candidate has changes nobody committed. */
export const UncommittedSchema = z.strictObject({
  text: z.string().optional(),
  prompt: z.string(),
  answers: z.record(z.string(), outcome),
  default: outcome,
});

export const ActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('output'), text: z.string() }),
  z.strictObject({
    type: z.literal('show-config'),
    source: z.enum(['running', 'saved', 'candidate', 'pending']),
    format: z.enum(['native', 'set']).default('native'),
    header: z.string().default(''),
  }),
  z.strictObject({ type: z.literal('mode'), to: z.string(), text: z.string().optional() }),
  z.strictObject({
    type: z.literal('elevate'),
    to: z.string(),
    prompt: z.string(),
    secret: z.enum(['enable', 'login', 'either']),
    /** Printed instead of the password prompt when there is no terminal (an exec channel). */
    noTerminalText: z.string().optional(),
    retries: z.number().int().min(1).default(3),
    retryText: z.string().optional(),
    failureText: z.string(),
  }),
  z.strictObject({
    type: z.literal('configure'),
    to: z.string(),
    text: z.string().optional(),
    uncommittedText: z.string().optional(),
  }),
  z.strictObject({ type: z.literal('exit'), uncommitted: UncommittedSchema.optional() }),
  z.strictObject({ type: z.literal('end'), uncommitted: UncommittedSchema.optional() }),
  z.strictObject({ type: z.literal('logout') }),
  z.strictObject({ type: z.literal('paging'), text: z.string().optional() }),
  z.strictObject({ type: z.literal('noop'), text: z.string().optional() }),
  z.strictObject({ type: z.literal('save'), text: z.string() }),
  z.strictObject({
    type: z.literal('commit'),
    text: z.string().default(''),
    noChangesText: z.string().optional(),
    andQuit: z.boolean().default(false),
  }),
  z.strictObject({
    type: z.literal('rollback'),
    text: z.string().optional(),
    exit: z.boolean().default(false),
  }),
  z.strictObject({
    type: z.literal('set'),
    op: z.enum(['set', 'delete']),
    notFoundText: z.string().optional(),
  }),
  z.strictObject({ type: z.literal('edit'), op: z.enum(['push', 'top', 'up']) }),
  z.strictObject({ type: z.literal('run'), mode: z.string() }),
  z.strictObject({ type: z.literal('file'), op: z.enum(['cat', 'touch', 'rm', 'ls']) }),
  z.strictObject({ type: z.literal('echo') }),
  z.strictObject({ type: z.literal('hostname') }),
]);

export const CommandSchema = z.strictObject({
  /** Keywords and arguments: `terminal length <n:int>`, `do <command...>`, `show interfaces <name>`. */
  words: z.string().min(1),
  modes: z.array(z.string()).min(1),
  action: ActionSchema,
  /** Counts as a show/display command for the output faults (default: output and show-config). */
  display: z.boolean().optional(),
  confirm: ConfirmSchema.optional(),
  /** Error printed when run outside a privileged mode (e.g. root-only shell commands). */
  privilegedOnly: z.string().optional(),
});

export const ModeSchema = z.strictObject({
  /** Template: {hostname} {user} {path} {cwd}. */
  prompt: z.string(),
  kind: z.enum(['exec', 'config']).default('exec'),
  /** Where `exit` goes; an exec mode without a parent logs out. */
  parent: z.string().optional(),
  privileged: z.boolean().default(false),
  /** Config modes: first words of the statements this mode stores; `*` accepts any. */
  accept: z.array(z.string()).default([]),
  /** Config statements that open a sub-mode (`interface X` → config-if). */
  blocks: z.array(z.strictObject({ match: regex, mode: z.string() })).default([]),
});

const PipeSchema = z.strictObject({
  words: z.string(),
  op: z.enum(['include', 'exclude', 'begin', 'section', 'count', 'no-more', 'display-set', 'head', 'tail']),
  text: z.string().optional(),
});

const PagerSchema = z.strictObject({
  prompt: z.string(),
  erase: z.enum(['backspace', 'carriage-return']),
  defaultLength: z.number().int().min(0),
});

export const SessionSchema = z.strictObject({
  startMode: z.string(),
  motd: z.string().default(''),
  /** network: `cmd | pipe`; shell: also `;`, `&&`, `>` and `>>` redirections. */
  syntax: z.enum(['network', 'shell']),
  abbreviations: z.boolean(),
  caseInsensitive: z.boolean(),
  /** literal: quotes are ordinary characters; group: quotes group words and are removed. */
  quotes: z.enum(['literal', 'group']),
  blankLineAfterOutput: z.boolean().default(false),
  /** Printed before every display command's output (IOS XR prints a timestamp). */
  displayPreamble: z.string().optional(),
  pager: PagerSchema.nullable(),
  pipes: z.array(PipeSchema).default([]),
});

/** Templates: {caret} is a `^` under the offending word, {token} that word, {input} the line, {command} its first word. */
export const ErrorsSchema = z.strictObject({
  unknown: z.string(),
  /**
   * An unknown first word followed by more words. IOS takes the first word for a host name to telnet
   * to and rejects the second word instead; unset = `unknown`.
   */
  unknownWithArgs: z.string().optional(),
  invalid: z.string(),
  incomplete: z.string(),
  ambiguous: z.string(),
  configInvalid: z.string(),
  notFound: z.string().optional(),
  permissionDenied: z.string().optional(),
});

/** A value read from an interface's statements (`match`), or composed from other fields (`template`). */
const InterfaceFieldSchema = z.union([
  z.strictObject({
    match: regex,
    /** Test the interface's statements (default) or its name. */
    source: z.enum(['statements', 'name']).default('statements'),
    present: z.string().optional(),
    absent: z.string().default(''),
  }),
  z.strictObject({ template: z.string() }),
]);

/** How `show ip interface brief`-style templates find interfaces in the running configuration. */
export const InterfacesSchema = z.strictObject({
  /** Indented configs: matches a top-level block (group 1 = name). Set configs: a line (group 1 = name, group 2 = rest). */
  match: regex,
  abbreviations: z.record(z.string(), z.string()).default({}),
  fields: z.record(z.string(), InterfaceFieldSchema),
});

const IndentedConfigSchema = z.strictObject({
  style: z.literal('indented'),
  commit: z.enum(['immediate', 'candidate']),
  candidateScope: z.enum(['session', 'device']).default('session'),
  indent: z.number().int().min(1),
  /** Printed after every block ('!' on IOS); null = nothing, '' = a blank line. */
  separator: z.string().nullable(),
  footer: z.string().default(''),
  negation: z.string().default('no'),
  default: z.string(),
  singleValue: z.array(z.string()).default([]),
  recordNegation: z.array(z.string()).default([]),
  hostname: regex,
  interfaceNames: z.array(z.string()).default([]),
  padding: z.string(),
});

const SetConfigSchema = z.strictObject({
  style: z.literal('set'),
  commit: z.enum(['immediate', 'candidate']),
  candidateScope: z.enum(['session', 'device']).default('device'),
  default: z.string(),
  /** Token patterns (`*` = any word) whose last word is a single value: setting it again replaces it. */
  singleValue: z.array(z.string()).default([]),
  hostname: regex,
  braces: z.strictObject({
    /** Keywords that take a name and form one node: `unit 0`, `family inet`. */
    pairs: z.array(z.string()),
    /** Keywords whose following words are their value: `host-name r1;`. */
    values: z.array(z.string()),
    indent: z.number().int().min(1).default(4),
  }),
  padding: z.string(),
});

const FilesConfigSchema = z.strictObject({
  style: z.literal('files'),
  commit: z.literal('immediate').default('immediate'),
  candidateScope: z.enum(['session', 'device']).default('session'),
  files: z.array(
    z.strictObject({
      path: z.string().startsWith('/'),
      owner: z.enum(['root', 'user']),
      content: z.string(),
    }),
  ),
  hostnameFile: z.string().startsWith('/'),
  /** Files that make up "the configuration" (runningConfig()), in order. */
  show: z.array(z.string()),
  padding: z.string(),
});

export const ConfigSchema = z.discriminatedUnion('style', [
  IndentedConfigSchema,
  SetConfigSchema,
  FilesConfigSchema,
]);

export const PersonalitySchema = z.strictObject({
  platform: z.string().regex(/^[a-z][a-z0-9_]*$/),
  description: z.string(),
  /** labDeviceSpecs names devices `<namePrefix>-001`. */
  namePrefix: z.string().regex(/^[a-z][a-z0-9-]*$/),
  order: z.number().int(),
  /** Role groups of the lab inventory this platform belongs to (core-routers, edge-switches). */
  roles: z.array(z.string()).default([]),
  facts: z.record(z.string(), z.string()).default({}),
  ssh: z.strictObject({
    ident: z.string(),
    authBanner: z.string().optional(),
    portForwarding: z.boolean().default(false),
    /** Line ending of exec-channel output without a PTY. */
    execNewline: z.string().default('\r\n'),
    /** The whole connection closes when the shell logs out (IOS habit). */
    closeOnLogout: z.boolean().default(true),
  }),
  telnet: z.strictObject({
    preLogin: z.string().default(''),
    usernamePrompt: z.string(),
    passwordPrompt: z.string(),
    failure: z.string(),
  }),
  session: SessionSchema,
  errors: ErrorsSchema,
  modes: z.record(z.string(), ModeSchema),
  commands: z.array(CommandSchema),
  config: ConfigSchema,
  interfaces: InterfacesSchema.optional(),
});

export type Personality = z.infer<typeof PersonalitySchema>;
export type PersonalityCommand = z.infer<typeof CommandSchema>;
export type PersonalityAction = z.infer<typeof ActionSchema>;
export type PersonalityMode = z.infer<typeof ModeSchema>;
export type PersonalityConfig = z.infer<typeof ConfigSchema>;
export type IndentedConfigSpec = z.infer<typeof IndentedConfigSchema>;
export type SetConfigSpec = z.infer<typeof SetConfigSchema>;
export type FilesConfigSpec = z.infer<typeof FilesConfigSchema>;
export type InterfacesSpec = z.infer<typeof InterfacesSchema>;
export type ConfirmSpec = z.infer<typeof ConfirmSchema>;
export type UncommittedSpec = z.infer<typeof UncommittedSchema>;
export type PipeSpec = z.infer<typeof PipeSchema>;
