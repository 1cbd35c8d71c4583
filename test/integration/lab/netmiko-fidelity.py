"""Drives lab devices with Debian's Netmiko, as an independent client would.

Reads a JSON list of devices on stdin; for each (in parallel threads) connects, runs the show
command, pushes the config lines and saves or commits the way Netmiko does for that device_type;
prints one JSON object with a result per device. Used by netmiko.test.ts.
"""
import json
import sys
from concurrent.futures import ThreadPoolExecutor

from netmiko import ConnectHandler


def drive(dev):
    result = {"name": dev["name"]}
    conn = None
    try:
        conn = ConnectHandler(
            device_type=dev["device_type"],
            host="127.0.0.1",
            port=dev["port"],
            username=dev["username"],
            password=dev["password"],
            secret=dev["secret"],
            timeout=30,
            banner_timeout=20,
            auth_timeout=20,
        )
        result["prompt"] = conn.find_prompt()
        result["show"] = conn.send_command(dev["show"])
        save = dev["save"]
        if save == "save_config":
            conn.enable()
            result["config"] = conn.send_config_set(dev["config"])
            result["saved"] = conn.save_config()
        elif save == "commit":
            # IOS XR stays in config mode after send_config_set; Junos leaves it (keeping its shared
            # candidate) and commit() goes back in. Both are Netmiko's own behaviour.
            result["config"] = conn.send_config_set(dev["config"])
            result["saved"] = conn.commit()
            conn.exit_config_mode()
        else:
            # Netmiko has no save for linux: send_config_set runs `sudo su`, the lines, then `exit`.
            result["config"] = conn.send_config_set(dev["config"])
        result["after"] = conn.find_prompt()
        result["ok"] = True
    except Exception as error:  # noqa: BLE001 - reported to the test, which shows it
        result["ok"] = False
        result["error"] = "{}: {}".format(type(error).__name__, error)
    finally:
        if conn is not None:
            conn.disconnect()
    return result


def main():
    devices = json.load(sys.stdin)
    with ThreadPoolExecutor(max_workers=len(devices) or 1) as pool:
        results = list(pool.map(drive, devices))
    json.dump({r["name"]: r for r in results}, sys.stdout)


if __name__ == "__main__":
    main()
