"""Print the environment protocol a worker sees."""
import os

for name in ("RANK_ID", "RANK_SIZE", "MS_WORKER_NUM", "MS_SCHED_HOST", "MS_SCHED_PORT", "MS_NODE_ID", "MS_ROLE",
             "DEVICE_ID", "MS_TOPO_TIMEOUT"):
    print(f"{name}={os.environ.get(name)}")
