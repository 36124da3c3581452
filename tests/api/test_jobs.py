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
