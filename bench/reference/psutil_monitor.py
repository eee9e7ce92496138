"""Reference monitor for the benchmarks, built the way the original Python package works.

    psutil_monitor.py --sleep 1 --out DIR [--healthcheck 10] NAME [NAME ...]

Finds each daemon by its exact process name, and every descendant of it, then runs one thread per
process: sample with psutil (cpu_percent(interval=None), memory_full_info(), num_fds(),
io_counters()), write one CSV row (KB, 2 decimals, flushed), sleep --sleep, repeat. A health-check
thread rescans every --healthcheck seconds and starts threads for processes it has not seen. It is
a cost reference, not a product: no restarts, no child naming beyond the PID.

Exits on SIGTERM/SIGINT, or when stdin reaches end of file (the benchmark's lifeline).
"""
import argparse
import csv
import os
import signal
import sys
import threading
import time

try:
    import psutil
except ImportError:
    sys.exit('psutil_monitor: psutil is missing')

HEADER = ['Daemon', 'Version', 'Timestamp', 'PID', 'CPU(%)', 'VMS(KB)', 'RSS(KB)', 'USS(KB)',
          'PSS(KB)', 'SWAP(KB)', 'FD', 'Read_Ops', 'Write_Ops', 'Disk_Read(KB)', 'Disk_Written(KB)']
stop = threading.Event()
seen = set()
seen_lock = threading.Lock()


def kb(value):
    return round(value / 1024, 2)


def watch(process, name, sleep, out):
    with open(os.path.join(out, '%s_%d.csv' % (name, process.pid)), 'w', newline='') as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        while not stop.is_set():
            try:
                # Separate calls, no oneshot(): as the original does.
                cpu = process.cpu_percent(interval=None)
                memory = process.memory_full_info()
                fds = process.num_fds()
                io = process.io_counters()
            except psutil.Error:
                return
            writer.writerow([name, '', time.strftime('%Y/%m/%d %H:%M:%S'), process.pid, cpu,
                             kb(memory.vms), kb(memory.rss), kb(memory.uss), kb(memory.pss),
                             kb(memory.swap), fds, io.read_count, io.write_count,
                             kb(io.read_bytes), kb(io.write_bytes)])
            file.flush()
            stop.wait(sleep)


def scan(names, sleep, out):
    for process in psutil.process_iter(['name']):
        if process.info['name'] not in names:
            continue
        try:
            parent = process.parent()
            if parent is not None and parent.name() in names:
                continue  # A child of a daemon: reached through its root below.
            tree = [process] + process.children(recursive=True)
        except psutil.Error:
            continue
        for member in tree:
            with seen_lock:
                if member.pid in seen:
                    continue
                seen.add(member.pid)
            threading.Thread(target=watch, args=(member, process.info['name'], sleep, out), daemon=True).start()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('names', nargs='+')
    parser.add_argument('--sleep', type=float, default=1.0)
    parser.add_argument('--healthcheck', type=float, default=10.0)
    parser.add_argument('--out', required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    names = set(args.names)

    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    def lifeline():
        sys.stdin.read()
        stop.set()

    threading.Thread(target=lifeline, daemon=True).start()
    scan(names, args.sleep, args.out)
    print('started %d' % len(seen), flush=True)
    while not stop.wait(args.healthcheck):
        scan(names, args.sleep, args.out)


main()
