"""Sales (docs/sales.md): site applications becoming deals (honeypot, rate limit, CORS, duplicates),
pipelines with stages, deal moves with their history, the lost reason, optimistic locking,
probability from the stage, the manager's scope, comments and plain-text storage of markup.

Public applications come from 127.0.0.1 like every request of the suite: the ones that must be
accepted are sent first, the rate limit (10 an hour per IP) is probed last.
"""
import urllib.parse
import sqlite3
import subprocess

from harness import Session, diff_snapshots, expect_status

ALLOWED = "https://agency.example"


def write_sql(db, sql):
    """A write straight to the database (the settings table has no API)."""
    if db.backend == "sqlite":
        con = sqlite3.connect(db.path, timeout=30)
        try:
            con.execute(sql)
            con.commit()
        finally:
            con.close()
    else:
        db.query(sql)


def run(t, world):
    owner = world.sessions["owner"]
    sales = world.sessions["sales"]
    manager = world.sessions["manager"]
    lead = world.sessions["lead_generator"]
    u, ids = world.users, world.ids
    public = Session(world.port, "site-form")
    state = {}

    def apply(body, origin=None):
        headers = {"Origin": origin} if origin else None
        return public.post("/api/v1/public/applications", body, headers=headers)

    def find_deal(q, session=sales):
        r = expect_status(session.get("/api/v1/deals", query={"q": q}), 200)
        return r.json["items"]

    def default_first_stage():
        pipes = expect_status(owner.get("/api/v1/pipelines"), 200).json["items"]
        first = pipes[0]
        return first["id"], next(s for s in first["stages"] if s["kind"] == "open")["id"]

    write_sql(world.db, f"UPDATE settings SET value = 'https://other.example, {ALLOWED}/' "
                        "WHERE key = 'public_form_origins'")

    # ---------------------------------------------------------------- public applications
    def site_application():
        # A plain HTML form (no script on the site): urlencoded.
        form = urllib.parse.urlencode({"name": "Иван Петров", "phone": "+7 (903) 111-22-33",
                                       "email": "Petrov@Example.ru", "company": "ООО Петров и сыновья",
                                       "message": "Нужен сайт", "page_url": "https://agency.example/contacts",
                                       "utm_source": "yandex"})
        r = expect_status(public.request("POST", "/api/v1/public/applications", raw=form,
                                         headers={"Content-Type": "application/x-www-form-urlencoded"}), 202)
        assert r.json == {"status": "received"}, r
        items = find_deal("Петров")
        assert len(items) == 1, items
        d = items[0]
        pipeline, stage = default_first_stage()
        assert (d["pipeline_id"], d["stage_id"], d["source"]) == (pipeline, stage, "site"), d
        assert d["contact_name"] == "Иван Петров" and d["email"] == "petrov@example.ru", d
        assert d["owner_id"] is None and d["client_id"] is None and d["application_id"], d
        h = expect_status(sales.get(f"/api/v1/deals/{d['id']}/history"), 200).json["items"]
        assert len(h) == 1 and h[0]["from_stage_id"] is None and h[0]["to_stage_id"] == stage, h
        assert h[0]["user_id"] is None and h[0]["minutes_in_previous_stage"] is None, h
        stored = world.db.query(f"SELECT message, page_url, ip_hash FROM applications WHERE id = {d['application_id']}")
        assert stored and stored[0][0] == "Нужен сайт" and stored[0][2] and "127.0.0.1" not in stored[0][2], stored
        # Nobody owns the deal yet: owner, head and sales are notified (and mailed).
        notes = expect_status(sales.get("/api/v1/notifications", query={"unread": "true"}), 200).json["items"]
        assert any(n["kind"] == "application" and n["deal_id"] == d["id"] for n in notes), notes
        assert any(n["deal_id"] == d["id"] for n in expect_status(owner.get("/api/v1/notifications"), 200).json["items"])
    t.run("a site application answers 202 without ids and becomes a deal sales can find (q=Петров)",
          site_application)

    def honeypot():
        before = world.db.query("SELECT COUNT(*) FROM applications")[0][0]
        deals_before = world.db.query("SELECT COUNT(*) FROM deals")[0][0]
        r = expect_status(apply({"name": "Бот Ботов", "phone": "+7 900 000-00-01", "fax": "123"}), 202)
        assert r.json == {"status": "received"}, r
        assert world.db.query("SELECT COUNT(*) FROM applications")[0][0] == before
        assert world.db.query("SELECT COUNT(*) FROM deals")[0][0] == deals_before
        assert not find_deal("Ботов")
    t.run("the honeypot fax: answered like a success, nothing stored", honeypot)

    def cors():
        ok = apply({"name": "Корс Разрешён", "email": "cors@example.ru"}, origin=ALLOWED)
        expect_status(ok, 202)
        assert ok.header("access-control-allow-origin") == ALLOWED, ok.headers
        bad = apply({"name": "Корс Чужой", "email": "cors2@example.ru"}, origin="https://evil.example")
        expect_status(bad, 202)
        assert bad.header("access-control-allow-origin") is None, bad.headers
        pre = public.request("OPTIONS", "/api/v1/public/applications",
                             headers={"Origin": ALLOWED, "Access-Control-Request-Method": "POST",
                                      "Access-Control-Request-Headers": "content-type"})
        assert pre.status == 204, pre
        assert pre.header("access-control-allow-origin") == ALLOWED, pre.headers
        assert "POST" in (pre.header("access-control-allow-methods") or ""), pre.headers
        assert "content-type" in (pre.header("access-control-allow-headers") or "").lower(), pre.headers
        denied = public.request("OPTIONS", "/api/v1/public/applications",
                                headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
        assert denied.status == 204 and denied.header("access-control-allow-origin") is None, denied.headers
        assert not any(k.startswith("access-control-") for k in denied.headers), denied.headers
    t.run("CORS: a listed origin gets Access-Control-Allow-Origin on the answer and the preflight, others none",
          cors)

    def duplicate_by_inn():
        expect_status(apply({"name": "Инн Дубликат", "phone": "+7 900 100-00-02", "company": "Own Client",
                             "inn": "7707083893"}), 202)
        d = find_deal("Дубликат")[0]
        assert d["client_id"] == ids["client_own"], d
        row = world.db.query(f"SELECT duplicate_of_client_id FROM applications WHERE id = {d['application_id']}")
        assert int(row[0][0]) == ids["client_own"], row
    t.run("a known ИНН links the deal to that client and the application records the duplicate",
          duplicate_by_inn)

    def duplicate_by_phone():
        contact = world.create("/api/v1/contacts", {"client_id": ids["client_foreign"], "name": "Телефон Известный",
                                                    "phone": "+7 (916) 123-45-67"})
        expect_status(apply({"name": "Звонивший Снова", "phone": "8 916 1234567"}), 202)
        d = find_deal("Звонивший")[0]
        assert d["client_id"] == ids["client_foreign"] and d["contact_id"] == contact["id"], d
    t.run("a known contact phone (8… read as +7…) links client_id and contact_id", duplicate_by_phone)

    def markup_is_text():
        script = "<script>alert(1)</script>"
        expect_status(apply({"name": script, "email": "xss@example.ru", "company": script}), 202)
        items = find_deal("alert(1)")
        assert items and items[0]["contact_name"] == script and items[0]["company"] == script, items
        r = sales.get(f"/api/v1/deals/{items[0]['id']}")
        assert r.header("content-type").startswith("application/json"), r.headers
        client = world.create("/api/v1/clients", {"name": script})
        deal = world.create("/api/v1/deals", {"title": "Сделка клиента со скриптом", "client_id": client["id"]},
                            as_role="sales")
        got = expect_status(sales.get(f"/api/v1/clients/{client['id']}"), 200).json
        assert got["name"] == script, got
        assert any(i["id"] == deal["id"] for i in find_deal("script")), "q does not search the client's name"
    t.run("a client named <script>alert(1)</script> is stored and returned as plain text", markup_is_text)

    def invalid_application():
        r = expect_status(apply({"name": "Без контактов"}), 400, "validation_failed")
        assert "phone" in r.fields(), r
        r = expect_status(apply({"name": "Плохой ИНН", "phone": "+7 900 1", "inn": "1234567890"}), 400)
        assert "inn" in r.fields(), r
    t.run("an application without phone and email, or with a wrong ИНН → 400", invalid_application)

    def rate_limit():
        statuses = []
        for i in range(12):
            r = apply({"name": f"Поток {i}", "phone": f"+7 900 200-00-{i:02d}"}, origin=ALLOWED)
            statuses.append(r.status)
            if r.status == 429:
                assert r.error_code() == "rate_limited", r
                assert r.header("access-control-allow-origin") == ALLOWED, "the 429 lacks CORS"
                break
        assert statuses[-1] == 429 and all(s in (202, 400) for s in statuses[:-1]), statuses
        expect_status(apply({"name": "Ещё раз", "phone": "+7 900 300-00-00"}), 429)
        # Staff entering calls by hand are not limited by the site's budget.
        expect_status(lead.post("/api/v1/applications", {"name": "Не лимит", "phone": "+7 900 300-00-01",
                                                         "source": "phone"}), 201)
    t.run("more than 10 applications an hour from one IP → 429", rate_limit)

    def staff_application():
        # Issue 9: the source is chosen, never guessed (a default "phone" skewed the analytics).
        unsourced = lead.post("/api/v1/applications", {"name": "Без источника", "phone": "+7 900 400-00-09"})
        expect_status(unsourced, 400, "validation_failed")
        assert set(unsourced.fields()) == {"source"}, unsourced.fields()
        r = expect_status(lead.post("/api/v1/applications", {
            "name": "Звонок Вручную", "phone": "+7 900 400-00-00", "company": "ООО Ручное", "source": "phone",
            "message": "Нужен SEO для <b>двух</b> сайтов", "page_url": "https://okna.ru/seo"}), 201)
        d = r.json
        assert d["owner_id"] == u["lead_generator"]["id"] and d["source"] == "phone", d
        assert r.header("location") == f"/api/v1/deals/{d['id']}", r.headers
        expect_status(lead.post("/api/v1/applications", {"name": "X", "phone": "1234567", "client_id": 1,
                                                         "source": "phone"}), 400)
        # The customer's request is shown with the deal.
        app = expect_status(lead.get(f"/api/v1/deals/{d['id']}/application"), 200).json
        assert app["message"] == "Нужен SEO для <b>двух</b> сайтов" and app["page_url"] == "https://okna.ru/seo", app
        assert app["company"] == "ООО Ручное" and app["deal_id"] == d["id"] and app["source"] == "phone", app
        expect_status(lead.get(f"/api/v1/deals/{ids['deal_own']}/application"), 404, "not_found")
        expect_status(world.sessions["manager"].get(f"/api/v1/deals/{d['id']}/application"), 404, "not_found")
    t.run("POST /api/v1/applications (staff): the source is required; 201 with the deal, owned by the caller; "
          "the message and page shown with the deal", staff_application)

    def cli_option():
        out = subprocess.run([world.server.binary, "serve", "--public-origin", "agency.example", "--db",
                              "sqlite::memory:"], capture_output=True, text=True, timeout=30)
        assert out.returncode == 2 and "--public-origin" in out.stderr, (out.returncode, out.stderr)
    t.run("retainer serve --public-origin refuses a value that is not an http(s) origin", cli_option)

    # ---------------------------------------------------------------- pipelines and deals
    def pipeline_with_stages():
        p = world.create("/api/v1/pipelines", {"name": "Тестовая воронка", "code": "test-sales", "position": 10})
        assert p["stages"] == [], p
        stages = {}
        for name, pos, kind, prob, role in [("Лид", 1, "open", 10, "lead_generator"), ("Бриф", 2, "open", 40, "sales"),
                                            ("Проиграна", 9, "lost", 0, "sales"), ("Выиграна", 8, "won", 100, "manager")]:
            stages[name] = world.create("/api/v1/pipeline-stages", {
                "pipeline_id": p["id"], "name": name, "position": pos, "kind": kind,
                "probability_percent": prob, "owner_role": role})["id"]
        got = expect_status(sales.get(f"/api/v1/pipelines/{p['id']}"), 200).json
        assert [s["name"] for s in got["stages"]] == ["Лид", "Бриф", "Выиграна", "Проиграна"], got
        listed = expect_status(sales.get("/api/v1/pipelines"), 200).json["items"]
        assert any(i["id"] == p["id"] and len(i["stages"]) == 4 for i in listed), listed
        r = expect_status(owner.post("/api/v1/pipeline-stages", {"pipeline_id": p["id"], "name": "Ещё выиграна",
                                                                 "kind": "won"}), 400)
        assert "kind" in r.fields(), r
        r = expect_status(owner.post("/api/v1/pipelines", {"name": "Плохой код", "code": "Bad Code"}), 400)
        assert "code" in r.fields(), r
        state.update(pipeline=p["id"], stages=stages)
    if not t.run("a pipeline carries its stages ordered by position; one won stage only", pipeline_with_stages):
        return
    st = state["stages"]

    def moves_and_history():
        d = world.create("/api/v1/deals", {"title": "Переезд по воронке", "pipeline_id": state["pipeline"],
                                           "amount_kopecks": 15_000_000}, as_role="sales")
        assert d["stage_id"] == st["Лид"] and d["probability_percent"] == 10, d
        assert d["owner_id"] == u["sales"]["id"] and d["closed_at"] is None, d
        # Two hours in the first stage.
        write_sql(world.db, f"UPDATE deals SET stage_entered_at = '2026-01-10T08:00:00Z' WHERE id = {d['id']}")
        write_sql(world.db, f"UPDATE deal_stage_history SET at = '2026-01-10T08:00:00Z' WHERE deal_id = {d['id']}")
        r = expect_status(sales.patch(f"/api/v1/deals/{d['id']}", {"stage_id": st["Бриф"], "version": d["version"]}), 200)
        moved = r.json
        assert moved["probability_percent"] == 40 and moved["stage_entered_at"] > "2026-01-10T08:00:00Z", moved
        h = expect_status(sales.get(f"/api/v1/deals/{d['id']}/history"), 200).json["items"]
        assert [(x["from_stage_id"], x["to_stage_id"]) for x in h] == [(None, st["Лид"]), (st["Лид"], st["Бриф"])], h
        assert h[1]["user_id"] == u["sales"]["id"] and h[1]["user_name"] == u["sales"]["name"], h
        assert h[1]["minutes_in_previous_stage"] >= 120, h
        # A PATCH that does not move the deal writes no history.
        r = expect_status(sales.patch(f"/api/v1/deals/{d['id']}", {"next_step": "Бриф", "version": moved["version"]}), 200)
        assert len(expect_status(sales.get(f"/api/v1/deals/{d['id']}/history"), 200).json["items"]) == 2
        audit = expect_status(owner.get("/api/v1/audit", query={"entity": "deals", "id": d["id"]}), 200).json
        assert len(audit["items"]) == 3, audit
        state["deal"] = r.json
    if not t.run("moving a deal: stage history with the user and minutes in the previous stage, audit",
                 moves_and_history):
        return

    def stage_kind_is_kept_while_holding_deals():
        stage = expect_status(owner.get(f"/api/v1/pipeline-stages/{st['Бриф']}"), 200).json
        snap = world.db.snapshot()
        r = expect_status(owner.patch(f"/api/v1/pipeline-stages/{st['Бриф']}", {
            "kind": "lost", "version": stage["version"]}), 400, "validation_failed")
        assert "holds" in r.fields().get("kind", ""), r
        assert not diff_snapshots(snap, world.db.snapshot())
    t.run("a stage holding deals keeps its kind (400 fields.kind, nothing written)",
          stage_kind_is_kept_while_holding_deals)

    def lost_needs_reason():
        d = state["deal"]
        snap = world.db.snapshot()
        r = expect_status(sales.patch(f"/api/v1/deals/{d['id']}", {"stage_id": st["Проиграна"], "version": d["version"]}),
                          400, "validation_failed")
        assert "lost_reason" in r.fields(), r
        assert world.db.snapshot() == snap, "a refused move changed the database"
        r = expect_status(sales.patch(f"/api/v1/deals/{d['id']}", {"stage_id": st["Проиграна"], "lost_reason": "Дорого",
                                                                  "version": d["version"]}), 200)
        lost = r.json
        assert lost["closed_at"] and lost["probability_percent"] == 0, lost
        r = expect_status(sales.patch(f"/api/v1/deals/{d['id']}", {"stage_id": st["Бриф"], "version": lost["version"]}), 200)
        assert r.json["closed_at"] is None and r.json["probability_percent"] == 40, r.json
        state["deal"] = r.json
    t.run("lost without lost_reason → 400 fields.lost_reason; with it closed_at is set, reopening clears it",
          lost_needs_reason)

    def stale_version():
        d = expect_status(sales.get(f"/api/v1/deals/{state['deal']['id']}"), 200).json
        snap = world.db.snapshot()
        r = expect_status(sales.patch(f"/api/v1/deals/{d['id']}", {"stage_id": st["Выиграна"],
                                                                  "version": d["version"] - 1}), 409, "conflict")
        changed = diff_snapshots(snap, world.db.snapshot())
        assert not changed, f"a stale move changed {changed}"
        assert expect_status(sales.get(f"/api/v1/deals/{d['id']}"), 200).json == d, r
    t.run("a move with a stale version → 409 and nothing changed", stale_version)

    def probability_from_stage():
        d = world.create("/api/v1/deals", {"title": "Вероятность", "stage_id": st["Бриф"]}, as_role="sales")
        assert d["pipeline_id"] == state["pipeline"] and d["probability_percent"] == 40, d
        d2 = world.create("/api/v1/deals", {"title": "Своя вероятность", "stage_id": st["Лид"],
                                            "probability_percent": 55}, as_role="sales")
        assert d2["probability_percent"] == 55, d2
        r = expect_status(sales.patch(f"/api/v1/deals/{d2['id']}", {"stage_id": st["Бриф"], "probability_percent": 70,
                                                                   "version": d2["version"]}), 200)
        assert r.json["probability_percent"] == 70, r.json
        r = expect_status(sales.patch(f"/api/v1/deals/{d2['id']}", {"stage_id": st["Лид"], "version": r.json["version"]}), 200)
        assert r.json["probability_percent"] == 10, r.json
        _, first = default_first_stage()
        r = expect_status(sales.post("/api/v1/deals", {"title": "Чужая стадия", "pipeline_id": state["pipeline"],
                                                       "stage_id": first}), 400)
        assert "stage_id" in r.fields(), r
    t.run("probability defaults from the stage and follows moves unless the same PATCH gives one",
          probability_from_stage)

    def manager_scope():
        foreign = world.create("/api/v1/deals", {"title": "Чужая сделка", "client_id": ids["client_foreign"],
                                                 "owner_id": u["sales"]["id"]}, as_role="sales")
        own_client = world.create("/api/v1/deals", {"title": "Сделка моего клиента", "client_id": ids["client_own"],
                                                    "owner_id": u["sales"]["id"]}, as_role="sales")
        mine = world.create("/api/v1/deals", {"title": "Моя сделка"}, as_role="manager")
        assert mine["owner_id"] == u["manager"]["id"], mine
        expect_status(manager.get(f"/api/v1/deals/{foreign['id']}"), 404, "not_found")
        expect_status(manager.get(f"/api/v1/deals/{foreign['id']}/history"), 404, "not_found")
        expect_status(manager.patch(f"/api/v1/deals/{foreign['id']}", {"title": "x", "version": foreign["version"]}), 404)
        expect_status(manager.get(f"/api/v1/deals/{own_client['id']}"), 200)
        listed = {i["id"] for i in expect_status(manager.get("/api/v1/deals", query={"limit": 1000}), 200).json["items"]}
        assert mine["id"] in listed and own_client["id"] in listed and foreign["id"] not in listed, listed
        r = expect_status(manager.post("/api/v1/deal-comments", {"deal_id": foreign["id"], "body": "x"}), 400)
        assert "deal_id" in r.fields(), r
    t.run("a manager sees deals they own or of their clients; a foreign deal answers 404", manager_scope)

    def comments():
        d = state["deal"]
        c = expect_status(sales.post("/api/v1/deal-comments", {"deal_id": d["id"], "body": "Отправил КП"}), 201).json
        assert c["author_id"] == u["sales"]["id"], c
        listed = expect_status(lead.get("/api/v1/deal-comments", query={"deal_id": d["id"]}), 200).json["items"]
        assert [x["body"] for x in listed] == ["Отправил КП"], listed
        expect_status(lead.patch(f"/api/v1/deal-comments/{c['id']}", {"body": "нет", "version": c["version"]}), 403)
        r = expect_status(sales.patch(f"/api/v1/deal-comments/{c['id']}", {"body": "Отправил КП v2",
                                                                            "version": c["version"]}), 200)
        expect_status(lead.delete(f"/api/v1/deal-comments/{c['id']}"), 403)
        expect_status(owner.delete(f"/api/v1/deal-comments/{r.json['id']}"), 204)
    t.run("comments: any deal reader writes, only the author edits, author or owner deletes", comments)

    def list_filters():
        r = expect_status(sales.get("/api/v1/deals", query={"pipeline_id": state["pipeline"], "sort": "amount_kopecks",
                                                            "order": "desc"}), 200).json
        assert r["items"] and all(i["pipeline_id"] == state["pipeline"] for i in r["items"]), r
        expect_status(sales.get("/api/v1/deals", query={"sort": "stage_entered_at"}), 200)
        expect_status(sales.get("/api/v1/deals", query={"next_step_on_from": "2026-01-01"}), 200)
        expect_status(sales.get("/api/v1/deals", query={"sort": "phone"}), 400)
        expect_status(sales.get("/api/v1/pipeline-stages", query={"pipeline_id": state["pipeline"]}), 200)
    t.run("deal list filters and sorts", list_filters)
