"""Row scopes on the paths that link or read a record for the caller (issue 8): matching an
application to an existing client, the documents of a client outside the caller's scope, a deal's
contact, the portal client's view, and fields hidden from a role (cost rates) in sort, filter and
answers.
"""
from harness import expect_status


def inn10(prefix9):
    """A valid 10-digit ИНН for nine given digits (the control digit of the tax service)."""
    weights = [2, 4, 10, 3, 5, 9, 4, 6, 8]
    control = sum(w * int(d) for w, d in zip(weights, prefix9)) % 11 % 10
    return prefix9 + str(control)


def run(t, world):
    owner = world.sessions["owner"]
    manager = world.sessions["manager"]  # group 1
    head = world.sessions["head"]        # group 1
    state = {}

    def fixtures():
        # A client of the other group (manager2) with full bank requisites and a reachable contact.
        inn = inn10("770112345")
        client = expect_status(owner.post("/api/v1/clients", {
            "name": "Банк-Секрет", "legal_name": "АО «Секретные реквизиты»", "inn": inn,
            "account_manager_id": world.users["manager2"]["id"], "status": "active",
            "bank_name": "ПАО Тайный банк", "bik": "044525225", "bank_account": "40702810938000012345",
            "correspondent_account": "30101810400000000225", "legal_address": "Москва, ул. Скрытая, 1"}), 201).json
        contact = expect_status(owner.post("/api/v1/contacts", {
            "client_id": client["id"], "name": "Тайный Контакт", "phone": "+7 (912) 345-67-89",
            "email": "secret@bank.test"}), 201).json
        expect_status(manager.get(f"/api/v1/clients/{client['id']}"), 404, "not_found")
        expect_status(head.get(f"/api/v1/clients/{client['id']}"), 404, "not_found")
        state.update(inn=inn, client=client, contact=contact)
    if not t.run("fixtures: a client of the other group with bank requisites and a contact", fixtures):
        return

    def no_link_outside_scope():
        client = state["client"]
        for body in ({"company": "Кто-то", "inn": state["inn"], "phone": "+7 900 000-00-01", "source": "phone"},
                     {"name": "Тайный звонок", "phone": "8 912 345 67 89", "source": "phone"},
                     {"name": "Тайное письмо", "email": "SECRET@bank.test", "source": "email"}):
            before = world.db.query("SELECT COUNT(*) FROM applications WHERE duplicate_of_client_id = "
                                    f"{client['id']}")[0][0]
            r = expect_status(manager.post("/api/v1/applications", body), 201)
            deal = r.json
            assert deal["client_id"] is None and deal.get("contact_id") is None, deal
            assert deal.get("duplicate_of_client_id") in (None,), deal
            assert "Банк-Секрет" not in r.body.decode("utf-8"), r.body
            after = world.db.query("SELECT COUNT(*) FROM applications WHERE duplicate_of_client_id = "
                                   f"{client['id']}")[0][0]
            assert after == before, "the match must not be recorded for a caller who cannot see it"
            # The contract of that deal shows none of the foreign client's requisites.
            doc = expect_status(manager.post("/api/v1/documents", {"kind": "contract", "deal_id": deal["id"]}),
                                201).json
            assert doc["client_id"] is None, doc
            html = expect_status(manager.get(f"/api/v1/documents/{doc['id']}/preview"), 200).body.decode("utf-8")
            for secret in ("Секретные реквизиты", "40702810938000012345", state["inn"], "Тайный банк"):
                assert secret not in html, secret
        state["manager_deal"] = deal["id"]
    t.run("a manager's application matching a client outside their scope links nothing and reveals nothing",
          no_link_outside_scope)

    def owner_gets_the_hint():
        deal = expect_status(owner.post("/api/v1/applications", {"company": "Кто-то", "inn": state["inn"],
                                                                 "phone": "+7 900 000-00-02", "source": "phone"}), 201).json
        assert deal["client_id"] == state["client"]["id"], deal
        by_phone = expect_status(owner.post("/api/v1/applications", {"name": "Тайный звонок владельцу",
                                                                     "phone": "8 (912) 345 67 89",
                                                                     "source": "phone"}), 201).json
        assert by_phone["client_id"] == state["client"]["id"], by_phone
        assert by_phone["contact_id"] == state["contact"]["id"], by_phone
        state["owner_deal"] = deal["id"]
    t.run("staff who can see the client get the match (linked by ИНН, by phone with the contact)",
          owner_gets_the_hint)

    def head_cannot_document_a_foreign_client():
        # A head sees every deal but only the clients of the group: a document of the deal would
        # print the client's requisites, so it is refused, and one made by the owner stays unseen.
        bad = head.post("/api/v1/documents", {"kind": "contract", "deal_id": state["owner_deal"]})
        expect_status(bad, 400, "validation_failed")
        assert "Банк-Секрет" not in bad.body.decode("utf-8"), bad
        bad = head.post("/api/v1/documents", {"kind": "contract", "client_id": state["client"]["id"]})
        expect_status(bad, 400, "validation_failed")
        doc = expect_status(owner.post("/api/v1/documents", {"kind": "contract", "deal_id": state["owner_deal"]}),
                            201).json
        assert doc["client_id"] == state["client"]["id"], doc
        for path in (f"/api/v1/documents/{doc['id']}", f"/api/v1/documents/{doc['id']}/preview",
                     f"/api/v1/documents/{doc['id']}/views"):
            expect_status(head.get(path), 404, "not_found")
        listed = expect_status(head.get("/api/v1/documents", query={"deal_id": state["owner_deal"]}), 200).json
        assert all(d["id"] != doc["id"] for d in listed["items"]), listed
        # The manager who owns a deal made before this fix, linked to the foreign client, cannot
        # read its documents either.
        world.db.execute(f"UPDATE deals SET client_id = {state['client']['id']} WHERE id = {state['manager_deal']}")
        old = expect_status(owner.post("/api/v1/documents", {"kind": "invoice", "deal_id": state["manager_deal"]}),
                            201).json
        expect_status(manager.get(f"/api/v1/documents/{old['id']}/preview"), 404, "not_found")
        expect_status(manager.get(f"/api/v1/documents/{old['id']}/pdf"), 404, "not_found")
    t.run("a document whose client is outside the caller's scope is neither made nor read (head, manager)",
          head_cannot_document_a_foreign_client)

    def deal_contact_in_scope():
        deal = expect_status(manager.post("/api/v1/deals", {"title": "Контакт чужой"}), 201).json
        foreign = manager.patch(f"/api/v1/deals/{deal['id']}", {"contact_id": state["contact"]["id"],
                                                                "version": deal["version"]})
        missing = manager.patch(f"/api/v1/deals/{deal['id']}", {"contact_id": 987654321, "version": deal["version"]})
        expect_status(foreign, 400, "validation_failed")
        expect_status(missing, 400, "validation_failed")
        assert foreign.fields() == missing.fields(), (foreign.fields(), missing.fields())
        created = manager.post("/api/v1/deals", {"title": "Сразу с чужим", "contact_id": state["contact"]["id"]})
        expect_status(created, 400, "validation_failed")
        own = expect_status(manager.patch(f"/api/v1/deals/{deal['id']}", {
            "contact_id": world.ids["contact_own"], "client_id": world.ids["client_own"],
            "version": deal["version"]}), 200).json
        assert own["contact_id"] == world.ids["contact_own"], own
    t.run("a deal's contact must be one the caller can see (same answer as a missing one)", deal_contact_in_scope)

    def portal_client_sees_no_internals():
        client = world.sessions["client"]
        own = world.ids["client_own"]
        expect_status(owner.patch(f"/api/v1/clients/{own}", {
            "note": "Платит с задержкой, не давить", "source": "холодный обзвон", "tags": ["проблемный"],
            "version": owner.get(f"/api/v1/clients/{own}").json["version"]}), 200)
        me = expect_status(client.get(f"/api/v1/clients/{own}"), 200).json
        for internal in ("note", "source", "tags", "last_contact_on"):
            assert internal not in me, (internal, me)
        listed = expect_status(client.get("/api/v1/clients"), 200)
        assert "не давить" not in listed.body.decode("utf-8") and "проблемный" not in listed.body.decode("utf-8")
        # Filtering, sorting or searching by what the portal does not see is refused, not a probe.
        expect_status(client.get("/api/v1/clients", query={"tag": "проблемный"}), 400, "validation_failed")
        expect_status(client.get("/api/v1/clients", query={"sort": "last_contact_on"}), 400, "validation_failed")
        expect_status(client.get("/api/v1/clients", query={"q": "проблемный"}), 400, "validation_failed")
        staff_view = expect_status(manager.get(f"/api/v1/clients/{own}"), 200).json
        assert staff_view["note"] and staff_view["tags"] == ["проблемный"], staff_view
        contact = expect_status(owner.post("/api/v1/contacts", {"client_id": own, "name": "Портальный Контакт",
                                                                "note": "любит звонки после 18"}), 201).json
        seen = expect_status(client.get(f"/api/v1/contacts/{contact['id']}"), 200).json
        assert "note" not in seen, seen
        svc = world.ids["service_own"]
        expect_status(owner.patch(f"/api/v1/services/{svc}", {
            "note": "маржа низкая, не предлагать скидку", "planning_rate_kopecks": 180000,
            "version": owner.get(f"/api/v1/services/{svc}").json["version"]}), 200)
        shown = expect_status(client.get(f"/api/v1/services/{svc}"), 200).json
        assert "note" not in shown and "planning_rate_kopecks" not in shown, shown
        assert shown["monthly_fee_kopecks"] == 6000000, shown
        # Recommendations: drafts stay the specialist's until sent.
        draft = expect_status(owner.post("/api/v1/recommendations", {
            "client_id": own, "title": "Черновик для себя", "status": "draft"}), 201).json
        sent = expect_status(owner.post("/api/v1/recommendations", {
            "client_id": own, "title": "Отправлено клиенту", "status": "sent", "sent_on": world_day(1)}), 201).json
        recs = expect_status(client.get("/api/v1/recommendations", query={"limit": 1000}), 200).json["items"]
        titles = {r["title"] for r in recs}
        assert "Отправлено клиенту" in titles and "Черновик для себя" not in titles, titles
        expect_status(client.get(f"/api/v1/recommendations/{draft['id']}"), 404, "not_found")
        expect_status(client.get(f"/api/v1/recommendations/{sent['id']}"), 200)
        staff_recs = expect_status(manager.get("/api/v1/recommendations", query={"limit": 1000}), 200).json["items"]
        assert "Черновик для себя" in {r["title"] for r in staff_recs}
    t.run("the portal client sees no internal note, source, tags, service notes or draft recommendations",
          portal_client_sees_no_internals)

    def costs_only_for_cost_roles():
        specialist = world.sessions["specialist"]
        sales = world.sessions["sales"]
        emps = expect_status(specialist.get("/api/v1/employees"), 200).json["items"]
        assert all("cost_rate_kopecks" not in e for e in emps), emps[0]
        expect_status(specialist.get("/api/v1/employees", query={"sort": "cost_rate_kopecks"}), 400,
                      "validation_failed")
        expect_status(sales.get("/api/v1/employees", query={"sort": "cost_rate_kopecks", "order": "desc"}), 400,
                      "validation_failed")
        ranked = expect_status(owner.get("/api/v1/employees", query={"sort": "cost_rate_kopecks"}), 200).json
        assert all("cost_rate_kopecks" in e for e in ranked["items"]), ranked["items"][0]
        est = world.ids["estimate_own"]
        for role in ("sales", "manager", "lead_generator"):
            e = expect_status(world.sessions[role].get(f"/api/v1/estimates/{est}"), 200).json
            for hidden in ("cost_rate_kopecks", "cost_kopecks", "margin_kopecks"):
                assert hidden not in e, (role, hidden, e)
            assert e["total_kopecks"] > 0, e
            settings = expect_status(world.sessions[role].get("/api/v1/agency-settings"), 200).json
            assert "estimate_cost_rate_kopecks" not in settings, (role, settings)
        for role in ("owner", "head"):
            e = expect_status(world.sessions[role].get(f"/api/v1/estimates/{est}"), 200).json
            assert "margin_kopecks" in e and "cost_kopecks" in e, (role, e)
            assert "estimate_cost_rate_kopecks" in world.sessions[role].get("/api/v1/agency-settings").json
    t.run("cost rates, cost and margin exist only for owner, head, accountant (answers, sort)",
          costs_only_for_cost_roles)

    def unknown_parameters_refused():
        for path, query in (("/api/v1/time-entries", {"servce_id": "5"}), ("/api/v1/clients", {"managr_id": "1"}),
                            ("/api/v1/dashboard", {"periud": "2026-11"}),
                            ("/api/v1/sales/analytics", {"pipline_id": "1"}),
                            ("/api/v1/notifications", {"unred": "true"}),
                            ("/api/v1/reports/time", {"rows": "employee", "from": world_day(3), "to": world_day(0),
                                                      "employe_id": "1"})):
            r = owner.get(path, query=query)
            expect_status(r, 400, "validation_failed")
            assert list(query)[-1] in r.fields(), (path, r)
        # The filters a list really has (the schema's and the module's own) keep working.
        expect_status(owner.get("/api/v1/time-entries", query={"service_id": world.ids["service_own"],
                                                               "month": world_day(0)[:7],
                                                               "client_id": world.ids["client_own"]}), 200)
        expect_status(owner.get("/api/v1/clients", query={"manager_id": world.users["manager"]["id"],
                                                          "status": "active", "archived": "any"}), 200)
    t.run("an unknown query parameter answers 400 naming it (a misspelt filter never returns everything)",
          unknown_parameters_refused)


