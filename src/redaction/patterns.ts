import type { GroupRef } from './schema.js';

/**
 * The built-in redaction rules. Each masks only the secret value (capture groups), so an engineer
 * still sees what is configured: `enable secret 9 <redacted>`, `key 7 <redacted>`.
 *
 * Every pattern must stay linear on large output: each rule is anchored at a line start or at a
 * literal keyword, uses no nested quantifiers, and its context checks are bounded. Rules that look
 * back for a parent block (`aaa-server-block-key`) do so only after the whole line has matched.
 */

export interface BuiltInRule {
  id: string;
  description: string;
  pattern: string;
  flags: string;
  replace: readonly GroupRef[];
}

const raw = String.raw;

/**
 * A secret value, as two capture groups: inside double quotes (Junos, NX-OS), or one bare token.
 * A bare token stops before a `;` that ends a Junos statement, so `"…";` and `public;` keep their `;`.
 */
const VALUE = raw`(?:"([^"\n]*)"|(\S+?)(?=;?(?:\s|$)))`;
const VALUE_GROUPS = [1, 2] as const;

/** Shell and ini files also quote with single quotes: three groups (double, single, bare). */
const SHELL_VALUE = raw`(?:"([^"\n]*)"|'([^'\n]*)'|(\S+?)(?=;?(?:\s|$)))`;

/** Optional encryption type between a keyword and its value: `5`, `7`, `10`, `encrypted`, `sha512`. */
const TYPE = raw`(?:[ \t]+(?:[0-9]{1,2}|encrypted|clear|sha512))?`;

/**
 * A config line up to a keyword that may sit after other words (`neighbor 192.0.2.2 password …`).
 * Prose that merely mentions the keyword is left alone: descriptions, ACL remarks and banners,
 * `!` comments, quoted text, and command echoes (`r1#show run | include password`,
 * `user@r1> show configuration | match secret`, `$ grep password …`).
 */
const CONFIG_LINE = raw`^(?![ \t]*(?:\d+[ \t]+)?(?:description|remark|banner|alias)\b)[ \t]*(?:[^\s!#|>$"][^\n#|>$"]*?[ \t])?`;

/** Words that follow `password` in settings about passwords, not in passwords. */
const NOT_A_SECRET = raw`(?!(?:strength-check|encryption|policy|history|max-length|min-length|secure-mode)\b)`;

/** Block headers whose indented ` key …` child is the shared secret (IOS, IOS XR). */
const AAA_BLOCK = raw`(?:tacacs[ \t]+server|radius[ \t]+server|tacacs-server[ \t]+host|radius-server[ \t]+host|server-private)`;

/**
 * How far back (in lines) a ` key` line looks for its AAA block header: real blocks put the key
 * within a few lines of the header, and the bound keeps a flood of ` key` lines linear.
 */
const AAA_BLOCK_LINES = 12;

function rule(id: string, description: string, pattern: string, replace: readonly GroupRef[] = VALUE_GROUPS) {
  return { id, description, pattern, flags: 'm', replace };
}

const PRIVATE_KEYS: BuiltInRule[] = [
  rule(
    'private-key',
    'PEM and OpenSSH private key blocks: every line between BEGIN and END (or to the end when cut off)',
    raw`-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[^\n]*\n([\s\S]*?)(?=\n?[ \t]*-----END [A-Z0-9 ]*PRIVATE KEY|(?![\s\S]))`,
    [1],
  ),
];

const LOGIN_SECRETS: BuiltInRule[] = [
  rule(
    'enable-secret',
    'Cisco/Arista `enable secret|password [level N] [type] <value>`',
    raw`^[ \t]*enable[ \t]+(?:secret|password)(?:[ \t]+level[ \t]+\d+)?${TYPE}[ \t]+${VALUE}`,
  ),
  rule(
    'username-secret',
    '`username <name> … secret|password [type] <value>` (IOS, NX-OS, EOS)',
    raw`^[ \t]*username[ \t]+\S+[^\n]*?[ \t](?:secret|password)${TYPE}[ \t]+${VALUE}`,
  ),
  rule(
    'secret',
    'other `secret [type] <value>` settings (IOS XR `secret 10`, Junos `secret "…"`, EOS `aaa root secret`)',
    raw`${CONFIG_LINE}secret${TYPE}[ \t]+${VALUE}`,
  ),
  rule(
    'password',
    'other `password [type] <value>` settings (lines, BGP neighbors, IOS XR `password encrypted`, IS-IS)',
    raw`${CONFIG_LINE}(?:area-|domain-)?password${TYPE}[ \t]+${NOT_A_SECRET}${VALUE}`,
  ),
  rule('encrypted-password', 'Junos `encrypted-password "…"`', raw`\bencrypted-password[ \t]+${VALUE}`),
];

