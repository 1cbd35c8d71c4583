/**
 * The simulated device lab: SSH and telnet devices on 127.0.0.1 with vendor personalities, faults
 * and knobs, for tests, the demo and benchmarks. See notes/lab-api.md for the contract.
 */
export { LAB_HELP, type LabCommandIO, labHelp, runLabCommand } from './command/lab-command.js';
export { LAB_CREDENTIALS, LAB_ENABLE_ENV, LAB_ENV, LAB_PASSWORD_ENV } from './credentials.js';
export { startLab } from './lab.js';
export { labPlatforms } from './personality/load.js';
export { labDeviceSpecs } from './specs.js';
export {
  type InventoryYamlOptions,
  LAB_FAULTS,
  type Lab,
  type LabDevice,
  type LabDeviceHandle,
  type LabDeviceSpec,
  type LabFault,
  type LabHostKey,
  type LabStats,
  type StartLabOptions,
} from './types.js';
