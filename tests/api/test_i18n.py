"""People read the server in their language (issue 9, item 3): staff in the language their client
asks for (the web UI sends Accept-Language), the agency's customers on secret-link pages in the
agency's language, machines without Accept-Language in English. The suite's closing checks also
fail when any answer carried a text with no Russian in the catalog (run.py)."""
from harness import Session, expect_status


def run(t, world):
    owner = world.sessions["owner"]
    ids = world.ids
    ru = {"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.8"}
    en = {"Accept-Language": "en-GB,en;q=0.9"}

    def staff_errors_in_their_language():
        r = owner.request("POST", "/api/v1/clients", body={"inn": "123"}, headers=ru)
        expect_status(r, 400, "validation_failed")
        assert r.json["error"]["message"] == "проверьте поля", r.json
        assert r.fields() == {"name": "обязательное поле", "inn": "должен состоять из 10 или 12 цифр"}, r.fields()
        r = owner.request("POST", "/api/v1/clients", body={"inn": "123"}, headers=en)
        assert r.fields()["name"] == "is required", r.fields()
        # No Accept-Language (an integration): English, the codes unchanged.
        r = owner.post("/api/v1/clients", {"inn": "123"})
        assert r.error_code() == "validation_failed" and r.fields()["name"] == "is required", r.json
        # The examples of the review.
        r = owner.request("GET", "/api/v1/reports/time", query={"rows": "employee", "from": "2026-12-07",
                                                                "to": "2026-12-01"}, headers=ru)
        assert r.fields()["to"] == "не может быть раньше даты «с»", r.fields()
        r = owner.request("POST", "/api/v1/services", headers=ru, body={
            "client_id": ids["client_own"], "service_type_id": ids["type_own"], "name": "x",
            "starts_on": "2026-12-01", "monthly_fee_kopecks": -5})
        assert r.fields()["monthly_fee_kopecks"] == "должно быть от 0 до 100000000000", r.fields()
        r = owner.request("GET", "/api/v1/clients/987654", headers=ru)
        expect_status(r, 404, "not_found")
        assert r.json["error"]["message"] == "не найдено", r.json
        anon = world.session()
        r = anon.request("POST", "/api/v1/auth/login", body={"email": "nobody@agency.test", "password": "x"},
                         headers=ru)
        assert r.json["error"]["message"] == "неверный e-mail или пароль", r.json
    t.run("staff get errors and field messages in the language they ask for (ru, en); English without one",
          staff_errors_in_their_language)

    def customers_read_the_agency_language():
        sales = world.sessions["sales"]
        b = expect_status(sales.post("/api/v1/briefs", {"deal_id": ids["deal_own"],
                                                        "template_id": ids["brief_template"]}), 201).json
        url = expect_status(sales.post(f"/api/v1/briefs/{b['id']}/send", {}), 200).json["public_url"]
        visitor = Session(world.port, "brief-visitor")
        # An English browser still reads the agency's language on the agency's page.
        page = expect_status(visitor.request("GET", url, headers=en), 200).body.decode()
        assert '<html lang="ru">' in page and "Отправить бриф" in page and "Send the brief" not in page, page[:600]
        bad = visitor.request("POST", url + "/submit", body={"answers": {}}, headers=en)
        expect_status(bad, 400, "validation_failed")
        assert bad.fields() == {"site": "нужен ответ"}, bad.fields()
        saved = expect_status(visitor.request("PUT", url + "/answers", body={"answers": {"site": "okna"}},
                                              headers=en), 200).json
        assert saved["fields"] == {"site": "должна быть ссылка, начинающаяся с http:// или https://"}, saved
        settings = expect_status(owner.patch("/api/v1/agency-settings", {"language": "en"}), 200).json
        assert settings["language"] == "en", settings
        try:
            page = expect_status(visitor.request("GET", url, headers=ru), 200).body.decode()
            assert '<html lang="en">' in page and "Send the brief" in page and "Отправить" not in page, page[:600]
            bad = visitor.request("POST", url + "/submit", body={"answers": {}}, headers=ru)
            assert bad.fields() == {"site": "an answer is required"}, bad.fields()
            config = expect_status(Session(world.port).get("/api/v1/public/config"), 200).json
            assert config["language"] == "en" and config["demo"] is False, config
        finally:
            expect_status(owner.patch("/api/v1/agency-settings", {"language": "ru"}), 200)
        expect_status(owner.patch("/api/v1/agency-settings", {"language": "de"}), 400, "validation_failed")
    t.run("the agency's customers read brief pages and their errors in the agency's language, whatever "
          "their browser says", customers_read_the_agency_language)
