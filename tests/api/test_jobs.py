"""Background jobs (platform/jobs, docs/jobs.md): the server schedules the reminder e-mail as a job
each minute and its runner runs it; GET /api/v1/jobs/{id} shows state, attempts, progress and the
result to whoever started the job and to the owner and heads."""
import time

from harness import Session, expect_status


def run(t, world):
    owner = world.sessions["owner"]

    def reminder_job_ran():
        deadline = time.time() + 20
        job = None
        while time.time() < deadline:
            r = owner.get("/api/v1/jobs/1")
            if r.status == 200 and r.json["status"] in ("done", "failed"):
                job = r.json
                break
            time.sleep(0.3)
        assert job, "the first scheduled job did not finish within 20 s"
        assert job["kind"] == "reminder_digests" and job["status"] == "done", job
        assert job["attempts"] == 1 and job["last_error"] is None, job
        # The suite runs with reminder_digest_hour 24 (never): the job ran and queued nothing.
        assert job["result"] == {"queued": 0}, job
        assert job["started_at"] and job["finished_at"] and job["finished_at"] >= job["started_at"], job
        assert job["progress"] == {"done": 0, "total": None}, job
    t.run("the server schedules the reminder e-mail as a job and its runner finishes it once", reminder_job_ran)

    def who_reads_a_job():
        expect_status(world.sessions["head"].get("/api/v1/jobs/1"), 200)
        # A job nobody in particular started: the owner and heads only; others see no such job.
        for role in ("manager", "specialist", "sales", "accountant", "client"):
            expect_status(world.sessions[role].get("/api/v1/jobs/1"), 404, "not_found")
        expect_status(owner.get("/api/v1/jobs/987654321"), 404, "not_found")
        expect_status(Session(world.port, "jobs-anon").get("/api/v1/jobs/1"), 401)
    t.run("a job is read by whoever started it and by the owner and heads; others get 404", who_reads_a_job)


def run_processes(t, main, db, workdir):
    """Several `retainer serve` processes on one database, after the main server stopped: a job
    of a process killed with SIGKILL is finished by another once its lease runs out, and jobs
    spread over two processes each run exactly once."""
    import json
    import os
    import signal

    from harness import Server

    def servers(*names):
        out = []
        for name in names:
            s = Server(main.binary, main.db_url, workdir, extra_args=["--job-lease", "3"], name=name)
            s.start()
            out.append(s)
        return out

    def probe(seconds, count):
        out = main.cli("jobs", "probe", "--seconds", str(seconds), "--count", str(count))
        assert out.returncode == 0, out.stderr
        return [int(x) for x in out.stdout.split()]

    def job(id_):
        rows = db.query(f"SELECT status, attempts, progress_done, result, lease_owner FROM jobs WHERE id = {id_}")
        status, attempts, done, result, owner = rows[0]
        return {"status": status, "attempts": int(attempts), "done": int(done or 0),
                "result": json.loads(result) if result else None, "owner": owner or None}

    def wait(pred, seconds, what):
        deadline = time.time() + seconds
        while time.time() < deadline:
            v = pred()
            if v:
                return v
            time.sleep(0.2)
        raise AssertionError(f"{what} within {seconds} s")

    def killed_process_job_is_taken_over():
        [first] = servers("jobs-first")
        try:
            [jid] = probe(6, 1)
            running = wait(lambda: (j := job(jid))["status"] == "running" and j["done"] >= 1 and j,
                           30, "the probe is running")
            os.kill(first.proc.pid, signal.SIGKILL)
            first.proc.wait()
        finally:
            first.stop()
        [second] = servers("jobs-second")
        try:
            done = wait(lambda: (j := job(jid))["status"] == "done" and j, 40, "the other process finishes the job")
        finally:
            second.stop()
        assert done["attempts"] == 2, done
        assert done["result"]["worker"] != running["owner"], (done, running)
        assert done["owner"] is None, done
    t.run("a job of a process killed with SIGKILL is finished by another process after its lease", killed_process_job_is_taken_over)

    def two_processes_each_job_once():
        ids = probe(1, 8)
        pair = servers("jobs-a", "jobs-b")
        try:
            wait(lambda: all(job(i)["status"] == "done" for i in ids), 60, "both processes finish 8 probes")
        finally:
            for s in pair:
                s.stop()
        jobs = [job(i) for i in ids]
        assert all(j["attempts"] == 1 for j in jobs), jobs
        workers = {j["result"]["worker"] for j in jobs}
        print(f"    8 probes: {len(workers)} worker(s) ran them: "
              + ", ".join(f"{w.split(':')[1]}×{sum(j['result']['worker'] == w for j in jobs)}" for w in sorted(workers)))
    t.run("two processes on one database run 8 jobs, each exactly once", two_processes_each_job_once)
