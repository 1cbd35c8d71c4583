import type { ConnectionOptions, Host } from '../../../src/inventory/types.js';

/** A resolved Host for tests, with short timeouts (the inventory's defaults are for real networks). */
type TestHostInput = Partial<Omit<Host, 'connection'>> &
  Pick<Host, 'name' | 'platform' | 'port'> & { connection?: Partial<ConnectionOptions> };

export function testHost(partial: TestHostInput): Host {
  const { connection, credentials, ...rest } = partial;
  return {
    address: '127.0.0.1',
    transport: 'ssh',
    groups: [],
    concurrencyCaps: [],
    data: {},
    ...rest,
    credentials: { ...credentials },
    connection: {
      connectTimeoutMs: 3000,
      commandTimeoutMs: 5000,
      hostTimeoutMs: 30_000,
      legacyAlgorithms: false,
      keepaliveIntervalMs: 0,
      hostKeyCheck: 'off',
      ...connection,
    },
  };
}

/** The rejection of a promise that must fail. */
export async function failureOf(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected the promise to reject');
}
