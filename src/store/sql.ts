import { isNetrunError, NetrunError } from '../errors.js';

/** Nullable columns become absent properties, so records read back like the objects written. */
export function opt<T>(value: T | null | undefined): T | undefined {
  return value === null ? undefined : value;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

export function fromJson<T>(text: string): T;
export function fromJson<T>(text: string | null): T | undefined;
export function fromJson<T>(text: string | null): T | undefined {
  return text === null ? undefined : (JSON.parse(text) as T);
}

// biome-ignore lint/suspicious/noExplicitAny: a method table of any shape is what this wraps
type Methods = Record<string, (...args: any[]) => any>;

/**
 * Wraps every method so a SQLite failure (busy past the timeout, disk full, a constraint) surfaces
 * as a STORE error naming the operation, with the SQLite error as its cause.
 */
export function guarded<T extends Methods>(area: string, methods: T): T {
  const out: Methods = {};
  for (const [name, method] of Object.entries(methods)) {
    out[name] = (...args: unknown[]) => {
      try {
        return method(...args);
      } catch (error) {
        throw storeError(`${area}.${name}`, error);
      }
    };
  }
  return out as T;
}

export function storeError(operation: string, error: unknown): Error {
  if (isNetrunError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new NetrunError('STORE', `store: ${operation} failed: ${message}`, { cause: error });
}

/** `?, ?, ?` for an IN list of n values. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}
