"""Fleet process for machines without a C compiler: same arguments and behaviour as bench/native/hog.c.

    <interpreter symlinked as wazuh-analysisd> hog.py <mb> <fds> [<mb>:<fds>x<count> ...]

Children fork before any memory is touched (nothing shared copy-on-write); "ready <n>" is printed
once every process is set up. Each process exits when its parent goes away, checked every second
(Python has no portable way to ask for PR_SET_PDEATHSIG).
"""
import mmap
import os
import sys
import time


def shape(mb, fds):
    kept = []
    if mb > 0:
        memory = mmap.mmap(-1, mb << 20)
        if hasattr(memory, 'madvise') and hasattr(mmap, 'MADV_NOHUGEPAGE'):
            memory.madvise(mmap.MADV_NOHUGEPAGE)
        for offset in range(0, mb << 20, 4096):
            memory[offset] = 1
        kept.append(memory)
    for _ in range(fds):
        kept.append(os.open('/dev/null', os.O_RDONLY))
    return kept


def sleep_while_parent(parent):
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def main():
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    import signal
    # Children that die are reaped by the kernel: none lingers as a zombie in /proc.
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    grandparent = os.getppid()
    me = os.getpid()
    read_end, write_end = os.pipe()
    children = 0
    for spec in sys.argv[3:]:
        size, _, rest = spec.partition(':')
        fds, _, count = rest.partition('x')
        for _ in range(int(count or 1)):
            if os.fork() == 0:
                os.close(read_end)
                kept = shape(int(size), int(fds))
                os.write(write_end, b'+')
                os.close(write_end)
                sleep_while_parent(me)
                del kept
            children += 1
    os.close(write_end)
    seen = 0
    while seen < children:
        got = os.read(read_end, children - seen)
        if not got:
            sys.exit('hog: a child died before it was ready')
        seen += len(got)
    kept = shape(int(sys.argv[1]), int(sys.argv[2]))
    print('ready %d' % (children + 1), flush=True)
    sleep_while_parent(grandparent)
    del kept


main()
