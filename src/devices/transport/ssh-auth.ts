import { readFile } from 'node:fs/promises';
import type { AnyAuthMethod, AuthHandlerMiddleware, KeyboardInteractiveCallback } from 'ssh2';
import { NetrunError } from '../../errors.js';
import type { Credentials } from '../../inventory/types.js';

/**
 * Which authentication methods to try, in order: the private key, then the password, then the same
 * password through keyboard-interactive (many NOSes with AAA offer only that). Methods the server does
 * not list are skipped.
 */

export interface AuthMaterial {
  username: string;
  password?: string;
  privateKey?: Buffer;
  passphrase?: string;
}

export async function readAuthMaterial(credentials: Credentials, host: string): Promise<AuthMaterial> {
  const username = credentials.username ?? '';
  let privateKey: Buffer | undefined;
  if (credentials.privateKeyFile !== undefined) {
    try {
      privateKey = await readFile(credentials.privateKeyFile);
    } catch (error) {
      throw new NetrunError(
        'FILE_UNREADABLE',
        `cannot read the private key file ${credentials.privateKeyFile} for ${host}`,
        { cause: error },
      );
    }
  }
  return { username, password: credentials.password, privateKey, passphrase: credentials.passphrase };
}

/** Answer every keyboard-interactive question with the password (netrun never types anything else there). */
export function answerWithPassword(password: string) {
  return (
    _name: string,
    _instructions: string,
    _lang: string,
    prompts: unknown[],
    finish: KeyboardInteractiveCallback,
  ) => finish(prompts.map(() => password));
}

export function authMethods(material: AuthMaterial): AnyAuthMethod[] {
  const { username, password, privateKey, passphrase } = material;
  const methods: AnyAuthMethod[] = [];
  if (privateKey) methods.push({ type: 'publickey', username, key: privateKey, passphrase });
  if (password !== undefined) {
    methods.push({ type: 'password', username, password });
    methods.push({ type: 'keyboard-interactive', username, prompt: answerWithPassword(password) });
  }
  if (methods.length === 0) methods.push({ type: 'none', username });
  return methods;
}

export function createAuthHandler(methods: readonly AnyAuthMethod[]): AuthHandlerMiddleware {
  const queue = [...methods];
  return (authsLeft, _partialSuccess, next) => {
    while (queue.length > 0) {
      const method = queue.shift()!;
      // authsLeft is null before the first attempt: the server has not said what it accepts yet.
      if (!authsLeft || authsLeft.includes(method.type)) {
        next(method);
        return;
      }
    }
    (next as unknown as (auth: false) => void)(false);
  };
}
