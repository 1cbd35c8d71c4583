export { maskSpan } from './mask.js';
export { parseRedactionConfig, parseRedactionYaml } from './parse-config.js';
export { BUILT_IN_RULES, type BuiltInRule } from './patterns.js';
export { createRedactor, type RedactionRuleInfo, type Redactor, redactText } from './redact.js';
export {
  DEFAULT_MASK,
  type GroupRef,
  type RedactionConfig,
  type RedactionConfigInput,
  type RedactionRule,
  type RedactionRuleInput,
  redactionConfigSchema,
  redactionRuleSchema,
} from './schema.js';
