/** The lab as a netrun inventory (notes/inventory-format.md): groups by platform, plus role groups. */
import { Document, Scalar } from 'yaml';
import { LAB_CREDENTIALS, LAB_ENABLE_ENV, LAB_PASSWORD_ENV } from './credentials.js';
import { getPersonality } from './personality/load.js';
import type { InventoryYamlOptions, LabDevice, LabDeviceSpec } from './types.js';

const ROLE_GROUPS: Record<string, { description: string; role: string }> = {
  'core-routers': { description: 'Core routers (lab)', role: 'core' },
  'edge-switches': { description: 'Edge switches and routers (lab)', role: 'edge' },
};

/** Sites rotate so target filters such as `site=ams` select a slice of the lab. */
const SITES = ['ams', 'fra', 'lon'];

export function inventoryYaml(
  devices: LabDevice[],
  specs: LabDeviceSpec[],
  options: InventoryYamlOptions = {},
): string {
  const literal = options.literalCredentials === true;
  const groups: Record<string, Record<string, unknown>> = {};
  for (const d of devices) {
    groups[d.platform] ??= {
      description: `${getPersonality(d.platform).description} (lab)`,
      platform: d.platform,
    };
  }
  for (const [name, g] of Object.entries(ROLE_GROUPS))
    groups[name] = { description: g.description, data: { role: g.role } };
  const hosts: Record<string, Record<string, unknown>> = {};
  devices.forEach((d, i) => {
    const spec = specs[i] as LabDeviceSpec;
    const roles = getPersonality(d.platform).roles.filter((r) => r in ROLE_GROUPS);
    const host: Record<string, unknown> = {
      address: d.address,
      port: d.port,
      groups: [d.platform, ...roles],
    };
    if (d.transport === 'telnet') host.transport = 'telnet';
    if (spec.legacyOnly) host.connection = { legacy_algorithms: true };
    host.data = { site: SITES[i % SITES.length], ...(spec.fault ? { lab_fault: spec.fault } : {}) };
    hosts[d.name] = host;
  });
  const doc = {
    defaults: {
      username: LAB_CREDENTIALS.username,
      password: literal ? LAB_CREDENTIALS.password : `\${env:${LAB_PASSWORD_ENV}}`,
      enable_secret: literal ? LAB_CREDENTIALS.enableSecret : `\${env:${LAB_ENABLE_ENV}}`,
      connection: { connect_timeout: 10, command_timeout: 30, host_key_check: 'off' },
    },
    groups,
    hosts,
  };
  const header = [
    `# netrun lab inventory: ${devices.length} simulated devices on 127.0.0.1.`,
    literal
      ? '# Lab credentials are written literally (they are public: see the README).'
      : `# Credentials: export ${LAB_PASSWORD_ENV}=${LAB_CREDENTIALS.password} ${LAB_ENABLE_ENV}=${LAB_CREDENTIALS.enableSecret}`,
    '# host_key_check is off because the lab makes new host keys every time it starts.',
  ];
  const yaml = new Document(doc);
  // Quoted so that YAML 1.1 readers do not take `off` for the boolean false.
  const check = yaml.getIn(['defaults', 'connection', 'host_key_check'], true);
  if (check instanceof Scalar) check.type = Scalar.QUOTE_DOUBLE;
  return `${header.join('\n')}\n${yaml.toString({ lineWidth: 0 })}`;
}
