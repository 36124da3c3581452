"""The timer lives on the server (issue 9, item 2): it survives another browser, keeps counting
until its time is saved or discarded, and a failed save loses nothing."""
from harness import expect_status


def run(t, world):
    ids = world.ids

    def timer_round_trip():
        phone = world.sign_in("specialist@agency.test", name="specialist-phone")
        laptop = world.sign_in("specialist@agency.test", name="specialist-laptop")
        expect_status(laptop.delete("/api/v1/timer"), 204)
        assert expect_status(laptop.get("/api/v1/timer"), 200).json["state"] == "idle"
        started = expect_status(phone.post("/api/v1/timer/start", {"service_id": ids["service_own"],
                                                                     "note": "аудит"}), 200).json
        assert started["state"] == "running" and started["service_id"] == ids["service_own"], started
        # Another device sees the same running timer.
        seen = expect_status(laptop.get("/api/v1/timer"), 200).json
        assert seen["state"] == "running" and seen["started_at"] == started["started_at"], seen
        # A service outside the caller's scope is refused and the timer stays as it was.
        bad = phone.post("/api/v1/timer/start", {"service_id": ids["service_foreign"]})
        expect_status(bad, 400, "validation_failed")
        assert expect_status(laptop.get("/api/v1/timer"), 200).json["service_id"] == ids["service_own"]
        stopped = expect_status(laptop.post("/api/v1/timer/stop", {}), 200).json
        assert stopped["state"] == "stopped" and stopped["started_at"] is None, stopped
        again = expect_status(phone.post("/api/v1/timer/start", {}), 200).json  # continue
        assert again["state"] == "running" and again["seconds"] >= stopped["seconds"], again
        # A save that fails (no minutes counted yet, or too many) keeps the timer.
        expect_status(phone.post("/api/v1/timer/save", {"duration_minutes": 5000}), 400, "validation_failed")
        assert expect_status(phone.get("/api/v1/timer"), 200).json["state"] == "running"
        before = int(world.db.query(f"SELECT COUNT(*) FROM time_entries WHERE user_id = "
                                    f"{world.users['specialist']['id']}")[0][0])
        saved = expect_status(laptop.post("/api/v1/timer/save", {"duration_minutes": 25}), 201)
        entry = saved.json
        assert entry["source"] == "timer" and entry["duration_minutes"] == 25, entry
        assert entry["service_id"] == ids["service_own"] and entry["note"] == "аудит", entry
        assert saved.header("location") == f"/api/v1/time-entries/{entry['id']}", saved.headers
        after = int(world.db.query(f"SELECT COUNT(*) FROM time_entries WHERE user_id = "
                                   f"{world.users['specialist']['id']}")[0][0])
        assert after == before + 1
        assert expect_status(phone.get("/api/v1/timer"), 200).json["state"] == "idle"
        expect_status(phone.post("/api/v1/timer/save", {"duration_minutes": 5}), 409, "conflict")
        expect_status(phone.post("/api/v1/timer/stop", {}), 409, "conflict")
        # Discard: the time is dropped on purpose.
        expect_status(phone.post("/api/v1/timer/start", {"service_id": ids["service_own"]}), 200)
        expect_status(phone.delete("/api/v1/timer"), 204)
        assert expect_status(laptop.get("/api/v1/timer"), 200).json["state"] == "idle"
        expect_status(phone.post("/api/v1/timer/start", {"service_id": "x"}), 400, "validation_failed")
        expect_status(phone.post("/api/v1/timer/start", {"colour": "red"}), 400, "validation_failed")
        expect_status(world.sessions["sales"].get("/api/v1/timer"), 403, "forbidden")
    t.run("the timer is the person's own on the server: another device sees it; stop, continue, save as a "
          "time entry (one transaction), discard; a failed save keeps it", timer_round_trip)
