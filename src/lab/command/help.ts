import { labPlatforms } from '../personality/load.js';
import { LAB_FAULTS } from '../types.js';

export const LAB_HELP = `Usage: netrun lab --devices N [options]

Runs N simulated network devices on 127.0.0.1 in the foreground, one TCP port each, writes a netrun
inventory for them and prints one line when ready. Ctrl-C (SIGINT) or SIGTERM stops it cleanly.

Options:
  --devices N            how many devices (1 to 10000)
  --platforms LIST       comma-separated personalities, round-robin (default: all, listed below)
  --port-base P          device ports P, P+1, … (default 20000; 0 = any free ports)
  --latency-ms L         delay before the SSH banner and before each command that shows or changes
                         something (paging, enable and mode changes answer at once) (default 0)
  --output-lines N       pad show outputs to about N lines
  --faults SPEC          faulty devices, a comma list of
                           FAULT:COUNT   that many devices (taken from the end of the list) get FAULT
                           FAULT@NAME    the named device gets FAULT
                         e.g. --faults hang:2,auth-reject:1,refuse@ios-003
  --telnet N             serve N more devices (from the end, without faults) over telnet
  --legacy N             N more devices offer only legacy SSH algorithms (ssh-rsa, CBC, SHA-1 kex)
  --inventory-out FILE   where to write the inventory (default lab-inventory.yaml)
  --literal-credentials  write the lab password into the inventory instead of \${env:NETRUN_LAB_PASSWORD}
  --known-hosts-out FILE also write known_hosts lines for the devices' (usual) host keys
  -h, --help             this text

Faults: ${LAB_FAULTS.join(', ')}.
Credentials: user netrun, password netrun-lab, enable secret netrun-enable.
One process holds 10,000 idle devices; to spread busy sessions over CPU cores, run several labs
with distinct --port-base values (e.g. 20000, 25000, …) and one --inventory-out each.`;

/** The help text with the platforms this build knows. */
export function labHelp(): string {
  return `${LAB_HELP}\nPlatforms: ${labPlatforms().join(', ')}.`;
}