def world_day(offset):
    import datetime
    return (datetime.date.today() - datetime.timedelta(days=offset)).isoformat()


def run_portal(t, world):
    """Issue 9, item 13: the portal client's page — their services, the people on them and the
    recommendations sent to them; nothing internal."""
    owner = world.sessions["owner"]
    client = world.sessions["client"]
    ids = world.ids

    def portal_overview():
        r = expect_status(client.get("/api/v1/portal"), 200)
        body = r.json
        assert body["client"]["id"] == ids["client_own"], body["client"]
        names = {s["name"] for s in body["services"]}
        assert "SEO — Own Client" in names and "Директ — Foreign" not in names, names
        people = {p["id"]: p for p in body["people"]}
        assert world.users["manager"]["id"] in people and world.users["specialist"]["id"] in people, people
        assert body["account_manager_id"] == world.users["manager"]["id"], body
        assert set(people[world.users["manager"]["id"]]) == {"id", "name", "position", "email", "phone",
                                                              "photo_url"}, people
        titles = {x["title"] for x in body["recommendations"]}
        assert "Ускорить сайт" in titles and all(x["status"] != "draft" for x in body["recommendations"]), titles
        text = r.body.decode("utf-8")
        for internal in ("cost_rate", "planning_rate", '"note"', '"tags"', '"source"', "margin"):
            assert internal not in text, internal
        for role in ("owner", "manager", "specialist", "sales"):
            expect_status(world.sessions[role].get("/api/v1/portal"), 403, "forbidden")
    t.run("the portal page: own services, the people on them, recommendations once sent; nothing internal",
          portal_overview)

    def portal_in_english():
        path = f"/api/v1/service-types/{ids['type_own']}"
        before = expect_status(owner.get(path), 200).json
        expect_status(owner.patch(path, {"name_en": "SEO promotion", "version": before["version"]}), 200)
        try:
            def type_of(lang):
                r = expect_status(client.get("/api/v1/portal", headers={"Accept-Language": lang}), 200)
                return {s["name"]: s["service_type"] for s in r.json["services"]}["SEO — Own Client"]
            assert type_of("en") == "SEO promotion", type_of("en")
            assert type_of("ru") == "SEO-продвижение", type_of("ru")
        finally:
            now = expect_status(owner.get(path), 200).json
            expect_status(owner.patch(path, {"name_en": before.get("name_en"), "version": now["version"]}), 200)
    t.run("the portal names a service's type in the client's language", portal_in_english)
