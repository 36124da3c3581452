"""Create/read/update/archive/delete of every resource, Location headers, optimistic locking, audit."""
from harness import expect_status
from world import day

_n = [0]


def unique(prefix):
    _n[0] += 1
    return f"{prefix} {_n[0]}"


def crud_cycle(world, base, create_body, patch_body, archivable, as_role="owner"):
    s = world.sessions[as_role]
    r = expect_status(s.post(base, create_body), 201)
    rec = r.json
    assert isinstance(rec.get("id"), int), f"id must be an integer: {rec}"
    assert r.header("location") == f"{base}/{rec['id']}", f"Location {r.header('location')!r}"
    assert rec["version"] == 1, rec
    for k, v in create_body.items():
        if k != "password":
            assert k in rec, f"{k} missing from the created record"
    assert "password" not in rec and "password_hash" not in rec and "search_text" not in rec, rec
    got = expect_status(s.get(r.header("location")), 200).json
    assert got == rec, f"GET after create differs:\n{got}\n{rec}"

    upd = expect_status(s.patch(f"{base}/{rec['id']}", {**patch_body, "version": 1}), 200).json
    assert upd["version"] == 2, upd
    for k, v in patch_body.items():
        assert upd[k] == v, f"{k}: {upd[k]!r} != {v!r}"

    # A stale version answers 409 and changes nothing.
    stale = s.patch(f"{base}/{rec['id']}", {**create_body_first_text(create_body), "version": 1})
    expect_status(stale, 409, "conflict")
    assert expect_status(s.get(f"{base}/{rec['id']}"), 200).json == upd, "a stale PATCH changed the record"
    # PATCH without a version: 400 with fields.version.
    r = expect_status(s.patch(f"{base}/{rec['id']}", dict(patch_body)), 400, "validation_failed")
    assert "version" in r.fields(), r

    expect_status(s.delete(f"{base}/{rec['id']}"), 204)
    after = s.get(f"{base}/{rec['id']}")
    if archivable:
        after = expect_status(after, 200).json
        assert after["archived_at"], f"DELETE must archive: {after}"
        listed = expect_status(s.get(base, query={"limit": 1000}), 200).json
        assert rec["id"] not in [i["id"] for i in listed["items"]], "archived record still listed"
        listed = expect_status(s.get(base, query={"archived": "true", "limit": 1000}), 200).json
        assert rec["id"] in [i["id"] for i in listed["items"]], "archived=true must list it"
        r = s.patch(f"{base}/{rec['id']}", {**patch_body, "version": after["version"]})
        expect_status(r, 409, "conflict")
        expect_status(s.delete(f"{base}/{rec['id']}"), 204)  # archiving twice changes nothing
        again = expect_status(s.get(f"{base}/{rec['id']}"), 200).json
        assert again["version"] == after["version"], "second archive changed the record"
    else:
        expect_status(after, 404, "not_found")
        expect_status(s.delete(f"{base}/{rec['id']}"), 404, "not_found")
    return rec


def create_body_first_text(body):
    for k, v in body.items():
        if isinstance(v, str) and k not in ("email", "password", "date", "starts_on", "code", "role",
                                            "direction", "status", "inn", "kpp"):
            return {k: v + " (stale)"}
    return {}


