"""Rank 1 joins the job and is killed by SIGKILL; the others block in a collective forever."""
import os
import signal
import sys
import time


from sporax.communication import comm_func, get_rank, init

out_dir = sys.argv[1]
init()
with open(os.path.join(out_dir, f"pid_{get_rank()}"), "w") as f:
    f.write(str(os.getpid()))
print(f"rank {get_rank()} ready", flush=True)
if get_rank() == 1:
    time.sleep(1.0)
    print("rank 1 about to die", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
comm_func.barrier()  # waits for rank 1, which never comes
time.sleep(600)
