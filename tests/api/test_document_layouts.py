"""Customer documents look finished (issue 9, item 4): each shipped template, for a client with
full requisites, prints every requisite of both parties, the date as DD.MM.YYYY, the amount in
words and no doubled ₽; a contract, invoice or act without the buyer's (or the agency's)
requisites cannot be shared, and the answer names what is missing."""
import re

from harness import expect_status

AGENCY = {
    "agency_legal_name": "ООО «Агентство Тест»", "agency_inn": "7707083893", "agency_kpp": "770701001",
    "agency_ogrn": "1027700132195", "agency_address": "125009, г. Москва, ул. Тверская, д. 7",
    "agency_bank_name": "ПАО Сбербанк", "agency_bik": "044525225",
    "agency_correspondent_account": "30101810400000000225", "agency_bank_account": "40702810938000000001",
    "agency_director": "Иванова Ольга Сергеевна", "agency_accountant": "Смирнова Анна Петровна",
}
CLIENT = {
    "name": "Ромашка", "legal_name": "ООО «Ромашка Документы»", "inn": "7728168971", "kpp": "772801001",
    "ogrn": "1027739099629", "legal_address": "119002, г. Москва, ул. Арбат, д. 1",
    "bank_name": "АО «Альфа-Банк»", "bik": "044525593", "bank_account": "40702810301400001206",
    "correspondent_account": "30101810200000000593",
}


