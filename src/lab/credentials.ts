/** The lab's fixed credentials (also in the README). Not secrets: the lab only listens on loopback. */
export const LAB_CREDENTIALS = {
  username: 'netrun',
  password: 'netrun-lab',
  enableSecret: 'netrun-enable',
} as const;

/** Environment variables the lab inventory refers to when credentials are not written literally. */
export const LAB_PASSWORD_ENV = 'NETRUN_LAB_PASSWORD';
export const LAB_ENABLE_ENV = 'NETRUN_LAB_ENABLE';

/** Those variables set to the lab's credentials: the environment a lab inventory is read with. */
export const LAB_ENV: Readonly<Record<string, string>> = {
  [LAB_PASSWORD_ENV]: LAB_CREDENTIALS.password,
  [LAB_ENABLE_ENV]: LAB_CREDENTIALS.enableSecret,
};
