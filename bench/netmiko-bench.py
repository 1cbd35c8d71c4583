"""The seeds' way, for comparison: Netmiko ConnectHandler + ThreadPoolExecutor(max_workers=C) +
send_command, one command per device, as_completed. Run by bench/netmiko.ts with /usr/bin/python3
(Debian's python3-netmiko). Reads a JSON job file; prints one JSON line with the figures.
"""

import json
import resource
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed

from netmiko import ConnectHandler, __version__ as NETMIKO_VERSION


def run_one(device, command):
    """Returns the seconds spent in ConnectHandler, send_command and disconnect."""
    started = time.perf_counter()
    connection = ConnectHandler(**device)
    connected = time.perf_counter()
    try:
        connection.send_command(command)
        commanded = time.perf_counter()
    finally:
        connection.disconnect()
    return (connected - started, commanded - connected, time.perf_counter() - commanded)


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(job_file):
    with open(job_file, encoding="utf-8") as handle:
        job = json.load(handle)
    devices = [
        {
            "device_type": job["device_type"],
            "host": target["address"],
            "port": target["port"],
            "username": job["username"],
            "password": job["password"],
        }
        for target in job["targets"]
    ]
    ok = 0
    errors = Counter()
    phases = [0.0, 0.0, 0.0]
    cpu_start = cpu_seconds()
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=job["concurrency"]) as pool:
        futures = [pool.submit(run_one, device, job["command"]) for device in devices]
        for future in as_completed(futures):
            try:
                for index, seconds in enumerate(future.result()):
                    phases[index] += seconds
                ok += 1
            except Exception as error:  # noqa: BLE001 - every failure is counted, not raised
                errors[f"{type(error).__name__}: {str(error).splitlines()[0][:120] if str(error) else ''}"] += 1
    wall = time.perf_counter() - start
    print(
        json.dumps(
            {
                "netmiko": NETMIKO_VERSION,
                "wall_s": wall,
                "cpu_s": cpu_seconds() - cpu_start,
                "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                "ok": ok,
                "failed": sum(errors.values()),
                "errors": dict(errors.most_common(5)),
                # Mean seconds per successful device in each phase.
                "phases": dict(
                    zip(("connect_s", "command_s", "disconnect_s"), (p / max(ok, 1) for p in phases))
                ),
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main(sys.argv[1])
