import type { AnyAuthMethod } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { authMethods, createAuthHandler } from '../../../../src/devices/transport/ssh-auth.js';

function drive(methods: AnyAuthMethod[], rounds: (string[] | null)[]) {
  const handler = createAuthHandler(methods);
  return rounds.map((left) => {
    let chosen: unknown;
    handler(left as never, false, (m) => {
      chosen = m;
    });
    return chosen === false ? false : (chosen as AnyAuthMethod).type;
  });
}

describe('authentication order', () => {
  it('tries key, then password, then keyboard-interactive', () => {
    const methods = authMethods({ username: 'u', password: 'p', privateKey: Buffer.from('k') });
    expect(methods.map((m) => m.type)).toEqual(['publickey', 'password', 'keyboard-interactive']);
  });

  it('skips what the server does not offer and gives up when nothing is left', () => {
    const methods = authMethods({ username: 'u', password: 'p' });
    expect(drive(methods, [null, ['keyboard-interactive'], ['keyboard-interactive']])).toEqual([
      'password',
      'keyboard-interactive',
      false,
    ]);
  });

  it('answers every keyboard-interactive prompt with the password', () => {
    const [, ki] = authMethods({ username: 'u', password: 's3cret' });
    let answers: string[] = [];
    (ki as { prompt: (...a: unknown[]) => void }).prompt(
      '',
      '',
      '',
      [{ prompt: 'Password: ' }, { prompt: 'Token: ' }],
      (a: string[]) => {
        answers = a;
      },
    );
    expect(answers).toEqual(['s3cret', 's3cret']);
  });

  it('with no secrets, offers "none"', () => {
    expect(authMethods({ username: 'u' }).map((m) => m.type)).toEqual(['none']);
  });
});
