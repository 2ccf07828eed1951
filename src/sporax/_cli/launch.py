"""`sporax launch` (also installed as `msrun`): start a distributed job's worker processes.

msrun's options and environment protocol: each worker runs `task_script` (through
`sporax run`, so `import mindspore` is served by sporax) with `RANK_ID`, `RANK_SIZE`,
`MS_WORKER_NUM`, `MS_SCHED_HOST`, `MS_SCHED_PORT`, `MS_NODE_ID`, `MS_ROLE=MS_WORKER`,
`DEVICE_ID` (its local index), and writes `worker_<rank>.log` in `--log_dir`. Rank 0's
process hosts JAX's coordination service at `master_addr:master_port` (msrun's
scheduler), so no separate scheduler process exists.

With `--join True` the launcher supervises: when a worker exits with an error, the others
are stopped (SIGTERM, then SIGKILL after a grace period, whole process groups), and the
launcher exits non-zero, naming the worker and the last lines of its log.
"""
from __future__ import annotations

import argparse
import ast
import collections
import os
import signal
import socket
import subprocess
import sys
import threading
import time

_POLL_SECONDS = 0.1
_GRACE_SECONDS = 5.0
_TAIL_LINES = 20


def _bool(value: str) -> bool:
    parsed = ast.literal_eval(value) if value in ("True", "False") else None
    if parsed is None:
        raise argparse.ArgumentTypeError(f"expected True or False, got {value!r}")
    return parsed


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """msrun's options (names, defaults and meanings), plus `--ps --server_num`."""
    parser.add_argument("--worker_num", type=int, default=8,
                        help="the total number of worker processes of the job (default 8)")
    parser.add_argument("--local_worker_num", type=int, default=8,
                        help="the number of worker processes started on this node (default 8)")
    parser.add_argument("--master_addr", default="127.0.0.1",
                        help="the address of rank 0's node, which hosts the coordination service")
    parser.add_argument("--master_port", type=int, default=8118,
                        help="the port of the coordination service (1024-65535)")
    parser.add_argument("--node_rank", type=int, default=-1,
                        help="this node's index: its workers get ranks node_rank*local_worker_num + i")
    parser.add_argument("--log_dir", default="", help="where worker_<rank>.log files are written")
    parser.add_argument("--join", type=_bool, default=False, choices=[True, False],
                        help="wait for the workers, stop them all when one fails, and return the job's result")
    parser.add_argument("--cluster_time_out", type=int, default=600,
                        help="seconds the workers wait for each other to join the job")
    parser.add_argument("--worker_log_name", default="",
                        help="log file name stem (default 'worker'); {ip} and {hostname} are replaced")
    parser.add_argument("--tail_worker_log", default="-1",
                        help="with --join True, copy these workers' logs to the console (-1: all; e.g. '0,1')")
    parser.add_argument("--ps", action="store_true", help="parameter-server training (servers on Ray)")
    parser.add_argument("--server_num", type=int, default=1, help="with --ps: the number of servers")
    parser.add_argument("task_script", help="the script every worker runs")
    parser.add_argument("task_script_args", nargs=argparse.REMAINDER, help="the script's arguments")


def _fail(message: str) -> None:
    raise ValueError(f"launch: {message}")


