# Reads the same PIDs with psutil: CPU over a window, then memory/fd/io at one instant.
import json, sys, time, psutil
pids = [int(p) for p in sys.argv[2:]]
window = float(sys.argv[1])
procs = {pid: psutil.Process(pid) for pid in pids if psutil.pid_exists(pid)}
for p in procs.values(): p.cpu_percent(None)
t0 = time.time(); time.sleep(window); t1 = time.time()
out = {"window": [t0, t1], "at": time.time(), "procs": {}}
for pid, p in procs.items():
    try:
        cpu = p.cpu_percent(None); m = p.memory_full_info(); io = p.io_counters()
        out["procs"][pid] = dict(cpu=cpu, rss=m.rss, uss=m.uss, pss=m.pss, swap=m.swap, vms=m.vms, fd=p.num_fds(),
            read_count=io.read_count, write_count=io.write_count, read_bytes=io.read_bytes, write_bytes=io.write_bytes)
    except psutil.NoSuchProcess: pass
print(json.dumps(out))
