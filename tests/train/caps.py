"""Time and memory caps for tests that feed sporax hostile input: a regression fails the
test (MemoryError, CapExceeded) instead of hanging CI or filling the machine."""
import contextlib
import resource
import signal

import psutil


class CapExceeded(Exception):
    """The capped code ran past its time."""


@contextlib.contextmanager
def capped(seconds: int = 30, extra_bytes: int = 2 << 30):
    """Run the body with the address space capped at the current size plus `extra_bytes`
    (allocations beyond raise MemoryError) and a wall-clock alarm after `seconds`."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = psutil.Process().memory_info().vms + extra_bytes
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)

    def alarm(signum, frame):
        raise CapExceeded(f"ran past its cap of {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