def run(t, world):
    owner = world.sessions["owner"]
    sales = world.sessions["sales"]
    state = {}

    def fixtures():
        before = expect_status(owner.get("/api/v1/agency-settings"), 200).json
        state["agency_before"] = {k: before.get(k, "") for k in AGENCY}
        expect_status(owner.patch("/api/v1/agency-settings", AGENCY), 200)
        bad = owner.patch("/api/v1/agency-settings", {"agency_inn": "123", "agency_bank_account": "40702810938000000002"})
        expect_status(bad, 400, "validation_failed")
        assert set(bad.fields()) == {"agency_inn"}, bad.fields()
        bad = owner.patch("/api/v1/agency-settings", {"agency_bank_account": "40702810938000000002"})
        assert "agency_bank_account" in bad.fields(), bad.fields()
        client = expect_status(owner.post("/api/v1/clients", {**CLIENT, "account_manager_id": world.users["manager"]["id"]}),
                               201).json
        deal = expect_status(sales.post("/api/v1/deals", {"title": "Заявка: ООО Ромашка", "client_id": client["id"],
                                                           "amount_kopecks": 32635000}), 201).json
        prospect = expect_status(sales.post("/api/v1/deals", {"title": "Заявка: Без реквизитов",
                                                               "company": "ИП Безымянный",
                                                               "amount_kopecks": 1000000}), 201).json
        state.update(client=client, deal=deal, prospect=prospect)
    if not t.run("fixtures: the agency's requisites field by field (checked), a client with full requisites",
                 fixtures):
        return

    def every_field_printed():
        today = None
        for kind in ("proposal", "contract", "invoice", "act"):
            doc = expect_status(sales.post("/api/v1/documents", {"kind": kind, "deal_id": state["deal"]["id"]}), 201).json
            assert doc["title"].endswith("— ООО «Ромашка Документы»"), doc["title"]
            assert "Заявка" not in doc["title"], doc["title"]
            html = expect_status(sales.get(f"/api/v1/documents/{doc['id']}/preview"), 200).body.decode()
            m = re.search(r"\b(\d\d)\.(\d\d)\.(20\d\d)\b", html)
            assert m, f"{kind}: no DD.MM.YYYY date"
            today = today or m.group(0)
            assert not re.search(r"20\d\d-\d\d-\d\d", html), f"{kind}: an ISO date is printed"
            assert "₽ ₽" not in html and "₽&nbsp;₽" not in html, f"{kind}: ₽ twice"
            assert "( )" not in html and "()" not in html and ", ," not in html and "ИНН ," not in html, kind
            if kind == "proposal":  # the legal name, and the name beside it only because it differs
                assert "ООО «Ромашка Документы»</strong> (Ромашка)" in html, f"{kind}: the buyer's name"
            must = ["ООО «Ромашка Документы»", "ООО «Агентство Тест»"]
            if kind in ("contract", "invoice", "act"):
                must += [CLIENT["inn"], CLIENT["kpp"], AGENCY["agency_inn"], CLIENT["legal_address"],
                         AGENCY["agency_address"]]
            if kind in ("contract", "invoice"):
                must += [AGENCY["agency_bank_name"], AGENCY["agency_bik"], AGENCY["agency_bank_account"],
                         AGENCY["agency_correspondent_account"]]
            if kind == "contract":
                must += [CLIENT["ogrn"], AGENCY["agency_ogrn"], CLIENT["bank_name"], CLIENT["bik"],
                         CLIENT["bank_account"], CLIENT["correspondent_account"], AGENCY["agency_director"],
                         "Триста двадцать шесть тысяч триста пятьдесят рублей 00 копеек"]
            if kind == "invoice":
                must += ["Банк получателя", "Получатель", "Итого", "Всего к оплате", "Всего наименований 1",
                         "Триста двадцать шесть тысяч триста пятьдесят рублей 00 копеек", "Руководитель",
                         "Бухгалтер", AGENCY["agency_director"], AGENCY["agency_accountant"]]
            if kind == "act":
                must += ["Триста двадцать шесть тысяч триста пятьдесят рублей 00 копеек", AGENCY["agency_director"]]
            for text in must:
                assert text in html.replace("&#39;", "'").replace("&quot;", '"'), f"{kind}: {text!r} missing"
            assert "max-width: 210mm" in html and "size: A4" in html, f"{kind}: screen and print layouts"
            expect_status(sales.post(f"/api/v1/documents/{doc['id']}/share", {}), 200)
    t.run("each shipped template prints both parties' requisites, DD.MM.YYYY, the amount in words, one ₽ "
          "(proposal, contract, invoice, act)", every_field_printed)

    def sharing_needs_requisites():
        deal = state["prospect"]
        ready = expect_status(sales.get(f"/api/v1/deals/{deal['id']}/document-readiness"), 200).json
        assert ready["client_id"] is None, ready
        assert set(ready["missing"]["invoice"]["client"]) >= {"legal_name", "inn", "legal_address"}, ready
        assert ready["missing"]["invoice"]["agency"] == [], ready
        full = expect_status(sales.get(f"/api/v1/deals/{state['deal']['id']}/document-readiness"), 200).json
        assert all(not v["client"] and not v["agency"] for v in full["missing"].values()), full
        for kind in ("contract", "invoice", "act"):
            doc = expect_status(sales.post("/api/v1/documents", {"kind": kind, "deal_id": deal["id"]}), 201).json
            assert doc["title"].endswith("— ИП Безымянный"), doc["title"]
            r = sales.post(f"/api/v1/documents/{doc['id']}/share", {})
            expect_status(r, 400, "validation_failed")
            assert {"client.legal_name", "client.inn", "client.legal_address"} <= set(r.fields()), r.fields()
            assert expect_status(sales.get(f"/api/v1/documents/{doc['id']}"), 200).json["public_url"] is None
        # A proposal needs no requisites.
        prop = expect_status(sales.post("/api/v1/documents", {"kind": "proposal", "deal_id": deal["id"]}), 201).json
        expect_status(sales.post(f"/api/v1/documents/{prop['id']}/share", {}), 200)
        # The agency's own requisites count too.
        expect_status(owner.patch("/api/v1/agency-settings", {"agency_director": ""}), 200)
        try:
            inv = expect_status(sales.post("/api/v1/documents", {"kind": "invoice", "deal_id": state["deal"]["id"]}),
                                201).json
            r = sales.post(f"/api/v1/documents/{inv['id']}/share", {})
            expect_status(r, 400, "validation_failed")
            assert set(r.fields()) == {"agency.director"}, r.fields()
        finally:
            expect_status(owner.patch("/api/v1/agency-settings", {"agency_director": AGENCY["agency_director"]}), 200)
        expect_status(world.sessions["specialist"].get(f"/api/v1/deals/{deal['id']}/document-readiness"), 403)
        expect_status(world.sessions["manager"].get(f"/api/v1/deals/{deal['id']}/document-readiness"), 404)
    t.run("a contract, invoice or act without the parties' requisites is not shared: the answer names the "
          "missing fields; the deal says which are missing", sharing_needs_requisites)

    def client_attached_later():
        # A contract drafted while the deal was a prospect, then the deal gets its client: the
        # deal card's readiness and the share agree, and the shared contract is the client's.
        later = expect_status(sales.post("/api/v1/deals", {"title": "Заявка: позже клиент",
                                                            "company": "Ромашка", "amount_kopecks": 500000}),
                              201).json
        doc = expect_status(sales.post("/api/v1/documents", {"kind": "contract", "deal_id": later["id"]}), 201).json
        assert doc["client_id"] is None, doc
        expect_status(sales.post(f"/api/v1/documents/{doc['id']}/share", {}), 400, "validation_failed")
        expect_status(sales.patch(f"/api/v1/deals/{later['id']}",
                                  {"client_id": state["client"]["id"], "version": later["version"]}), 200)
        ready = expect_status(sales.get(f"/api/v1/deals/{later['id']}/document-readiness"), 200).json
        assert not ready["missing"]["contract"]["client"], ready
        html = expect_status(sales.get(f"/api/v1/documents/{doc['id']}/preview"), 200).body.decode()
        assert CLIENT["inn"] in html, "the preview prints the deal's client"
        expect_status(sales.post(f"/api/v1/documents/{doc['id']}/share", {}), 200)
        shared = expect_status(sales.get(f"/api/v1/documents/{doc['id']}"), 200).json
        assert shared["client_id"] == state["client"]["id"] and shared["public_url"], shared
    t.run("a document drafted before the deal had a client prints, checks and is shared with the deal's "
          "client (readiness and share agree)", client_attached_later)
