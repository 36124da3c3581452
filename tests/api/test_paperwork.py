"""Sales paperwork (docs/paperwork.md), end to end on the real server: application → brief (secret
link, autosave, one submission) → estimate (VAT, revisions) → proposal → accepted on its page →
contract and first invoice; escaping of client data in every page; link revocation; the PDF with
Cyrillic text and no network (a local HTTP listener must see no connection); agency settings;
notifications and e-mail through a local SMTP sink; the today list; funnel analytics.
"""
import http.server
import re
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.parse

from harness import Session, expect_status


class Listener:
    """A local HTTP server that records every connection: the PDF renderer must never reach it."""

    def __init__(self):
        hits = self.hits = []

        class H(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()

            def log_message(self, *a):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def pdf_text(pdf_bytes):
    if not shutil.which("pdftotext"):
        return None
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf_bytes)
        f.flush()
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", f.name, "-"], capture_output=True, timeout=30)
        return out.stdout.decode("utf-8", "replace")


def run(t, world, sink):
    owner = world.sessions["owner"]
    sales = world.sessions["sales"]
    manager = world.sessions["manager"]
    specialist = world.sessions["specialist"]
    anon = Session(world.port, "brief-client")
    st = {}

    def token_of(url, prefix):
        assert url and url.startswith(prefix), url
        return url[len(prefix):]

    # ---------------------------------------------------------------- settings
    def settings():
        s = expect_status(sales.get("/api/v1/agency-settings"), 200).json
        assert s["tax_mode"] == "vat" and s["proposal_followup_days"] == 3, s
        expect_status(sales.request("PATCH", "/api/v1/agency-settings", body={"agency_name": "X"}), 403)
        bad = owner.request("PATCH", "/api/v1/agency-settings",
                            body={"tax_mode": "osn", "proposal_followup_days": 0, "secret": 1})
        expect_status(bad, 400, "validation_failed")
        assert set(bad.fields()) == {"tax_mode", "proposal_followup_days", "secret"}, bad.fields()
        bad = owner.request("PATCH", "/api/v1/agency-settings", body={"public_base_url": "crm.agency.test"})
        assert "public_base_url" in expect_status(bad, 400).fields()
        after = expect_status(owner.request("PATCH", "/api/v1/agency-settings", body={
            "agency_name": "ООО «Ретейнер»", "agency_requisites": "ИНН 7707083893",
            "estimate_cost_rate_kopecks": 100000, "public_base_url": "https://crm.agency.test/"}), 200).json
        assert after["agency_name"] == "ООО «Ретейнер»" and after["estimate_cost_rate_kopecks"] == 100000
        assert after["public_base_url"] == "https://crm.agency.test", after
        audit = world.db.query("SELECT COUNT(*) FROM audit_log WHERE entity = 'settings'")
        assert int(audit[0][0]) >= 1, audit
    t.run("agency settings: staff read, owner writes; bad values named per field; audited", settings)

    # ---------------------------------------------------------------- application (urlencoded)
    def application():
        d = expect_status(sales.post("/api/v1/applications", {
            "name": "Ирина", "phone": "+7 916 555-01-02", "company": "<script>alert(1)</script>",
            "message": "Нужна реклама", "source": "phone"}), 201).json
        assert d["owner_id"] == sales.user["id"] and d["source"] == "phone", d
        st["deal"] = d
    if not t.run("a phone application becomes the sales manager's deal", application):
        return

    # ---------------------------------------------------------------- brief templates
    def brief_templates():
        shipped = expect_status(sales.get("/api/v1/brief-templates"), 200).json["items"]
        assert {"Бриф на SEO-продвижение", "Бриф на контекстную рекламу"} <= {b["name"] for b in shipped}
        bad = sales.post("/api/v1/brief-templates", {"name": "x", "questions": [
            {"key": "a", "type": "text", "label": "A"}, {"key": "b", "type": "choice", "label": "B"}]})
        expect_status(bad, 400, "validation_failed")
        assert "question 2 (b)" in bad.fields().get("questions", ""), bad.fields()
        expect_status(specialist.post("/api/v1/brief-templates", {"name": "x", "questions": []}), 403)
        tpl = expect_status(sales.post("/api/v1/brief-templates", {"name": "Бриф <b>тест</b>", "questions": [
            {"key": "site", "type": "url", "label": "Сайт", "required": True},
            {"key": "goals", "type": "multi_choice", "label": "Цели <i>", "options": ["Заявки", "Трафик"], "required": True},
            {"key": "budget", "type": "number", "label": "Бюджет"},
            {"key": "about", "type": "long_text", "label": "О компании"},
            {"key": "cms", "type": "choice", "label": "CMS", "options": ["Битрикс", "Tilda"]},
            {"key": "files", "type": "file_link", "label": "Материалы"},
            {"key": "city", "type": "text", "label": "Город"}]}), 201).json
        assert tpl["questions"][2]["required"] is False and tpl["questions"][0]["options"] == []
        st["template"] = tpl
    t.run("brief templates: shipped ones, every question type, the bad question named, roles", brief_templates)

    # ---------------------------------------------------------------- brief
    def brief_send():
        deal = st["deal"]
        b = expect_status(sales.post("/api/v1/briefs", {"deal_id": deal["id"], "template_id": st["template"]["id"]}), 201).json
        assert b["status"] == "draft" and b["public_url"] is None and b["title"] == "Бриф <b>тест</b>", b
        assert len(b["questions"]) == 7 and b["answers"] == {}
        # Editing the template later does not change the brief's questions.
        tpl = st["template"]
        expect_status(sales.patch(f"/api/v1/brief-templates/{tpl['id']}", {
            "questions": [{"key": "other", "type": "text", "label": "Другое"}], "version": tpl["version"]}), 200)
        sent = expect_status(sales.post(f"/api/v1/briefs/{b['id']}/send", {}), 200).json
        assert sent["status"] == "sent" and sent["sent_at"], sent
        st["brief"] = sent
        st["brief_token"] = token_of(sent["public_url"], "/b/")
        assert len(st["brief_token"]) == 43
        expect_status(manager.post(f"/api/v1/briefs/{b['id']}/send", {}), 404)  # not the manager's deal
        again = expect_status(sales.get(f"/api/v1/briefs/{b['id']}"), 200).json
        assert len(again["questions"]) == 7
    if not t.run("a brief copies its template's questions; send makes a secret link; others' deals 404",
                 brief_send):
        return

    def brief_page():
        path = "/b/" + st["brief_token"]
        r = expect_status(anon.get(path), 200)
        assert r.header("content-type").startswith("text/html")
        assert r.header("referrer-policy") == "no-referrer" and r.header("cache-control") == "no-store"
        assert "noindex" in (r.header("x-robots-tag") or "")
        html = r.body.decode()
        assert "Бриф &lt;b&gt;тест&lt;/b&gt;" in html and "<b>тест</b>" not in html
        assert "Цели &lt;i&gt;" in html and 'name="goals"' in html and 'type="checkbox"' in html
        assert '<script src="/p/brief.js"' in html
        js = expect_status(anon.get("/p/brief.js"), 200)
        assert js.header("content-type").startswith("text/javascript")
        assert b"PUT" in js.body
        got = expect_status(anon.get(path + "/answers"), 200).json
        assert got["status"] == "sent" and len(got["questions"]) == 7
        tok = st["brief_token"]
        expect_status(anon.get("/b/" + tok[:-1] + ("B" if tok[-1] == "A" else "A")), 404)
        expect_status(anon.get("/b/short"), 404)
    t.run("the brief page: escaped, no-referrer, no-store, noindex, autosave script; a tampered token 404",
          brief_page)

    def autosave():
        path = "/b/" + st["brief_token"] + "/answers"
        ok = expect_status(anon.request("PUT", path, body={"answers": {
            "site": "https://okna.ru", "budget": "150 000", "goals": ["Заявки"]}}), 200).json
        assert ok["saved_at"]
        # Issue 9: one unfinished answer must not keep the others from being saved. The valid
        # ones are stored, a refused one keeps its saved value, and the answer names the rest.
        partly = expect_status(anon.request("PUT", path, body={"answers": {
            "site": "okna.ru", "cms": "Joomla", "nope": "x", "budget": "200 000", "goals": ["Заявки"]}}), 200).json
        assert set(partly["fields"]) == {"site", "cms", "nope"}, partly
        got = expect_status(anon.get(path), 200).json
        assert got["answers"] == {"site": "https://okna.ru", "budget": 200000, "goals": ["Заявки"]}, got
        expect_status(anon.request("PUT", path, body={"answers": {
            "site": "https://okna.ru", "budget": "150 000", "goals": ["Заявки"]}}), 200)
        staff_view = expect_status(sales.get(f"/api/v1/briefs/{st['brief']['id']}"), 200).json
        assert staff_view["answers"]["budget"] == 150000 and staff_view["saved_at"]
        expect_status(anon.request("PUT", path, body={"answers": []}), 400)
    t.run("autosave: typed values stored (\"150 000\" → 150000); a bad answer is named while the valid ones are saved",
          autosave)

    def submit():
        token = st["brief_token"]
        missing = anon.post(f"/b/{token}/submit", {"answers": {"site": "https://okna.ru"}})
        expect_status(missing, 400, "validation_failed")
        assert set(missing.fields()) == {"goals"}, missing.fields()
        sent_before = len(sink.received())
        form = urllib.parse.urlencode([("site", "https://okna.ru"), ("goals", "Заявки"), ("goals", "Трафик"),
                                       ("budget", "150 000"), ("about", "<script>alert(1)</script>"),
                                       ("cms", "Tilda")])
        r = anon.request("POST", f"/b/{token}/submit", raw=form,
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        expect_status(r, 200)
        html = r.body.decode()
        assert "Спасибо" in html and "<form" not in html and "&lt;script&gt;alert(1)" in html, html[:400]
        expect_status(anon.post(f"/b/{token}/submit", {"answers": {"site": "https://x.ru", "goals": ["Заявки"]}}),
                      409, "conflict")
        expect_status(anon.request("PUT", f"/b/{token}/answers", body={"answers": {}}), 409)
        b = expect_status(sales.get(f"/api/v1/briefs/{st['brief']['id']}"), 200).json
        assert b["status"] == "submitted" and b["submitted_at"], b
        assert b["answers"]["goals"] == ["Заявки", "Трафик"] and b["answers"]["budget"] == 150000, b
        # Lands on the deal: a comment, a notification to its owner and an e-mail.
        comments = expect_status(sales.get("/api/v1/deal-comments", query={"deal_id": st["deal"]["id"]}), 200).json
        assert any("бриф" in c["body"].lower() for c in comments["items"]), comments
        # Written through the deal's owner module: searchable like any comment, no author.
        found = expect_status(sales.get("/api/v1/deal-comments", query={"deal_id": st["deal"]["id"],
                                                                         "q": "заполнил БРИФ"}), 200).json["items"]
        assert len(found) == 1 and found[0]["author_id"] is None, found
        notes = expect_status(sales.get("/api/v1/notifications"), 200).json["items"]
        assert any(n["kind"] == "brief_submitted" and n["entity_id"] == b["id"] for n in notes), notes
        deadline = time.time() + 15
        while time.time() < deadline:
            mails = [m for m in sink.received()[sent_before:] if "бриф" in m["subject"].lower()]
            if mails:
                break
            time.sleep(0.2)
        assert mails, f"no brief e-mail reached the SMTP sink ({len(sink.received())} messages in all)"
        assert mails[0]["to"] == ["sales@agency.test"], mails[0]["to"]
        assert "Бриф" in mails[0]["subject"] and "\r\nBcc" not in mails[0]["raw"].decode("utf-8", "replace")
        assert f"https://crm.agency.test/sales?panel=deal:{st['deal']['id']}" in mails[0]["body"], mails[0]["body"]
        page = expect_status(anon.get(f"/b/{token}"), 200).body.decode()
        assert "<form" not in page and "Трафик" in page
    t.run("submit: required named; the form's answers once (then 409); comment, notification and e-mail "
          "to the deal owner; the link turns read-only", submit)

    def brief_revoke():
        b = st["brief"]
        expect_status(sales.post(f"/api/v1/briefs/{b['id']}/revoke", {}), 200)
        expect_status(anon.get("/b/" + st["brief_token"]), 404)
        again = expect_status(sales.post(f"/api/v1/briefs/{b['id']}/send", {}), 200).json
        new_token = token_of(again["public_url"], "/b/")
        assert new_token != st["brief_token"] and again["status"] == "submitted"
        expect_status(anon.get("/b/" + new_token), 200)
        expect_status(anon.get("/b/" + st["brief_token"]), 404)
        leaked = world.db.query("SELECT COUNT(*) FROM audit_log WHERE after_json LIKE '%" + new_token + "%' "
                                "OR before_json LIKE '%" + new_token + "%'")
        assert int(leaked[0][0]) == 0, "a live brief link reached the audit log"
    t.run("brief links: revoke → 404, sending again makes a new link; no token in the audit log", brief_revoke)

    # ---------------------------------------------------------------- price list and estimate
    def price_list():
        bad = sales.post("/api/v1/price-items", {"name": "x", "unit": "шт", "pricing": "hourly"})
        expect_status(bad, 400, "validation_failed")
        assert {"rate_kopecks", "minutes_per_unit"} <= set(bad.fields()), bad.fields()
        expect_status(sales.post("/api/v1/price-items", {"name": "x", "unit": "шт", "pricing": "fixed"}), 400)
        expect_status(specialist.post("/api/v1/price-items", {"name": "x", "unit": "шт", "pricing": "fixed",
                                                              "price_kopecks": 1}), 403)
        setup = expect_status(sales.post("/api/v1/price-items", {
            "name": "Настройка Директ", "unit": "шт", "pricing": "fixed", "price_kopecks": 2000000,
            "minutes_per_unit": 600}), 201).json
        hour = expect_status(sales.post("/api/v1/price-items", {
            "name": "Час специалиста", "unit": "час", "pricing": "hourly", "rate_kopecks": 250000,
            "minutes_per_unit": 60}), 201).json
        assert hour["unit_price_kopecks"] == 250000 and setup["unit_price_kopecks"] == 2000000
        st.update(setup=setup, hour=hour)
    t.run("price list: fixed and hourly items, required fields per pricing, roles", price_list)

    def estimate():
        deal = st["deal"]
        bad = sales.post("/api/v1/estimates", {"deal_id": deal["id"], "lines": [
            {"price_item_id": st["setup"]["id"]}, {"name": "x", "quantity": 0.0001, "unit_price_kopecks": -1,
                                                   "discount_percent": 101}, {"quantity": 1}]})
        expect_status(bad, 400, "validation_failed")
        f = bad.fields()
        assert {"lines[1].quantity", "lines[1].unit_price_kopecks", "lines[1].discount_percent", "lines[2].name",
                "lines[2].unit_price_kopecks"} <= set(f), f
        assert not any(k.startswith("lines[0]") for k in f), f
        expect_status(sales.post("/api/v1/estimates", {"deal_id": deal["id"], "lines": []}), 400)
        e = expect_status(sales.post("/api/v1/estimates", {"deal_id": deal["id"], "title": "Директ", "lines": [
            {"price_item_id": st["setup"]["id"], "discount_percent": 10},
            {"price_item_id": st["hour"]["id"], "quantity": 1.5},
            {"name": "Аудит <script>alert(1)</script>", "unit": "шт", "unit_price_kopecks": 1000050}]}), 201).json
        # By hand: 18,000.00 + 3,750.00 + 10,000.50 net; VAT 22 % per line 3,960.00 + 825.00 + 2,200.11.
        assert e["revision"] == 1 and e["tax_mode"] == "vat" and e["vat_rate_percent"] == 22, e
        assert [ln["amount_kopecks"] for ln in e["lines"]] == [1800000, 375000, 1000050], e["lines"]
        assert [ln["vat_kopecks"] for ln in e["lines"]] == [396000, 82500, 220011], e["lines"]
        assert e["net_kopecks"] == 3175050 and e["vat_kopecks"] == 698511 and e["total_kopecks"] == 3873561, e
        assert e["discount_kopecks"] == 200000 and e["minutes"] == 690, e
        # Cost and margin exist for the roles that see costs (issue 8), not for sales.
        assert "cost_kopecks" not in e and "margin_kopecks" not in e and "margin_percent" not in e, e
        costs = expect_status(world.sessions["owner"].get(f"/api/v1/estimates/{e['id']}"), 200).json
        assert costs["cost_rate_kopecks"] == 100000 and costs["cost_kopecks"] == 1150000, costs  # 11.5 h × 1,000 ₽
        assert costs["margin_kopecks"] == 2025050 and abs(costs["margin_percent"] - 63.8) < 1e-9, costs
        assert e["lines"][1]["quantity"] == 1.5 and e["lines"][0]["quantity"] == 1 and e["lines"][0]["name"] == "Настройка Директ"
        # A price change later does not touch the saved estimate.
        expect_status(sales.patch(f"/api/v1/price-items/{st['setup']['id']}", {
            "price_kopecks": 9900000, "version": st["setup"]["version"]}), 200)
        again = expect_status(sales.get(f"/api/v1/estimates/{e['id']}"), 200).json
        assert again["total_kopecks"] == 3873561
        edited = expect_status(sales.patch(f"/api/v1/estimates/{e['id']}", {
            "lines": e["lines"] + [{"name": "Отчёт", "unit_price_kopecks": 100000, "quantity": 2}],
            "version": e["version"]}), 200).json
        assert edited["net_kopecks"] == 3375050 and edited["revision"] == 1, edited
        st["estimate"] = edited
    t.run("estimate: lines from the price list and free lines; figures by hand (VAT per line, discounts, "
          "hours, cost, margin); errors name the line", estimate)

    def proposal():
        e = st["estimate"]
        expect_status(specialist.post(f"/api/v1/estimates/{e['id']}/proposal", {}), 403)
        doc = expect_status(sales.post(f"/api/v1/estimates/{e['id']}/proposal", {}), 201).json
        assert doc["kind"] == "proposal" and doc["estimate_id"] == e["id"] and doc["deal_id"] == st["deal"]["id"], doc
        assert doc["number"].startswith("КП-"), doc
        frozen = expect_status(sales.get(f"/api/v1/estimates/{e['id']}"), 200).json
        assert frozen["status"] == "proposed" and frozen["proposal_document_id"] == doc["id"], frozen
        expect_status(sales.patch(f"/api/v1/estimates/{e['id']}", {"title": "x", "version": frozen["version"]}),
                      409, "conflict")
        expect_status(sales.post(f"/api/v1/estimates/{e['id']}/proposal", {}), 409)
        expect_status(sales.delete(f"/api/v1/estimates/{e['id']}"), 409)
        deal = expect_status(sales.get(f"/api/v1/deals/{st['deal']['id']}"), 200).json
        assert deal["amount_kopecks"] == frozen["total_kopecks"], deal
        rev = expect_status(sales.post(f"/api/v1/estimates/{e['id']}/revise", {}), 201).json
        assert rev["revision"] == 2 and rev["status"] == "draft" and rev["total_kopecks"] == frozen["total_kopecks"], rev
        preview = expect_status(sales.get(f"/api/v1/documents/{doc['id']}/preview"), 200)
        html = preview.body.decode()
        assert "Настройка Директ" in html and "Аудит &lt;script&gt;alert(1)&lt;/script&gt;" in html, html[:2000]
        assert "<script>alert(1)" not in html and "НДС 22 %" in html and "1,5" in html
        views = expect_status(sales.get(f"/api/v1/documents/{doc['id']}/views"), 200).json
        assert views["total"] == 0, "the staff preview is not a client's view"
        shared = expect_status(sales.post(f"/api/v1/documents/{doc['id']}/share", {}), 200).json
        st.update(proposal=doc, proposal_token=token_of(shared["public_url"], "/d/"), revision=rev)
    if not t.run("estimate → proposal in one call: frozen (409 on edit), deal amount = total, revise → "
                 "revision 2; the preview shows the lines escaped", proposal):
        return

    def accept_and_contract():
        token = st["proposal_token"]
        head = anon.request("HEAD", "/d/" + token)
        assert head.status == 200, head
        page = expect_status(anon.get("/d/" + token), 200).body.decode()
        assert "38\u2009735,61" in page or "38 735,61" in page or "40\u2009735,61" in page or "Всего" in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
        views = expect_status(sales.get(f"/api/v1/documents/{st['proposal']['id']}/views"), 200).json
        assert views["total"] == 1, f"HEAD must not count as a view: {views}"
        r = expect_status(anon.post(f"/d/{token}/accept", {"name": "Ирина Петрова", "agree": True}), 200).json
        assert r["status"] == "accepted", r
        notes = expect_status(sales.get("/api/v1/notifications"), 200).json["items"]
        assert any(n["kind"] == "proposal_accepted" for n in notes), notes
        e = st["estimate"]
        accepted_page = expect_status(anon.get("/d/" + token), 200).body.decode()
        assert re.search(r"Предложение принято: Ирина Петрова, \d\d\.\d\d\.20\d\d \d\d:\d\d", accepted_page), \
            "the acceptance note shows a local date and time"
        listed = expect_status(sales.get("/api/v1/documents", query={"deal_id": st["deal"]["id"], "kind": "proposal"}),
                               200).json["items"]
        mine = next(d for d in listed if d["id"] == st["proposal"]["id"])
        assert mine["views"] == 2 and mine["last_viewed_at"], mine  # the two GETs above, not the HEAD
        # Without a title the document is named after its kind and the buyer (the prospect's
        # company here), like the proposal.
        contract = expect_status(sales.post("/api/v1/documents", {
            "kind": "contract", "deal_id": st["deal"]["id"], "estimate_id": e["id"]}), 201).json
        assert contract["title"] == "Договор оказания услуг — " + st["deal"]["company"], contract
        untitled = sales.post("/api/v1/documents", {"kind": "act"})
        expect_status(untitled, 400, "validation_failed")
        assert "title" in untitled.fields(), untitled.fields()
        invoice = expect_status(sales.post("/api/v1/documents", {
            "kind": "invoice", "title": "Счёт на первый месяц", "deal_id": st["deal"]["id"],
            "estimate_id": e["id"]}), 201).json
        assert contract["number"].startswith("Д-") and invoice["number"].startswith("СЧ-")
        inv = expect_status(sales.get(f"/api/v1/documents/{invoice['id']}/preview"), 200).body.decode()
        assert "Настройка Директ" in inv and "Всего к оплате" in inv
        other = expect_status(owner.post("/api/v1/deals", {"title": "Другая", "owner_id": sales.user["id"]}), 201).json
        bad = sales.post("/api/v1/documents", {"kind": "invoice", "title": "x", "deal_id": other["id"],
                                               "estimate_id": e["id"]})
        expect_status(bad, 400)
        assert "estimate_id" in bad.fields(), bad.fields()
        st.update(invoice=invoice, contract=contract)
    t.run("the client accepts on the page (HEAD is not a view); owner notified; contract and first invoice "
          "from the same estimate; an estimate of another deal refused", accept_and_contract)

    # ---------------------------------------------------------------- PDF
    def pdf():
        listener = Listener()
        try:
            body = ("<h1>Счёт {{document.number}}</h1><p>{{client.name}}</p>"
                    f'<img src="http://127.0.0.1:{listener.port}/pixel.png">'
                    f'<link rel="stylesheet" href="http://127.0.0.1:{listener.port}/style.css">'
                    f'<img src="file:///etc/passwd"><iframe src="http://127.0.0.1:{listener.port}/frame"></iframe>'
                    f'<script>fetch("http://127.0.0.1:{listener.port}/script")</script>'
                    '<p style="background: url(http://127.0.0.1:%d/bg.png)">Кириллица: Съешь же ещё этих мягких '
                    'французских булок</p>' % listener.port)
            doc = expect_status(sales.post("/api/v1/documents", {
                "kind": "act", "title": "Акт SSRF", "deal_id": st["deal"]["id"], "body_html": body}), 201).json
            t0 = time.time()
            r = expect_status(sales.get(f"/api/v1/documents/{doc['id']}/pdf"), 200)
            first = time.time() - t0
            assert r.header("content-type") == "application/pdf", r.header("content-type")
            assert r.body.startswith(b"%PDF-"), r.body[:20]
            disp = r.header("content-disposition") or ""
            assert "attachment" in disp and "filename*=UTF-8''" in disp, disp
            time.sleep(0.3)
            assert listener.hits == [], f"the PDF renderer fetched {listener.hits}"
            text = pdf_text(r.body)
            if text is not None:
                assert "Съешь же ещё этих мягких" in text, text[:500]
                assert "root:" not in text
            t0 = time.time()
            again = expect_status(sales.get(f"/api/v1/documents/{doc['id']}/pdf"), 200)
            assert again.body == r.body and time.time() - t0 < first, "an unchanged document is rendered once"
            expect_status(specialist.get(f"/api/v1/documents/{doc['id']}/pdf"), 403)
            expect_status(manager.get(f"/api/v1/documents/{doc['id']}/pdf"), 404)
            public = expect_status(anon.get("/d/" + st["proposal_token"] + "/pdf"), 200)
            assert public.body.startswith(b"%PDF-") and public.header("referrer-policy") == "no-referrer"
            ptext = pdf_text(public.body)
            if ptext is not None:
                assert "Настройка Директ" in ptext, ptext[:500]
        finally:
            listener.close()
    t.run("PDF: Cyrillic text extractable; a template pointing at a local HTTP server, file:// and scripts "
          "fetches nothing; cached; roles and scope; the public link's PDF", pdf)

    # ---------------------------------------------------------------- tax mode
    def tax_mode():
        try:
            expect_status(owner.request("PATCH", "/api/v1/agency-settings", body={"tax_mode": "no_vat"}), 200)
            e = expect_status(sales.post("/api/v1/estimates", {"deal_id": st["deal"]["id"], "lines": [
                {"name": "Работа", "unit_price_kopecks": 100000}]}), 201).json
            assert e["vat_rate_percent"] == 0 and e["vat_kopecks"] == 0 and e["total_kopecks"] == 100000, e
            expect_status(owner.request("PATCH", "/api/v1/agency-settings", body={"tax_mode": "usn_vat_5"}), 200)
            e5 = expect_status(sales.post("/api/v1/estimates", {"deal_id": st["deal"]["id"], "lines": [
                {"name": "Работа", "unit_price_kopecks": 50}]}), 201).json
            assert e5["vat_kopecks"] == 3 and e5["revision"] > e["revision"], e5  # 2.5 → 3, half-up
            old = expect_status(sales.get(f"/api/v1/estimates/{st['estimate']['id']}"), 200).json
            assert old["vat_rate_percent"] == 22, "a saved estimate keeps its rate"
        finally:
            owner.request("PATCH", "/api/v1/agency-settings", body={"tax_mode": "vat"})
    t.run("tax mode: без НДС and УСН 5 % apply to new estimates only", tax_mode)

    # ---------------------------------------------------------------- today
    def today():
        deal = expect_status(sales.get(f"/api/v1/deals/{st['deal']['id']}"), 200).json
        d = expect_status(sales.get("/api/v1/sales/today"), 200).json
        date = d["date"]
        y, m, dd = (int(x) for x in date.split("-"))
        import datetime
        yesterday = (datetime.date(y, m, dd) - datetime.timedelta(days=1)).isoformat()
        late = expect_status(owner.post("/api/v1/deals", {"title": "Просрочено", "owner_id": sales.user["id"],
                                                          "next_step": "Позвонить", "next_step_on": yesterday}), 201).json
        now = expect_status(owner.post("/api/v1/deals", {"title": "Сегодня", "owner_id": sales.user["id"],
                                                         "next_step_on": date}), 201).json
        # A second proposal, shared long ago and never answered.
        e = expect_status(sales.post("/api/v1/estimates", {"deal_id": now["id"], "lines": [
            {"name": "Работа", "unit_price_kopecks": 100000}]}), 201).json
        p = expect_status(sales.post(f"/api/v1/estimates/{e['id']}/proposal", {}), 201).json
        expect_status(sales.post(f"/api/v1/documents/{p['id']}/share", {}), 200)
        world.db.execute(f"UPDATE documents SET shared_at = '2020-01-01T00:00:00Z' WHERE id = {p['id']}")
        d = expect_status(sales.get("/api/v1/sales/today"), 200).json
        assert [x["id"] for x in d["overdue"]] == [late["id"]], d["overdue"]
        assert now["id"] in [x["id"] for x in d["due_today"]], d["due_today"]
        assert d["overdue"][0]["stage_name"] and d["overdue"][0]["next_step"] == "Позвонить"
        assert any(b["deal_id"] == deal["id"] for b in d["briefs_returned"]), d["briefs_returned"]
        waiting = [x["document_id"] for x in d["proposals_waiting"]]
        assert p["id"] in waiting, d["proposals_waiting"]
        assert st["proposal"]["id"] not in waiting, "an accepted proposal waits for nothing"
        mine = expect_status(manager.get("/api/v1/sales/today"), 200).json
        assert mine["overdue"] == [] and mine["proposals_waiting"] == [], mine
        expect_status(manager.get("/api/v1/sales/today", query={"owner_id": sales.user["id"]}), 403)
        other = expect_status(owner.get("/api/v1/sales/today", query={"owner_id": sales.user["id"]}), 200).json
        assert [x["id"] for x in other["overdue"]] == [late["id"]]
        expect_status(sales.get("/api/v1/sales/today", query={"owner_id": "x"}), 400)
    def tasks():
        deal = st["deal"]
        d = expect_status(sales.get("/api/v1/sales/today"), 200).json
        import datetime
        y, m, dd = (int(x) for x in d["date"].split("-"))
        yesterday = (datetime.date(y, m, dd) - datetime.timedelta(days=1)).isoformat()
        tomorrow = (datetime.date(y, m, dd) + datetime.timedelta(days=1)).isoformat()
        late = expect_status(sales.post("/api/v1/deal-tasks", {"deal_id": deal["id"], "title": "Выслать кейсы",
                                                               "due_on": yesterday}), 201).json
        assert late["assignee_id"] == sales.user["id"] and late["author_id"] == sales.user["id"] and not late["done"]
        expect_status(sales.post("/api/v1/deal-tasks", {"deal_id": deal["id"], "title": "Потом", "due_on": tomorrow}), 201)
        for_owner = expect_status(sales.post("/api/v1/deal-tasks", {
            "deal_id": deal["id"], "title": "Согласовать скидку", "due_on": d["date"],
            "assignee_id": owner.user["id"]}), 201).json
        bad = sales.post("/api/v1/deal-tasks", {"deal_id": deal["id"], "title": "", "due_on": "завтра",
                                                "assignee_id": world.users["client"]["id"]})
        expect_status(bad, 400, "validation_failed")
        assert {"title", "due_on"} <= set(bad.fields()), bad.fields()
        bad = sales.post("/api/v1/deal-tasks", {"deal_id": deal["id"], "title": "x",
                                                "assignee_id": world.users["client"]["id"]})
        assert "assignee_id" in expect_status(bad, 400).fields()
        expect_status(manager.post("/api/v1/deal-tasks", {"deal_id": deal["id"], "title": "x"}), 400)
        def today_tasks(session):  # on this deal (the fixture agency has tasks of its own)
            items = expect_status(session.get("/api/v1/sales/today"), 200).json["tasks"]
            return [x for x in items if x["deal_id"] == deal["id"]]
        mine = today_tasks(sales)
        assert [(x["task_id"], x["overdue"]) for x in mine] == [(late["id"], True)], mine
        theirs = today_tasks(owner)
        assert [x["task_id"] for x in theirs] == [for_owner["id"]] and theirs[0]["overdue"] is False, theirs
        done = expect_status(sales.patch(f"/api/v1/deal-tasks/{late['id']}", {"done": True,
                                                                              "version": late["version"]}), 200).json
        assert done["done"] is True and done["done_at"], done
        assert today_tasks(sales) == []
        undone = expect_status(sales.patch(f"/api/v1/deal-tasks/{late['id']}", {"done": False,
                                                                                "version": done["version"]}), 200).json
        assert undone["done_at"] is None
        listed = expect_status(sales.get("/api/v1/deal-tasks", query={"deal_id": deal["id"], "sort": "due_on"}),
                               200).json["items"]
        assert [x["title"] for x in listed] == ["Выслать кейсы", "Согласовать скидку", "Потом"], listed
        expect_status(sales.delete(f"/api/v1/deal-tasks/{late['id']}"), 204)
    def digest():
        # A task due yesterday, so sales@ certainly has something to do today.
        d = expect_status(sales.get("/api/v1/sales/today"), 200).json
        import datetime
        y, m, dd = (int(x) for x in d["date"].split("-"))
        yesterday = (datetime.date(y, m, dd) - datetime.timedelta(days=1)).isoformat()
        reminder = expect_status(sales.post("/api/v1/deal-tasks", {
            "deal_id": st["deal"]["id"], "title": "Напоминание <b>", "due_on": yesterday}), 201).json
        before = len(sink.received())
        out = world.server.cli("remind")
        assert out.returncode == 0 and "reminder e-mails queued:" in out.stdout, (out.stdout, out.stderr)
        assert int(out.stdout.split(":")[-1]) >= 1, out.stdout
        deadline = time.time() + 15
        mails = []
        while time.time() < deadline and not mails:
            mails = [m for m in sink.received()[before:] if m["to"] == ["sales@agency.test"]
                     and m["subject"].startswith("Retainer: дела на")]
            time.sleep(0.2)
        assert mails, "the reminder e-mail did not reach the SMTP sink"
        body = mails[0]["body"]
        assert "Задачи (" in body and "Напоминание <b>" in body, body
        assert "Открыть: https://crm.agency.test/sales/today" in body, body
        again = world.server.cli("remind")
        assert again.stdout.strip().endswith(": 0"), "a second run the same day sends nothing"
        sent = world.db.query("SELECT COUNT(*) FROM reminder_digests")
        assert int(sent[0][0]) >= 1
        expect_status(sales.delete(f"/api/v1/deal-tasks/{reminder['id']}"), 204)
    t.run("the morning reminder e-mail: `retainer remind` queues the today list for each person once "
          "a day; the server delivers it over SMTP", digest)

    t.run("deal tasks: assignee defaults to the author, an employee only; due today or overdue in the "
          "assignee's today list until done; done_at kept", tasks)

    t.run("today: overdue, due today, briefs returned, proposals waiting past the follow-up days; "
          "only one's own unless owner/head", today)

    # ---------------------------------------------------------------- analytics
    def analytics():
        pipe = expect_status(owner.post("/api/v1/pipelines", {"name": "Аналитика", "code": "analytics-test",
                                                              "position": 70}), 201).json
        stages = {}
        for pos, (name, kind) in enumerate([("Новая", "open"), ("Бриф", "open"), ("КП", "open"),
                                            ("Выиграна", "won"), ("Проиграна", "lost")]):
            stages[name] = expect_status(owner.post("/api/v1/pipeline-stages", {
                "pipeline_id": pipe["id"], "name": name, "position": pos + 1, "kind": kind}), 201).json["id"]

        def deal(title, path, amount=None, reason=None):
            d = expect_status(sales.post("/api/v1/deals", {"title": title, "pipeline_id": pipe["id"],
                                                           "amount_kopecks": amount}), 201).json
            for name in path:
                body = {"stage_id": stages[name], "version": d["version"]}
                if name == "Проиграна":
                    body["lost_reason"] = reason
                d = expect_status(sales.patch(f"/api/v1/deals/{d['id']}", body), 200).json
            return d
        deal("A", [])
        deal("B", ["Бриф", "КП", "Выиграна"], 500000)
        deal("C", ["Бриф", "Проиграна"], reason="Дорого")
        deal("D", ["КП", "Выиграна"], 300000)
        deal("E", ["КП", "Проиграна"], reason="Дорого")
        a = expect_status(sales.get("/api/v1/sales/analytics", query={"pipeline_id": pipe["id"]}), 200).json
        by = {s["name"]: s for s in a["stages"]}
        assert [s["name"] for s in a["stages"]] == ["Новая", "Бриф", "КП", "Выиграна", "Проиграна"], a["stages"]
        assert (by["Новая"]["entered"], by["Новая"]["moved_on"], by["Новая"]["conversion_percent"]) == (5, 4, 80.0)
        assert (by["Бриф"]["entered"], by["Бриф"]["moved_on"]) == (4, 3), by["Бриф"]
        assert (by["КП"]["entered"], by["КП"]["moved_on"], by["КП"]["conversion_percent"]) == (3, 2, 66.7)
        assert by["Новая"]["avg_minutes"] is not None and by["Выиграна"]["conversion_percent"] is None
        tot = a["totals"]
        assert (tot["deals"], tot["won"], tot["lost"], tot["won_amount_kopecks"], tot["win_rate_percent"]) == \
            (5, 2, 2, 800000, 50.0), tot
        assert a["lost_reasons"] == [{"reason": "Дорого", "count": 2}], a["lost_reasons"]
        assert a["owners"][0]["owner_id"] == sales.user["id"] and a["owners"][0]["deals"] == 5
        default = expect_status(sales.get("/api/v1/sales/analytics"), 200).json
        assert default["pipeline_id"] != pipe["id"] or default["totals"]["deals"] >= 5
        none = expect_status(sales.get("/api/v1/sales/analytics", query={
            "pipeline_id": pipe["id"], "from": "2020-01-01", "to": "2020-12-31"}), 200).json
        assert none["totals"]["deals"] == 0 and none["totals"]["win_rate_percent"] is None
        bad = sales.get("/api/v1/sales/analytics", query={"from": "2026-13-01"})
        expect_status(bad, 400)
        assert "from" in bad.fields()
        expect_status(sales.get("/api/v1/sales/analytics", query={"pipeline_id": 999999}), 400)
        expect_status(manager.get("/api/v1/sales/analytics"), 403)
    t.run("analytics: a hand-built funnel (skipped stages count as passed), time in stage, win rate, "
          "lost reasons, owners; empty period; bad input named", analytics)

    # ---------------------------------------------------------------- notifications
    def notifications():
        mine = expect_status(sales.get("/api/v1/notifications", query={"unread": "true"}), 200).json
        assert mine["unread"] >= 2 and mine["items"], mine
        assert mine["total"] == mine["unread"] and mine["limit"] == 50 and mine["offset"] == 0, mine
        page = expect_status(sales.get("/api/v1/notifications", query={"limit": 1, "offset": 1}), 200).json
        assert len(page["items"]) == 1 and page["items"][0]["id"] == mine["items"][1]["id"], page
        expect_status(sales.get("/api/v1/notifications", query={"limit": 0}), 400)
        first = mine["items"][0]
        expect_status(manager.post(f"/api/v1/notifications/{first['id']}/read", {}), 404)
        expect_status(sales.post(f"/api/v1/notifications/{first['id']}/read", {}), 200)
        after = expect_status(sales.get("/api/v1/notifications", query={"unread": "true"}), 200).json
        assert after["unread"] == mine["unread"] - 1
        expect_status(sales.post("/api/v1/notifications/read-all", {}), 200)
        assert expect_status(sales.get("/api/v1/notifications", query={"unread": "true"}), 200).json["unread"] == 0
        expect_status(sales.get("/api/v1/notifications", query={"unread": "yes"}), 400)
    t.run("notifications: own only, read one, read all", notifications)
