"""Validation: per-field errors, requisites checksums, types, money overflow, minutes, 24 h a day."""
from harness import expect_status
from world import day


def fields_of(r, *expected):
    expect_status(r, 400, "validation_failed")
    f = r.fields()
    for name in expected:
        assert name in f, f"fields.{name} missing in {r!r}"
        assert isinstance(f[name], str) and f[name], f
    assert r.json["error"]["message"], r
    return f


def run(t, world):
    s = world.sessions["owner"]
    ids = world.ids

    def no_write(fn):
        """Runs fn and asserts the database did not change."""
        before = world.db.snapshot()
        fn()
        after = world.db.snapshot()
        from harness import diff_snapshots
        changed = diff_snapshots(before, after)
        assert not changed, f"a refused request changed tables {changed}"

    def inn_kpp():
        c = lambda body: s.post("/api/v1/clients", {"name": "Реквизиты", **body})  # noqa: E731
        f = fields_of(c({"inn": "7707083894"}), "inn")
        assert "check" in f["inn"], f
        fields_of(c({"inn": "500100732258"}), "inn")          # bad 12-digit checksum
        fields_of(c({"inn": "12345"}), "inn")                 # wrong length
        fields_of(c({"inn": "77070838a3"}), "inn")            # not digits
        fields_of(c({"kpp": "77360100"}), "kpp")              # 8 characters
        fields_of(c({"kpp": "7736010011"}), "kpp")
        fields_of(c({"kpp": "77a601001"}), "kpp")
        fields_of(c({"inn": "500100732259", "kpp": "773601001"}), "kpp")  # ИП has no КПП
        fields_of(c({"ogrn": "1027700132196"}), "ogrn")       # wrong check digit (…195 is right)
        fields_of(c({"bik": "04452522"}), "bik")
        fields_of(c({"bik": "044525225", "bank_account": "40702810400000000001"}), "bank_account")
    t.run("ИНН checksums (10 and 12 digits), КПП form, ИП without КПП, ОГРН, БИК, account keys → 400",
          lambda: no_write(inn_kpp))

    def valid_requisites():
        c = lambda body: s.post("/api/v1/clients", {"name": "Реквизиты", **body})  # noqa: E731
        ok = expect_status(c({"inn": "7707083893", "kpp": "773601001", "ogrn": "1027700132195",
                              "bik": "044525225", "correspondent_account": "30101810400000000225",
                              "bank_account": "40702810938000000001"}), 201)
        assert ok.json["inn"] == "7707083893" and ok.json["kpp"] == "773601001"
        expect_status(c({"inn": "500100732259"}), 201)
        expect_status(c({"kpp": "7736AB001", "inn": "7707083893"}), 201)
    t.run("valid requisites are accepted (10/12-digit ИНН, КПП with letters, ОГРН, БИК, accounts)",
          valid_requisites)

    def several_fields_at_once():
        r = s.post("/api/v1/clients", {"name": "", "inn": "1", "email": "not-an-email", "website": "ftp://x",
                                       "status": "sleeping", "tags": "seo", "account_manager_id": "7",
                                       "unknown_column": 1})
        f = fields_of(r, "name", "inn", "email", "website", "status", "tags", "account_manager_id",
                      "unknown_column")
        assert len(f) == 8, f
    t.run("every bad field is reported at once in fields", lambda: no_write(several_fields_at_once))

    def required_fields():
        fields_of(s.post("/api/v1/clients", {}), "name")
        fields_of(s.post("/api/v1/contacts", {}), "client_id", "name")
        fields_of(s.post("/api/v1/services", {}), "client_id", "service_type_id", "name",
                  "monthly_fee_kopecks", "starts_on")
        fields_of(s.post("/api/v1/time-entries", {}), "service_id", "date", "duration_minutes")
        fields_of(s.post("/api/v1/employees", {}), "email", "name", "role")
        fields_of(s.post("/api/v1/groups", {}), "name", "direction")
        fields_of(s.post("/api/v1/service-types", {}), "code", "name", "direction", "planning_rate_kopecks")
        fields_of(s.post("/api/v1/clients", {"name": None}), "name")
        fields_of(s.post("/api/v1/clients", {"name": "   "}), "name")
        c = expect_status(s.get(f"/api/v1/clients/{ids['client_own']}"), 200).json
        fields_of(s.patch(f"/api/v1/clients/{ids['client_own']}", {"name": None, "version": c["version"]}), "name")
    t.run("required fields on every create; null/blank required values", lambda: no_write(required_fields))

    def wrong_types():
        fields_of(s.post("/api/v1/clients", {"name": 5}), "name")
        fields_of(s.post("/api/v1/clients", {"name": ["a"]}), "name")
        fields_of(s.post("/api/v1/contacts", {"client_id": "1", "name": "x"}), "client_id")
        fields_of(s.post("/api/v1/contacts", {"client_id": 1.5, "name": "x"}), "client_id")
        fields_of(s.post("/api/v1/contacts", {"client_id": -1, "name": "x"}), "client_id")
        fields_of(s.post("/api/v1/contacts", {"client_id": ids["client_own"], "name": "x", "is_primary": "yes"}),
                  "is_primary")
        fields_of(s.post("/api/v1/time-entries", {"service_id": ids["service_own"], "date": "2024-02-30",
                                                  "duration_minutes": 10}), "date")
        fields_of(s.post("/api/v1/time-entries", {"service_id": ids["service_own"], "date": day(1),
                                                  "duration_minutes": "10"}), "duration_minutes")
        fields_of(s.post("/api/v1/time-entries", {"service_id": ids["service_own"], "date": day(1),
                                                  "duration_minutes": 10.5}), "duration_minutes")
        fields_of(s.post("/api/v1/clients", {"name": "x", "id": 5, "version": 9, "search_text": "x"}),
                  "search_text")
        fields_of(s.post("/api/v1/contacts", {"client_id": 999999, "name": "x"}), "client_id")
        c = expect_status(s.get(f"/api/v1/clients/{ids['client_own']}"), 200).json
        fields_of(s.patch(f"/api/v1/clients/{ids['client_own']}", {"note": "x", "version": "1"}), "version")
        fields_of(s.patch(f"/api/v1/clients/{ids['client_own']}", {"status": 1, "version": c["version"]}), "status")
    t.run("wrong types, unknown and read-only fields, dangling references", lambda: no_write(wrong_types))

    def minutes_and_days():
        e = lambda m, d=day(2), **kw: s.post("/api/v1/time-entries", {  # noqa: E731
            "service_id": ids["service_own"], "date": d, "duration_minutes": m, **kw})
        fields_of(e(-5), "duration_minutes")
        fields_of(e(0), "duration_minutes")
        fields_of(e(1441), "duration_minutes")
        fields_of(e(10, day(-5)), "date")          # future
        fields_of(e(10, user_id=world.users["client"]["id"]), "user_id")   # not an employee
    t.run("minutes must be 1..1440; no future dates; time only for employees", lambda: no_write(minutes_and_days))

    def day_cap():
        d = day(20)
        spec = world.users["specialist2"]["id"]
        a = expect_status(s.post("/api/v1/time-entries", {"service_id": ids["service_foreign"], "user_id": spec,
                                                          "date": d, "duration_minutes": 1000}), 201).json
        before = world.db.snapshot()
        f = fields_of(s.post("/api/v1/time-entries", {"service_id": ids["service_foreign"], "user_id": spec,
                                                      "date": d, "duration_minutes": 441}), "duration_minutes")
        assert "24" in f["duration_minutes"], f
        # Growing the existing entry past the cap is refused too; up to the cap is fine.
        fields_of(s.patch(f"/api/v1/time-entries/{a['id']}", {"duration_minutes": 1441, "version": 1}),
                  "duration_minutes")
        from harness import diff_snapshots
        assert not diff_snapshots(before, world.db.snapshot()), "a refused entry was written"
        expect_status(s.post("/api/v1/time-entries", {"service_id": ids["service_foreign"], "user_id": spec,
                                                      "date": d, "duration_minutes": 440}), 201)
        fields_of(s.post("/api/v1/time-entries", {"service_id": ids["service_own"], "user_id": spec,
                                                  "date": d, "duration_minutes": 1}), "duration_minutes")
    t.run("more than 24 h per person per day → 400; exactly 24 h is fine", day_cap)

    def money():
        def svc(fee):
            return s.post("/api/v1/services", {"client_id": ids["client_own"], "service_type_id": ids["type_own"],
                                               "name": "Overflow", "monthly_fee_kopecks": fee, "starts_on": day(1)})
        for fee in [-1, 9223372036854775807, 9223372036854775808, 18446744073709551616,
                    99999999999999999999999, 1e300, 1.5, "100", True, 100000000001]:
            fields_of(svc(fee), "monthly_fee_kopecks")
        r = svc(None)
        fields_of(r, "monthly_fee_kopecks")
        # -0 and 1e3 are whole numbers
        r = expect_status(s.post("/api/v1/services", {
            "client_id": ids["client_own"], "service_type_id": ids["type_own"], "name": "Whole",
            "monthly_fee_kopecks": 100000000000, "starts_on": day(1), "ends_on": day(2)}), 400)
        assert "ends_on" in r.fields(), r
    t.run("fees: negative, int64 overflow, huge, fractional, strings → 400 fields.monthly_fee_kopecks",
          lambda: no_write(money))

    def raw_json_body():
        for raw in ["{", "{\"name\": }", "[1,2]", "\"text\"", "", "null", "{\"name\":\"a\"} trailing",
                    "{\"name\":\"\\ud800\"}"]:
            r = s.post("/api/v1/clients", raw=raw)
            expect_status(r, 400)
            assert r.error_code() in ("bad_request", "validation_failed"), r
        r = s.post("/api/v1/clients", raw="{\"name\": \"x\",}")
        expect_status(r, 400, "bad_request")
        r = s.post("/api/v1/clients", raw=b"{\"name\": \"\xff\xfe\"}")
        expect_status(r, 400, "bad_request")
        deep = "[" * 100 + "]" * 100
        expect_status(s.post("/api/v1/clients", raw="{\"name\": " + deep + "}"), 400)
        c = expect_status(s.get(f"/api/v1/clients/{ids['client_own']}"), 200).json
        expect_status(s.patch(f"/api/v1/clients/{ids['client_own']}", raw="{version:" + str(c["version"])), 400,
                      "bad_request")
    t.run("malformed JSON, non-object bodies, invalid UTF-8, deep nesting → 400 bad_request",
          lambda: no_write(raw_json_body))

    def long_text():
        fields_of(s.post("/api/v1/clients", {"name": "я" * 201}), "name")
        r = expect_status(s.post("/api/v1/clients", {"name": "я" * 200, "note": "ё" * 10000}), 201)
        assert r.json["name"] == "я" * 200
        fields_of(s.post("/api/v1/clients", {"name": "x", "note": "n" * 10001}), "note")
        r = expect_status(s.post("/api/v1/clients", {"name": "  Пробелы  "}), 201)
        assert r.json["name"] == "Пробелы", r.json["name"]
        r = expect_status(s.post("/api/v1/clients", {"name": "Emoji 🚀 \u00e9"}), 201)
        assert r.json["name"] == "Emoji 🚀 \u00e9"
        got = expect_status(s.get(r.header("location")), 200).json
        assert got["name"] == "Emoji 🚀 \u00e9"
    t.run("text lengths count characters, not bytes; trimming; emoji round-trip", long_text)


    def money_overflow():
        # Issue 8, low 13: an hourly rate × minutes past the largest amount answered 500.
        r = s.post("/api/v1/price-items", {"name": "Дорогой час", "unit": "час", "pricing": "hourly",
                                           "rate_kopecks": 1_000_000_000_000_000, "minutes_per_unit": 1_000_000})
        expect_status(r, 400, "validation_failed")
        assert "rate_kopecks" in r.fields(), r
        item = state["hour"]
        r = s.patch(f"/api/v1/price-items/{item['id']}", {"minutes_per_unit": 1_000_000,
                                                           "rate_kopecks": 1_000_000_000_000_000,
                                                           "version": item["version"]})
        expect_status(r, 400, "validation_failed")
        # An estimate line whose amount overflows names the line.
        r = s.post("/api/v1/estimates", {"deal_id": ids["deal_own"], "lines": [
            {"name": "Много", "quantity": 1_000_000, "unit_price_kopecks": 1_000_000_000_000_000}]})
        expect_status(r, 400, "validation_failed")
    state = {"hour": expect_status(s.post("/api/v1/price-items", {
        "name": "Обычный час", "unit": "час", "pricing": "hourly", "rate_kopecks": 250000,
        "minutes_per_unit": 60}), 201).json}
    t.run("money past the largest amount is a 400 naming the field, never a 500 (price items, estimates)",
          lambda: no_write(money_overflow))

    def absurd_years():
        # Issue 9: a typo like 0202 or 2206 was stored; the browser asks about a past date, the
        # server refuses a year outside 2000–2099 on every date field.
        deal = expect_status(s.post("/api/v1/deals", {"title": "Годы"}), 201).json
        for bad in ("0202-12-07", "2206-12-07", "1999-12-31"):
            r = s.patch(f"/api/v1/deals/{deal['id']}", {"next_step_on": bad, "version": deal["version"]})
            expect_status(r, 400, "validation_failed")
            assert r.fields().get("next_step_on") in ("must be a date between 2000 and 2099",
                                                      "must be a date YYYY-MM-DD"), r.fields()
        ok = expect_status(s.patch(f"/api/v1/deals/{deal['id']}", {"next_step_on": "2020-01-15",
                                                                   "version": deal["version"]}), 200).json
        assert ok["next_step_on"] == "2020-01-15", ok
        staff = expect_status(s.get("/api/v1/employees", query={"staff": "true", "limit": 1000}), 200).json
        assert staff["items"] and all(e["role"] != "client" for e in staff["items"]), staff
        portal = expect_status(s.get("/api/v1/employees", query={"staff": "false"}), 200).json
        assert portal["items"] and all(e["role"] == "client" for e in portal["items"]), portal
        expect_status(s.get("/api/v1/employees", query={"staff": "maybe"}), 400, "validation_failed")
    t.run("dates outside 2000–2099 are refused on every date field; employees filter staff / portal users",
          absurd_years)
