"""The coordinator's decisions (a plain object here; a Ray actor in a job)."""
import time

from sporax._ps.coordinator import Coordinator


def test_ranks_in_joining_order_or_as_asked():
    c = Coordinator(server_num=2, worker_num=2, heartbeat_timeout=30, join_timeout=60)
    assert c.join("MS_WORKER", 11, 2, 2, wanted=1) == 1
    assert c.join("MS_WORKER", 12, 2, 2) == 0
    assert [c.join("MS_PSERVER", pid, 2, 2) for pid in (21, 22)] == [0, 1]
    assert c.state() == ("running", "")


def test_done_when_every_worker_finished():
    c = Coordinator(1, 2, 30, 60)
    for pid in (1, 2):
        c.join("MS_WORKER", pid, 1, 2)
    c.join("MS_PSERVER", 3, 1, 2)
    c.finish("MS_WORKER", 0)
    assert c.state()[0] == "running"
    c.finish("MS_WORKER", 1)
    assert c.state() == ("done", "")
    assert c.unfinished_servers() == [0]


def test_a_silent_member_fails_the_job_naming_it():
    c = Coordinator(1, 1, heartbeat_timeout=0.2, join_timeout=60)
    c.join("MS_PSERVER", 41, 1, 1)
    c.join("MS_WORKER", 42, 1, 1)
    time.sleep(0.3)
    c.beat("MS_PSERVER", 0)
    status, message = c.state()
    assert status == "failed" and message.startswith("worker 0 (pid 42) has not answered for")


def test_inconsistent_role_variables_fail_the_job():
    c = Coordinator(1, 1, 30, 60)
    assert c.join("MS_WORKER", 7, 1, 2) == -1
    assert c.state() == ("failed", "a worker (pid 7) was started with MS_SERVER_NUM=1, MS_WORKER_NUM=2, but the "
                                   "scheduler has MS_SERVER_NUM=1, MS_WORKER_NUM=1")


def test_one_member_too_many_fails_the_job():
    c = Coordinator(1, 1, 30, 60)
    assert c.join("MS_WORKER", 1, 1, 1) == 0
    assert c.join("MS_WORKER", 2, 1, 1) == -1
    assert c.state() == ("failed", "more workers joined than MS_WORKER_NUM=1 (pid 2 is one too many)")


def test_members_that_never_join_fail_the_job_after_the_join_timeout():
    c = Coordinator(2, 1, 30, join_timeout=0.1)
    c.join("MS_PSERVER", 1, 2, 1)
    time.sleep(0.2)
    assert c.state() == ("failed", "only 1 of MS_SERVER_NUM=2 servers joined in time")


def test_a_reported_failure_wins_over_done():
    c = Coordinator(1, 1, 30, 60)
    c.join("MS_WORKER", 1, 1, 1)
    c.fail("worker 0 raised ValueError: bad")
    c.finish("MS_WORKER", 0)
    assert c.state() == ("failed", "worker 0 raised ValueError: bad")