def run(t, world):
    ids = world.ids
    u = world.users

    def audit_trail(entity, rec_id, actions):
        r = expect_status(world.sessions["owner"].get("/api/v1/audit", query={"entity": entity, "id": rec_id}), 200)
        got = [i["action"] for i in reversed(r.json["items"])]
        assert got == actions, f"audit actions {got} != {actions}"
        assert r.json["total"] == len(actions)
        for item in r.json["items"]:
            assert item["user_id"] == u["owner"]["id"], item
            assert item["request_id"], item

    def clients():
        rec = crud_cycle(world, "/api/v1/clients",
                         {"name": unique("ООО Тест"), "inn": "500100732259", "status": "lead",
                          "tags": ["seo", "vip", "seo"], "account_manager_id": u["manager"]["id"]},
                         {"name": "ООО Тест обновлён", "status": "active"}, True)
        assert rec["tags"] == ["seo", "vip"], f"tags must be de-duplicated: {rec['tags']}"
        audit_trail("clients", rec["id"], ["create", "update", "archive"])
    t.run("clients: POST 201 + Location, GET, PATCH, stale 409, DELETE archives, audit", clients)

    def contacts():
        rec = crud_cycle(world, "/api/v1/contacts",
                         {"client_id": ids["client_own"], "name": unique("Иван Петров"),
                          "email": "Ivan@Example.RU", "is_primary": True},
                         {"position": "директор", "is_primary": False}, True)
        assert rec["email"] == "ivan@example.ru", rec["email"]
        audit_trail("contacts", rec["id"], ["create", "update", "archive"])
    t.run("contacts: full cycle, email lower-cased, audit", contacts)

    def employees():
        rec = crud_cycle(world, "/api/v1/employees",
                         {"email": "temp.worker@agency.test", "name": unique("Временный"),
                          "role": "specialist", "password": "temporary-pass-1",
                          "group_id": ids["group_own"]},
                         {"position": "SEO", "cost_rate_kopecks": 150000}, True)
        # An archived employee cannot sign in: the same answer as a wrong password.
        r = world.session().login("temp.worker@agency.test", "temporary-pass-1")
        expect_status(r, 401, "unauthenticated")
        audit = expect_status(world.sessions["owner"].get(
            "/api/v1/audit", query={"entity": "employees", "id": rec["id"]}), 200).json
        dumped = str(audit)
        assert "temporary-pass-1" not in dumped and "argon2" not in dumped, "audit leaks the password"
    t.run("employees: full cycle, archived employee cannot sign in, no password in audit", employees)

    def groups():
        crud_cycle(world, "/api/v1/groups", {"name": unique("Группа"), "direction": "smm"},
                   {"name": "Группа SMM"}, False)
        # A group with members cannot be deleted; it stays.
        r = world.sessions["owner"].delete(f"/api/v1/groups/{ids['group_own']}")
        assert r.status in (400, 409), f"deleting a group in use: {r!r}"
        expect_status(world.sessions["owner"].get(f"/api/v1/groups/{ids['group_own']}"), 200)
    t.run("groups: full cycle (DELETE deletes), group in use is refused", groups)

    def service_types():
        crud_cycle(world, "/api/v1/service-types",
                   {"code": "smm-test", "name": unique("Таргет"), "direction": "smm",
                    "planning_rate_kopecks": 180000},
                   {"name_en": "Targeted ads", "planning_rate_kopecks": 190000}, True)
        r = world.sessions["owner"].post("/api/v1/service-types", {
            "code": "seo", "name": "Duplicate", "direction": "seo", "planning_rate_kopecks": 1})
        expect_status(r, 409, "conflict")
    t.run("service types: full cycle, duplicate code → 409", service_types)

    def services():
        rec = crud_cycle(world, "/api/v1/services",
                         {"client_id": ids["client_own"], "service_type_id": ids["type_own"],
                          "name": unique("Техподдержка"), "monthly_fee_kopecks": 1500000,
                          "starts_on": day(30), "specialist_id": u["specialist"]["id"]},
                         {"monthly_fee_kopecks": 1750000, "ends_on": day(-30)}, True)
        audit_trail("services", rec["id"], ["create", "update", "archive"])
    t.run("services: full cycle, audit", services)

    def time_entries():
        rec = crud_cycle(world, "/api/v1/time-entries",
                         {"service_id": ids["service_own"], "date": day(1), "duration_minutes": 45,
                          "note": unique("работа")},
                         {"duration_minutes": 50}, False)
        assert rec["user_id"] == u["owner"]["id"], "user_id defaults to the caller"
        assert rec["source"] == "manual", rec
        audit_trail("time_entries", rec["id"], ["create", "update", "delete"])
    t.run("time entries: full cycle (DELETE deletes), user_id defaults to caller, audit", time_entries)

    def rollups():
        rows = world.db.query("SELECT COALESCE(SUM(minutes), 0), COALESCE(SUM(entries), 0) FROM time_rollups")
        sums = world.db.query("SELECT COALESCE(SUM(duration_minutes), 0), COUNT(*) FROM time_entries")
        assert [int(x) for x in rows[0]] == [int(x) for x in sums[0]], f"rollups {rows} != entries {sums}"
    t.run("time rollups agree with the entries after create/update/delete", rollups)

    def optimistic_locking_race():
        s = world.sessions["owner"]
        c = expect_status(s.post("/api/v1/clients", {"name": unique("Гонка")}), 201).json
        a = s.patch(f"/api/v1/clients/{c['id']}", {"note": "first", "version": c["version"]})
        b = s.patch(f"/api/v1/clients/{c['id']}", {"note": "second", "version": c["version"]})
        expect_status(a, 200)
        expect_status(b, 409, "conflict")
        now = expect_status(s.get(f"/api/v1/clients/{c['id']}"), 200).json
        assert now["note"] == "first" and now["version"] == 2, now
    t.run("two writers with the same version: first wins, second 409, record keeps the first", optimistic_locking_race)
