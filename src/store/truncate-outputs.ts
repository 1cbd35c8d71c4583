import type { CommandOutput } from '../engine/types.js';

/** Per device, across all its commands: enough for any `show` worth reading, small enough for 10,000 devices. */
export const MAX_OUTPUT_BYTES_PER_DEVICE = 64 * 1024;

/** Starts every marker, so a reader (or a test) can tell a cut output from a complete one. */
export const TRUNCATION_MARKER = '[… output truncated by netrun';

export interface TruncatedOutputs {
  outputs: CommandOutput[];
  truncated: boolean;
}

/**
 * Keeps each device's outputs within one byte budget, in command order: the first commands keep
 * their text, a command that crosses the limit is cut on a character boundary and marked, and later
 * ones keep only the marker. Bytes, not characters, because the budget is about disk space.
 */
export function truncateOutputs(
  outputs: readonly CommandOutput[],
  maxBytes = MAX_OUTPUT_BYTES_PER_DEVICE,
): TruncatedOutputs {
  let budget = maxBytes;
  let truncated = false;
  const kept = outputs.map(({ command, output }) => {
    const bytes = Buffer.byteLength(output, 'utf8');
    if (bytes <= budget) {
      budget -= bytes;
      return { command, output };
    }
    truncated = true;
    const head = cutToBytes(output, budget);
    budget = 0;
    return { command, output: `${head}${marker(Buffer.byteLength(head, 'utf8'), bytes, maxBytes)}` };
  });
  return { outputs: kept, truncated };
}

function marker(keptBytes: number, totalBytes: number, maxBytes: number): string {
  const newline = keptBytes > 0 ? '\n' : '';
  return `${newline}${TRUNCATION_MARKER}: kept ${keptBytes} of ${totalBytes} bytes; the limit is ${maxBytes} bytes per device]`;
}

/** The longest prefix of `text` whose UTF-8 form fits in `maxBytes`, never splitting a character. */
export function cutToBytes(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return '';
  const encoded = Buffer.from(text, 'utf8');
  if (encoded.length <= maxBytes) return text;
  let end = maxBytes;
  // Step back over continuation bytes (10xxxxxx) to the start of the character that would be split.
  while (end > 0 && (encoded[end]! & 0xc0) === 0x80) end -= 1;
  return encoded.subarray(0, end).toString('utf8');
}