const SNMP_SECRETS: BuiltInRule[] = [
  rule(
    'snmp-community',
    '`snmp-server community <name>` and Junos `set snmp community <name>`',
    raw`^[ \t]*(?:snmp-server|set[ \t]+snmp)[ \t]+community(?:[ \t]+(?:[0-9]|encrypted|clear))?[ \t]+${VALUE}`,
  ),
  rule(
    'junos-snmp-community',
    'Junos `community <name> {` inside `snmp { … }` (policy communities have `members` and are kept)',
    raw`^[ \t]*community[ \t]+(?:"([^"\n]*)"|([^\s";{}]+))(?=[ \t]*[{;])`,
  ),
  rule(
    'snmp-host-community',
    '`snmp-server host <addr> [traps|informs] [version …] [vrf …] <community>`',
    raw`^[ \t]*snmp-server[ \t]+host[ \t]+\S+(?:[ \t]+(?:informs|traps|version[ \t]+(?:1|2c|3[ \t]+(?:auth|noauth|priv))|vrf[ \t]+\S+|use-vrf[ \t]+\S+))*[ \t]+(?!(?:informs|traps|version|vrf|use-vrf|filter-vrf|source-interface|udp-port)\b)${VALUE}`,
  ),
  rule(
    'snmp-user-auth',
    'SNMPv3 `snmp-server user … auth md5|sha <key>`',
    raw`^[ \t]*snmp-server[ \t]+user[ \t][^\n]*?[ \t]auth[ \t]+(?:md5|sha\S*)[ \t]+${VALUE}`,
  ),
  rule(
    'snmp-user-priv',
    'SNMPv3 `snmp-server user … priv [des|3des|aes [128]] <key>`',
    raw`^[ \t]*snmp-server[ \t]+user[ \t][^\n]*?[ \t]priv(?:[ \t]+(?:3des|des|aes(?:-?(?:128|192|256))?)(?:[ \t]+(?:128|192|256))?)?[ \t]+${VALUE}`,
  ),
];

const KEYS: BuiltInRule[] = [
  rule(
    'aaa-server-key',
    '`tacacs-server|radius-server [host …] key <key>`, `server-private … key <key>`, `client … server-key <key>`',
    raw`^[ \t]*(?:tacacs-server|radius-server|server-private|client)\b[^\n]*?[ \t](?:server-)?key${TYPE}[ \t]+${VALUE}`,
  ),
  rule(
    'aaa-server-block-key',
    '` key <key>` inside `tacacs server`, `radius server`, `tacacs-server host`, `server-private` blocks',
    raw`^[ \t]+key${TYPE}[ \t]+${VALUE}(?<=^[ \t]*${AAA_BLOCK}[ \t][^\n]*\n(?:[ \t]+[^\n]*\n){0,${AAA_BLOCK_LINES}}?[^\n]*)`,
  ),
  rule(
    'key-string',
    '`key-string [type] <key>` (key chains, HSRP `authentication md5 key-string`)',
    raw`${CONFIG_LINE}key-string(?:[ \t]+(?:[0-9]|encrypted|clear|password))?[ \t]+${VALUE}`,
  ),
  rule(
    'pre-shared-key',
    '`pre-shared-key [local|remote|ascii-text] [address … key] <key>`, `pre-share key <key>`',
    raw`${CONFIG_LINE}(?:pre-shared-key|pre-share[ \t]+key)(?:[ \t]+(?:local|remote|ascii-text|hexadecimal|password))?(?:[ \t]+(?:address|hostname)[^\n]*?[ \t]key)?${TYPE}[ \t]+${VALUE}`,
  ),
  rule(
    'isakmp-key',
    '`crypto isakmp key [type] <key> address|hostname …`',
    raw`^[ \t]*crypto[ \t]+isakmp[ \t]+key${TYPE}[ \t]+${VALUE}`,
  ),
  rule(
    'authentication-key',
    '`authentication-key [N [type] md5 [value]] [type] <key>` (OSPF, NTP, IS-IS, Junos BGP)',
    raw`${CONFIG_LINE}(?:[a-z]+-)?authentication-key(?:[ \t]+\d+(?:[ \t]+type)?[ \t]+(?:md5|sha1|sha256|sha-1)(?:[ \t]+value)?)?${TYPE}[ \t]+${VALUE}`,
  ),
  rule(
    'message-digest-key',
    '`message-digest-key N md5 [type] <key>` (OSPF)',
    raw`${CONFIG_LINE}message-digest-key[ \t]+\d+[ \t]+md5${TYPE}[ \t]+${VALUE}`,
  ),
];

const HASHES: BuiltInRule[] = [
  rule('junos-secret-9', 'Junos `$9$…` encrypted strings, wherever they appear', raw`\$9\$[^\s";]+`, [0]),
  rule(
    'crypt-hash',
    'crypt(3) hashes such as `$1$…$…`, `$6$…$…`, `$y$…$…`, wherever they appear',
    raw`\$[0-9a-z]{1,6}\$[^\s$:";]+\$[^\s:";]+`,
    [0],
  ),
  rule(
    'shadow-hash',
    '/etc/shadow password hashes (modern `$…` and 13-character DES)',
    raw`^[A-Za-z_][A-Za-z0-9_.-]*\$?:(!*(?:\$[^\s:]+|[./0-9A-Za-z]{13}))(?=:\d*:)`,
    [1],
  ),
  {
    ...rule(
      'key-value-secret',
      '`PASSWORD=…`, `api_key = …`, `export TOKEN=…` lines (env and ini files on Linux hosts)',
      raw`^[ \t]*(?:export[ \t]+)?[A-Za-z0-9_.-]*(?:password|passwd|passphrase|secret|token|api[_-]?key|private[_-]?key|psk)[A-Za-z0-9_.-]*[ \t]*=[ \t]*${SHELL_VALUE}`,
      [1, 2, 3],
    ),
    flags: 'mi',
  },
];

/** In order: a later rule sees the earlier masks, and masking a mask changes nothing. */
export const BUILT_IN_RULES: readonly BuiltInRule[] = [
  ...PRIVATE_KEYS,
  ...LOGIN_SECRETS,
  ...SNMP_SECRETS,
  ...KEYS,
  ...HASHES,
];
