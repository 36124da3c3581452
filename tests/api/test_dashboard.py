"""Dashboard behaviour: plan vs fact from the rollups, lights, previous period, costs per role,
recommendation and call figures, calls CSV import, gzip, and the service/employee cards.

Works on a client and service of its own (created here), so other suites' entries do not move
the figures it checks.
"""
import datetime
import gzip
import json

from harness import expect_status

FEE = 3_000_000          # 30 000 ₽ a month
RATE = 200_000           # the fixture SEO type: 2 000 ₽ an hour → 900 planned minutes a month
COST_RATE = 100_000      # every fixture employee: 1 000 ₽ an hour


def find_service(dash, service_id):
    for c in dash["clients"]:
        for s in c["services"]:
            if s["id"] == service_id:
                return c, s
    return None, None


def run(t, world):
    owner = world.sessions["owner"]
    u = world.users
    ids = world.ids
    state = {}

    def setup():
        d = expect_status(owner.get("/api/v1/dashboard"), 200).json
        today = datetime.date.fromisoformat(d["today"])
        period = d["period"]
        assert period == today.isoformat()[:7], d
        first = today.replace(day=1)
        prev_last = first - datetime.timedelta(days=1)
        client = world.create("/api/v1/clients", {"name": "ООО Дашборд Тест", "inn": "7736207543",
                                                  "account_manager_id": u["manager"]["id"]})
        svc = world.create("/api/v1/services", {
            "client_id": client["id"], "service_type_id": ids["type_own"], "name": "SEO — Дашборд",
            "specialist_id": u["specialist"]["id"], "account_manager_id": u["manager"]["id"],
            "monthly_fee_kopecks": FEE, "starts_on": prev_last.replace(day=1).isoformat()})
        # Entries are logged for two employees of this suite, so no other suite's time on the same
        # day can hit the 24-hours-a-day limit.
        for alias in ("dash_worker", "dash_helper"):
            u[alias] = world.create("/api/v1/employees", {
                "email": f"{alias}@agency.test", "name": alias, "role": "specialist",
                "group_id": ids["group_own"], "cost_rate_kopecks": COST_RATE, "password": "x" * 12})
        state.update(today=today, period=period, prev_last=prev_last, client=client["id"], svc=svc["id"])
    if not t.run("set-up: a client and a service that started at the start of the previous month", setup):
        return

    def dash(session=owner, period=None):
        r = expect_status(session.get("/api/v1/dashboard", query={"period": period or state["period"]}), 200)
        return r.json

    def entry(minutes, date=None, user="dash_worker"):
        return world.create("/api/v1/time-entries", {
            "service_id": state["svc"], "user_id": u[user]["id"], "date": (date or state["today"]).isoformat(),
            "duration_minutes": minutes, "note": "dashboard check"})

    def empty_service():
        d = dash()
        c, s = find_service(d, state["svc"])
        assert s is not None, "the new service is not on the dashboard"
        assert c["name"] == "ООО Дашборд Тест" and c["account_manager"]["id"] == u["manager"]["id"], c
        assert s["planned_minutes"] == 900, s
        assert s["actual_minutes"] == 0 and s["light"] == "blue", s
        assert s["previous_planned_minutes"] == 900 and s["previous_actual_minutes"] == 0, s
        assert s["specialist"]["id"] == u["specialist"]["id"] and s["specialist"]["name"], s
        assert s["monthly_fee_kopecks"] == FEE and s["fee_kopecks"] == FEE, s
        assert s["expected_minutes"] == round(900 * d["elapsed_share"]) or \
            abs(s["expected_minutes"] - 900 * d["elapsed_share"]) <= 1, (s, d["elapsed_share"])
        assert any(e["id"] == u["specialist"]["id"] for e in d["employees"]), "specialist not in employees"
        assert any(st["id"] == ids["type_own"] for st in d["service_types"]), "type not in service_types"
    t.run("a new service: 900 planned minutes (fee ÷ rate), nothing logged, blue", empty_service)

    def lights_follow_time():
        e1 = entry(480)
        s = find_service(dash(), state["svc"])[1]
        assert (s["actual_minutes"], s["light"]) == (480, "blue"), s
        assert s["overrun_percent"] == -46.7, s
        entry(480)                                   # 960 of 900: 6.7 % over
        s = find_service(dash(), state["svc"])[1]
        assert (s["actual_minutes"], s["light"]) == (960, "yellow"), s
        e3 = entry(240)                              # 1200 of 900: 33 % over
        s = find_service(dash(), state["svc"])[1]
        assert (s["actual_minutes"], s["light"]) == (1200, "red"), s
        assert s["labour_cost_kopecks"] == 1200 * COST_RATE // 60, s
        assert s["margin_kopecks"] == FEE - 1200 * COST_RATE // 60, s
        r = owner.delete(f"/api/v1/time-entries/{e3['id']}")
        expect_status(r, 204)
        s = find_service(dash(), state["svc"])[1]
        assert (s["actual_minutes"], s["light"]) == (960, "yellow"), f"after delete: {s}"
        state["e1"] = e1
    t.run("time entries move actual minutes and the light: blue → yellow → red, delete brings it back",
          lights_follow_time)

    def previous_period_and_moves():
        e = entry(600, date=state["prev_last"], user="dash_helper")
        d = dash()
        s = find_service(d, state["svc"])[1]
        assert (s["previous_actual_minutes"], s["previous_light"]) == (600, "blue"), s
        assert s["actual_minutes"] == 960, s
        prev = dash(period=d["previous_period"])
        ps = find_service(prev, state["svc"])[1]
        assert ps["actual_minutes"] == 600 and ps["planned_minutes"] == 900, ps
        # Moving the entry into this month moves its minutes between the rollups.
        r = owner.patch(f"/api/v1/time-entries/{e['id']}",
                        {"date": state["today"].isoformat(), "version": e["version"]})
        expect_status(r, 200)
        s = find_service(dash(), state["svc"])[1]
        assert (s["previous_actual_minutes"], s["actual_minutes"]) == (0, 1560), s
        r = owner.patch(f"/api/v1/time-entries/{e['id']}",
                        {"duration_minutes": 60, "version": r.json["version"]})
        expect_status(r, 200)
        s = find_service(dash(), state["svc"])[1]
        assert s["actual_minutes"] == 1020, s
        expect_status(owner.delete(f"/api/v1/time-entries/{e['id']}"), 204)
        assert find_service(dash(), state["svc"])[1]["actual_minutes"] == 960
    t.run("previous period figures; moving and resizing an entry updates both months", previous_period_and_moves)

    def totals_add_up():
        d = dash()
        services = [s for c in d["clients"] for s in c["services"]]
        assert d["totals"]["services"] == len(services), d["totals"]
        assert d["totals"]["clients"] == len(d["clients"]), d["totals"]
        assert d["totals"]["actual_minutes"] == sum(s["actual_minutes"] for s in services)
        assert d["totals"]["turnover_kopecks"] == sum(s["fee_kopecks"] for s in services)
        assert d["totals"]["margin_kopecks"] == sum(s["margin_kopecks"] for s in services)
    t.run("totals are the sums of the services shown", totals_add_up)

    def costs_hidden_for_manager_and_specialist():
        for role in ("manager", "specialist"):
            d = dash(world.sessions[role])
            assert d["costs_visible"] is False, role
            s = find_service(d, state["svc"])[1]
            assert s is not None, f"{role} does not see the service of their own client"
            assert s["labour_cost_kopecks"] is None and s["margin_kopecks"] is None, (role, s)
            assert s["actual_minutes"] == 960, (role, s)
        d = dash(world.sessions["accountant"])
        assert d["costs_visible"] is True and find_service(d, state["svc"])[1]["labour_cost_kopecks"] > 0
        d = dash(world.sessions["specialist2"] if "specialist2" in world.sessions else world.sign_in(
            "specialist2@agency.test", name="specialist2"))
        assert find_service(d, state["svc"])[1] is None, "a specialist of another group sees the service"
    t.run("labour cost and margin only for owner/head/accountant; other specialists do not see it",
          costs_hidden_for_manager_and_specialist)

    def recommendation_figures():
        today = state["today"]
        world.create("/api/v1/recommendations", {
            "client_id": state["client"], "title": "Переписать тексты категорий", "status": "sent",
            "sent_on": (today - datetime.timedelta(days=10)).isoformat(),
            "due_on": (today - datetime.timedelta(days=1)).isoformat()})
        world.create("/api/v1/recommendations", {
            "client_id": state["client"], "title": "Ускорить загрузку", "status": "approved",
            "sent_on": (today - datetime.timedelta(days=10)).isoformat(),
            "due_on": (today - datetime.timedelta(days=2)).isoformat(),
            "approved_on": (today - datetime.timedelta(days=3)).isoformat()})
        world.create("/api/v1/recommendations", {"client_id": state["client"], "title": "Черновик"})
        c = find_service(dash(), state["svc"])[0]
        assert c["recommendations"] == {"count": 3, "approved_on_time": 1, "overdue": 1}, c["recommendations"]
    t.run("recommendations: count, approved on time, overdue", recommendation_figures)

    def calls_import():
        today = state["today"].isoformat()
        csv_text = ("\ufeffstarted_at;direction;status;duration_seconds;phone;employee_email;client_id;external_id\r\n"
                    f"{today} 10:00;входящий;принят;125;+7 900 000-00-01;manager@agency.test;{state['client']};dash-1\r\n"
                    f"{today}T08:00:00Z;out;missed;0;+7 900 000-00-01;;{state['client']};dash-2\r\n")
        headers = {"Content-Type": "text/csv"}
        r = expect_status(owner.post("/api/v1/calls/import", raw=csv_text, headers=headers), 200)
        assert r.json == {"imported": 2, "skipped_duplicates": 0}, r.json
        c = find_service(dash(), state["svc"])[0]
        assert c["calls"] == {"count": 2, "minutes": 3}, c["calls"]
        assert c["last_contact_on"] == today, c
        r = expect_status(owner.post("/api/v1/calls/import", raw=csv_text, headers=headers), 200)
        assert r.json == {"imported": 0, "skipped_duplicates": 2}, r.json
        before = expect_status(owner.get("/api/v1/calls", query={"client_id": state["client"]}), 200).json["total"]
        bad = ("started_at;direction;status;client_id\n"
               f"{today} 11:00;in;answered;{state['client']}\n"
               f"yesterday;sideways;maybe;{state['client']}\n")
        r = expect_status(owner.post("/api/v1/calls/import", raw=bad, headers=headers), 400, "validation_failed")
        assert set(r.fields()) == {"row 3.started_at", "row 3.direction", "row 3.status"}, r.fields()
        after = expect_status(owner.get("/api/v1/calls", query={"client_id": state["client"]}), 200).json["total"]
        assert before == after == 2, (before, after)
        r = expect_status(owner.post("/api/v1/calls/import", raw="when;who\n1;2\n", headers=headers), 400)
        assert "header" in r.fields(), r.fields()
    t.run("calls CSV import: figures and last contact, duplicates skipped, a bad row writes nothing",
          calls_import)

    def gzip_when_accepted():
        plain = owner.get("/api/v1/dashboard", query={"period": state["period"]})
        packed = owner.get("/api/v1/dashboard", query={"period": state["period"]},
                           headers={"Accept-Encoding": "gzip"})
        expect_status(packed, 200)
        assert packed.header("content-encoding") == "gzip", packed.headers
        assert plain.header("content-encoding") is None
        assert json.loads(gzip.decompress(packed.body)) == plain.json
        assert len(packed.body) < len(plain.body) / 3, (len(packed.body), len(plain.body))
        me = owner.get("/api/v1/auth/me", headers={"Accept-Encoding": "gzip"})
        assert me.header("content-encoding") is None, "auth answers carry the CSRF token: never compressed"
        assert owner.get("/api/v1/dashboard", headers={"Accept-Encoding": "gzip;q=0"}).header(
            "content-encoding") is None
    t.run("JSON is gzip-compressed when accepted (not auth answers, not q=0)", gzip_when_accepted)

    def bad_periods():
        for bad in ("2026-13", "2026-1", "abc", "2026-11-01"):
            r = expect_status(owner.get("/api/v1/dashboard", query={"period": bad}), 400, "validation_failed")
            assert "period" in r.fields(), (bad, r.fields())
    t.run("a malformed period is a 400 naming the field", bad_periods)

    def service_card_history():
        r = expect_status(owner.get(f"/api/v1/services/{state['svc']}/plan-fact", query={"months": 3}), 200)
        months = r.json["months"]
        assert [m["period"] for m in months][-1] == state["period"] and len(months) == 3, months
        assert months[-1]["actual_minutes"] == 960 and months[-1]["light"] == "yellow", months[-1]
        assert months[0]["planned_minutes"] == 0, "the service had not started three months ago"
        spec2 = world.sign_in("specialist2@agency.test", name="specialist2-card")
        expect_status(spec2.get(f"/api/v1/services/{state['svc']}/plan-fact"), 404, "not_found")
        expect_status(owner.get(f"/api/v1/services/{state['svc']}/plan-fact", query={"months": 0}), 400)
        m = expect_status(world.sessions["manager"].get(f"/api/v1/services/{state['svc']}/plan-fact"), 200).json
        assert m["months"][-1]["labour_cost_kopecks"] is None
        # Issue 9: the card says who spent the month's hours, and what they cost to cost roles.
        people = r.json["people"]
        assert r.json["people_period"] == state["period"], r.json
        assert sum(x["minutes"] for x in people) == 960, people
        assert [x["minutes"] for x in people] == sorted((x["minutes"] for x in people), reverse=True), people
        assert all(x["labour_cost_kopecks"] == x["minutes"] * COST_RATE // 60 for x in people), people
        assert all(x["labour_cost_kopecks"] is None for x in m["people"]), m["people"]
        assert {"projected_minutes", "projected_light"} <= set(months[-1]), months[-1]
        # Opened on a past period, the card shows that period's people.
        past = expect_status(owner.get(f"/api/v1/services/{state['svc']}/plan-fact",
                                       query={"to": months[0]["period"], "months": 1}), 200).json
        assert past["people_period"] == months[0]["period"] and past["people"] == [], past
    t.run("service card: 12-month plan/fact history with who spent the hours, scoped, costs hidden from "
          "managers", service_card_history)

    def employee_card_load():
        sid = u["specialist"]["id"]
        r = expect_status(owner.get(f"/api/v1/employees/{sid}/load", query={"period": state["period"]}), 200)
        row = next((s for s in r.json["services"] if s["id"] == state["svc"]), None)
        assert row and row["assigned"] and row["planned_minutes"] == 900, row
        assert row["actual_minutes"] == 0 and row["service_actual_minutes"] == 960, row
        w = expect_status(owner.get(f"/api/v1/employees/{u['dash_worker']['id']}/load"), 200).json
        wrow = next(s for s in w["services"] if s["id"] == state["svc"])
        assert (wrow["assigned"], wrow["planned_minutes"], wrow["actual_minutes"]) == (False, 0, 960), wrow
        assert w["totals"] == {"planned_minutes": 0, "actual_minutes": 960}, w["totals"]
        own = expect_status(world.sessions["specialist"].get(f"/api/v1/employees/{sid}/load"), 200)
        assert own.json["employee"]["id"] == sid
        expect_status(world.sessions["specialist"].get(f"/api/v1/employees/{u['owner']['id']}/load"), 404)
    t.run("employee card: planned vs own minutes per service; a specialist reads only their own",
          employee_card_load)

    def cache_key_normalised():
        # No period is the current period: both spellings share one cached payload.
        head = world.sessions["head"]
        built = expect_status(head.get("/api/v1/dashboard"), 200)
        again = expect_status(head.get("/api/v1/dashboard", query={"period": built.json["period"]}), 200)
        assert again.header("server-timing") == "cache;desc=hit", again.header("server-timing")
        assert again.body == built.body
    t.run("the dashboard's cache key normalises the period: none and the current month share a payload",
          cache_key_normalised)


def run_accounts_today(t, world):
    """Issue 9, item 10: an account manager's Today — overdue recommendations, missed calls to
    return (newest first), silent clients, services heading for red."""
    owner = world.sessions["owner"]
    manager = world.sessions["manager"]
    u = world.users
    ids = world.ids
    today = datetime.date.today()

    def day(offset):
        return (today - datetime.timedelta(days=offset)).isoformat()

    def accounts_today():
        mine = expect_status(owner.post("/api/v1/clients", {
            "name": "Сегодня Клиент", "account_manager_id": u["manager"]["id"], "status": "active"}), 201).json
        silent = expect_status(owner.post("/api/v1/clients", {
            "name": "Молчун", "account_manager_id": u["manager"]["id"], "status": "active"}), 201).json
        late = expect_status(owner.post("/api/v1/recommendations", {
            "client_id": mine["id"], "title": "Поставить счётчик", "status": "sent", "sent_on": day(10),
            "due_on": day(5)}), 201).json
        expect_status(owner.post("/api/v1/recommendations", {
            "client_id": mine["id"], "title": "Уже одобрено", "status": "approved", "sent_on": day(10),
            "due_on": day(5), "approved_on": day(6)}), 201)
        expect_status(owner.post("/api/v1/recommendations", {
            "client_id": ids["client_foreign"], "title": "Чужая просрочка", "status": "sent", "sent_on": day(10),
            "due_on": day(5)}), 201)
        old_missed = expect_status(owner.post("/api/v1/calls", {
            "client_id": mine["id"], "direction": "in", "status": "missed", "started_at": f"{day(3)}T09:00:00Z",
            "phone": "+7 900 111-22-33"}), 201).json
        new_missed = expect_status(owner.post("/api/v1/calls", {
            "client_id": mine["id"], "direction": "in", "status": "missed", "started_at": f"{day(1)}T09:00:00Z",
            "phone": "+7 900 111-22-33"}), 201).json
        returned = expect_status(owner.post("/api/v1/calls", {
            "client_id": ids["client_own"], "direction": "in", "status": "missed",
            "started_at": f"{day(2)}T08:00:00Z"}), 201).json
        expect_status(owner.post("/api/v1/calls", {  # called back: not on the list
            "client_id": ids["client_own"], "direction": "out", "status": "answered",
            "started_at": f"{day(2)}T08:30:00Z", "duration_seconds": 60}), 201)
        svc = expect_status(owner.post("/api/v1/services", {
            "client_id": mine["id"], "service_type_id": ids["type_own"], "name": "SEO — горит",
            "specialist_id": u["specialist"]["id"], "account_manager_id": u["manager"]["id"],
            "monthly_fee_kopecks": 200_000, "starts_on": day(0)[:8] + "01"}), 201).json  # 1 h planned
        expect_status(owner.post("/api/v1/time-entries", {
            "service_id": svc["id"], "user_id": u["specialist"]["id"], "date": day(0), "duration_minutes": 180}), 201)

        r = expect_status(manager.get("/api/v1/accounts/today"), 200).json
        recs = [x["id"] for x in r["recommendations_overdue"]]
        assert late["id"] in recs and len([x for x in r["recommendations_overdue"] if x["client_id"] == mine["id"]]) == 1, r
        assert all(x["client_id"] != ids["client_foreign"] for x in r["recommendations_overdue"]), r
        # The agency's day (Moscow by default) may already be tomorrow in UTC.
        agency_day = datetime.date.fromisoformat(r["date"])
        assert next(x for x in r["recommendations_overdue"] if x["id"] == late["id"])["days_overdue"] == \
            (agency_day - datetime.date.fromisoformat(day(5))).days, r
        calls = [x["id"] for x in r["calls_missed"]]
        assert calls.index(new_missed["id"]) < calls.index(old_missed["id"]), r["calls_missed"]
        starts = [x["started_at"] for x in r["calls_missed"]]
        assert starts == sorted(starts, reverse=True), starts  # the newest first
        assert returned["id"] not in calls, r["calls_missed"]
        silent_ids = [x["client_id"] for x in r["clients_silent"]]
        assert silent["id"] in silent_ids and ids["client_own"] not in silent_ids, r["clients_silent"]
        risk = next(x for x in r["services_at_risk"] if x["service_id"] == svc["id"])
        assert risk["light"] == "red" and risk["client_name"] == "Сегодня Клиент", risk
        assert all(x["service_id"] != ids["service_foreign"] for x in r["services_at_risk"]), r
        # Heads and the owner look at a manager's list; a manager only at their own.
        head_view = expect_status(world.sessions["head"].get("/api/v1/accounts/today",
                                                             query={"owner_id": u["manager"]["id"]}), 200).json
        assert late["id"] in [x["id"] for x in head_view["recommendations_overdue"]], head_view
        expect_status(manager.get("/api/v1/accounts/today", query={"owner_id": u["manager2"]["id"]}), 403)
        expect_status(world.sessions["specialist"].get("/api/v1/accounts/today"), 403)
        expect_status(world.sessions["sales"].get("/api/v1/accounts/today"), 403)
    t.run("an account manager's Today: overdue recommendations, missed calls to return (newest first), silent "
          "clients, services heading for red; only their clients", accounts_today)