def validate(args) -> None:
    if args.worker_num < 1:
        _fail(f"argument '--worker_num' must be >= 1, got {args.worker_num}.")
    if not 1 <= args.local_worker_num <= args.worker_num:
        _fail(f"argument '--local_worker_num' must be in [1, worker_num={args.worker_num}], "
              f"got {args.local_worker_num}.")
    if not 1024 <= args.master_port <= 65535:
        _fail(f"argument '--master_port' must be in [1024, 65535], got {args.master_port}.")
    if args.node_rank < 0 and args.local_worker_num != args.worker_num:
        _fail(f"argument '--node_rank' must be given when this node starts {args.local_worker_num} of "
              f"{args.worker_num} workers (the nodes' rank ranges are fixed by it).")
    nodes = -(-args.worker_num // args.local_worker_num)
    if args.node_rank >= nodes:
        _fail(f"argument '--node_rank' must be in [0, {nodes - 1}] for {args.worker_num} workers of "
              f"{args.local_worker_num} per node, got {args.node_rank}.")
    if not os.path.isfile(args.task_script):
        _fail(f"task_script {args.task_script!r} is not a file.")
    if args.ps and args.server_num < 1:
        _fail(f"argument '--server_num' must be >= 1, got {args.server_num}.")


def _log_stem(name: str) -> str:
    if not name:
        return "worker"
    hostname = socket.gethostname()
    try:
        ip = socket.gethostbyname(hostname)
    except OSError:
        ip = "127.0.0.1"
    return name.replace("{ip}", ip).replace("{hostname}", hostname)


def worker_environment(base: dict, rank: int, local_rank: int, args) -> dict:
    """The environment protocol MindSpore scripts read, for one worker."""
    env = dict(base)
    env.update({
        "MS_WORKER_NUM": str(args.worker_num), "RANK_SIZE": str(args.worker_num),
        "MS_SCHED_HOST": args.master_addr, "MS_SCHED_PORT": str(args.master_port),
        "MS_TOPO_TIMEOUT": str(args.cluster_time_out), "MS_ROLE": "MS_WORKER",
        "MS_NODE_ID": str(rank), "RANK_ID": str(rank), "DEVICE_ID": str(local_rank),
        "MS_LOCAL_RANK": str(local_rank), "MS_LOCAL_WORKER_NUM": str(args.local_worker_num),
    })
    return env


class _Worker:
    def __init__(self, rank, log_path, process, log_file):
        self.rank, self.log_path, self.process, self.log_file = rank, log_path, process, log_file

    def last_lines(self, count=_TAIL_LINES) -> list[str]:
        try:
            with open(self.log_path, errors="replace") as log:
                return list(collections.deque(log, maxlen=count))
        except OSError:
            return []


def _stop(workers) -> None:
    """SIGTERM every live worker's process group, then SIGKILL what is left after the grace period."""
    alive = [w for w in workers if w.process.poll() is None]
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for worker in alive:
            try:
                os.killpg(worker.process.pid, sig)
            except (ProcessLookupError, PermissionError):
                pass
        deadline = time.monotonic() + (_GRACE_SECONDS if sig == signal.SIGTERM else 10.0)
        while time.monotonic() < deadline and any(w.process.poll() is None for w in alive):
            time.sleep(_POLL_SECONDS)
        alive = [w for w in alive if w.process.poll() is None]
        if not alive:
            break
    for worker in workers:
        # Descendants that outlived their worker (still in its group): gone too.
        try:
            os.killpg(worker.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        worker.log_file.close()


def _tail(workers, stop_event):
    """Copy new lines of `workers`' logs to the console, prefixed by rank, until `stop_event`."""
    def copy():
        positions = {w.rank: 0 for w in workers}
        while True:
            done = stop_event.is_set()
            for worker in workers:
                try:
                    with open(worker.log_path, errors="replace") as log:
                        log.seek(positions[worker.rank])
                        text = log.read()
                        positions[worker.rank] = log.tell()
                except OSError:
                    continue
                for line in text.splitlines():
                    print(f"[worker {worker.rank}] {line}", flush=True)
            if done:
                return
            time.sleep(0.2)

    thread = threading.Thread(target=copy, daemon=True)
    thread.start()
    return thread


def _tail_selection(value: str):
    """msrun's --tail_worker_log: -1 (every worker), or a comma-separated list of ranks."""
    if value.strip() == "-1":
        return None
    try:
        return {int(v) for v in value.split(",") if v.strip()}
    except ValueError:
        _fail(f"argument '--tail_worker_log' must be -1 or a comma-separated list of ranks, got {value!r}.")


def launch(args) -> int:
    """Start this node's workers; with `join`, supervise them and return the job's exit code."""
    validate(args)
    if args.ps:
        return _launch_ps(args)
    log_dir = os.path.abspath(args.log_dir or ".")
    os.makedirs(log_dir, exist_ok=True)
    stem = _log_stem(args.worker_log_name)
    node_rank = max(args.node_rank, 0)
    first = node_rank * args.local_worker_num
    ranks = range(first, min(first + args.local_worker_num, args.worker_num))
    workers = []
    for local_rank, rank in enumerate(ranks):
        log_path = os.path.join(log_dir, f"{stem}_{rank}.log")
        log_file = open(log_path, "w")
        command = [sys.executable, "-u", "-m", "sporax.cli", "run", args.task_script, *args.task_script_args]
        process = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   env=worker_environment(os.environ, rank, local_rank, args),
                                   start_new_session=True)
        workers.append(_Worker(rank, log_path, process, log_file))
        print(f"Start worker process with rank id:{rank}, log file:{log_path}. "
              f"Environment variable [RANK_ID={rank}] is exported.", flush=True)
    if not args.join:
        for worker in workers:
            worker.log_file.close()
        return 0
    return supervise(workers, _tail_selection(args.tail_worker_log))


def supervise(workers, tail_selection=None) -> int:
    """Wait for every worker; the first failure stops the rest. Returns 0 or the failing code."""
    stop_event = threading.Event()
    tailed = [w for w in workers if tail_selection is None or w.rank in tail_selection]
    tail = _tail(tailed, stop_event) if tailed else None
    failed = None
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    for s in previous:
        signal.signal(s, interrupted)
    try:
        while True:
            codes = [(w, w.process.poll()) for w in workers]
            failed = next(((w, c) for w, c in codes if c not in (None, 0)), None)
            if failed is not None or all(c == 0 for _, c in codes):
                break
            time.sleep(_POLL_SECONDS)
    except KeyboardInterrupt:
        _stop(workers)
        stop_event.set()
        print("launch: interrupted; every worker was stopped.", file=sys.stderr)
        return 130
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    _stop(workers)
    stop_event.set()
    if tail is not None:
        tail.join(timeout=2.0)
    if failed is None:
        return 0
    worker, code = failed
    reason = f"signal {-code}" if code < 0 else f"exit code {code}"
    lines = "".join(worker.last_lines()).rstrip()
    print(f"launch: worker {worker.rank} failed with {reason}; the other workers were stopped.\n"
          f"Last lines of {worker.log_path}:\n{lines}", file=sys.stderr, flush=True)
    return code if code > 0 else 1


def _launch_ps(args) -> int:
    try:
        from .._ps import launcher as ps_launcher
    except ImportError:
        _fail("'--ps' needs sporax's parameter-server package (sporax._ps), which this installation lacks.")
    log_dir = os.path.abspath(args.log_dir or ".")
    os.makedirs(log_dir, exist_ok=True)
    return ps_launcher.launch_ps(args.task_script, list(args.task_script_args), args.server_num, args.worker_num,
                                 args.master_addr, args.master_port, log_dir, args.cluster_time_out)


def msrun_main(argv=None) -> int:
    """The `msrun` console script."""
    parser = argparse.ArgumentParser(prog="msrun", description="Start a distributed sporax/MindSpore job.",
                                     allow_abbrev=False)
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        return launch(args)
    except ValueError as error:
        print(f"msrun: error: {error}", file=sys.stderr)
        return 2
