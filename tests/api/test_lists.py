"""Lists: q, filters, sort, order, paging, totals; search with Cyrillic, ё/е and SQL metacharacters."""
from harness import expect_status


def names(r):
    return [i["name"] for i in r.json["items"]]


def run(t, world):
    s = world.sessions["owner"]
    u = world.users
    mgr = u["manager"]["id"]
    made = []
    for name, status, tags in [
        ("ООО Ромашка", "active", ["seo"]),
        ("ИП Ёлкин Пётр", "active", ["smm"]),
        ("Acme 100% Natural", "paused", ["ads"]),
        ("under_score Ltd", "churned", []),
        ("Zeta'; DROP TABLE clients;--", "lead", ["seo", "ads"]),
        ("Ромашка-Плюс", "lead", []),
    ]:
        r = expect_status(s.post("/api/v1/clients", {"name": name, "status": status, "tags": tags,
                                                     "account_manager_id": mgr, "source": "list-test"}), 201)
        made.append(r.json)
    base = {"source": "list-test"}

    def q(text, **extra):
        return expect_status(s.get("/api/v1/clients", query={"q": text, **base, **extra}), 200)

    def search_cyrillic():
        assert sorted(names(q("ромашка"))) == ["ООО Ромашка", "Ромашка-Плюс"], names(q("ромашка"))
        assert names(q("РОМАШКА ооо")) == ["ООО Ромашка"], "every word must match, case-insensitively"
        assert names(q("  ромашка  плюс ")) == ["Ромашка-Плюс"]
        assert names(q("нет-такого")) == []
    t.run("q: case-insensitive Cyrillic, every word must match", search_cyrillic)

    def search_yo():
        assert names(q("ёлкин")) == ["ИП Ёлкин Пётр"], names(q("ёлкин"))
        assert names(q("ЁЛКИН")) == ["ИП Ёлкин Пётр"], names(q("ЁЛКИН"))
        assert names(q("елкин")) == ["ИП Ёлкин Пётр"], f"'елкин' must find 'Ёлкин': {names(q('елкин'))}"
        assert names(q("петр")) == ["ИП Ёлкин Пётр"], f"'петр' must find 'Пётр': {names(q('петр'))}"
    t.run("q: ё and е match each other", search_yo)

    def metacharacters():
        assert names(q("%")) == ["Acme 100% Natural"], names(q("%"))
        assert names(q("_")) == ["under_score Ltd"], names(q("_"))
        assert names(q("100%")) == ["Acme 100% Natural"]
        assert names(q("'; DROP TABLE clients;--")) == ["Zeta'; DROP TABLE clients;--"]
        assert names(q("\\")) == []
        assert names(q("' OR '1'='1")) == []
        # The table is still there and still holds everything.
        r = expect_status(s.get("/api/v1/clients", query={**base, "limit": 100}), 200)
        assert r.json["total"] == 6, r.json["total"]
        # Metacharacters in filters and sort are data or errors, never SQL.
        expect_status(s.get("/api/v1/clients", query={"status": "active' OR '1'='1"}), 400, "validation_failed")
        r = expect_status(s.get("/api/v1/clients", query={"source": "list-test' OR '1'='1"}), 200)
        assert r.json["total"] == 0
        expect_status(s.get("/api/v1/clients", query={"sort": "name; DROP TABLE clients"}), 400, "validation_failed")
        expect_status(s.get("/api/v1/clients", query={"manager_id": "1 OR 1=1"}), 400, "validation_failed")
    t.run("q/filters/sort: SQL metacharacters and LIKE wildcards are literal", metacharacters)

    def filters():
        r = q("", status="lead")
        assert sorted(names(r)) == sorted(["Zeta'; DROP TABLE clients;--", "Ромашка-Плюс"]), names(r)
        r = q("", tag="seo")
        assert sorted(names(r)) == sorted(["ООО Ромашка", "Zeta'; DROP TABLE clients;--"]), names(r)
        r = expect_status(s.get("/api/v1/clients", query={"manager_id": mgr, "status": "paused"}), 200)
        assert names(r) == ["Acme 100% Natural"], names(r)
        r = expect_status(s.get("/api/v1/services", query={"client_id": world.ids["client_own"]}), 200)
        assert r.json["total"] >= 1 and all(i["client_id"] == world.ids["client_own"] for i in r.json["items"])
        r = expect_status(s.get("/api/v1/time-entries", query={"employee_id": u["specialist"]["id"]}), 200)
        assert r.json["items"] and all(i["user_id"] == u["specialist"]["id"] for i in r.json["items"])
        month = r.json["items"][0]["date"][:7]
        r2 = expect_status(s.get("/api/v1/time-entries", query={"month": month}), 200)
        assert all(i["date"].startswith(month) for i in r2.json["items"]) and r2.json["items"]
        expect_status(s.get("/api/v1/time-entries", query={"month": "2026-13"}), 400, "validation_failed")
        expect_status(s.get("/api/v1/clients", query={"status": "nonsense"}), 400, "validation_failed")
        r = expect_status(s.get("/api/v1/employees", query={"role": "specialist"}), 200)
        assert r.json["total"] >= 2 and all(i["role"] == "specialist" for i in r.json["items"])
    t.run("per-field filters (status, tag, manager_id, client_id, employee_id, month, role)", filters)

    def sorting():
        expected = sorted(m["name"] for m in made)
        r = q("", sort="name", order="asc", limit=100)
        assert names(r) == expected, f"{names(r)} != {expected}"
        r = q("", sort="name", order="desc", limit=100)
        assert names(r) == list(reversed(expected)), names(r)
        r = q("", sort="id", order="desc")
        assert [i["id"] for i in r.json["items"]] == sorted([m["id"] for m in made], reverse=True)
        r = expect_status(s.get("/api/v1/clients", query={"sort": "password_hash"}), 400, "validation_failed")
        assert "sort" in r.fields(), r
        r = expect_status(s.get("/api/v1/clients", query={"sort": "nope"}), 400, "validation_failed")
        assert "sort" in r.fields(), r
        r = expect_status(s.get("/api/v1/clients", query={"order": "sideways"}), 400, "validation_failed")
        assert "order" in r.fields(), r
        # Unknown sort on every list.
        for path in ["/api/v1/contacts", "/api/v1/employees", "/api/v1/groups", "/api/v1/service-types",
                     "/api/v1/services", "/api/v1/time-entries"]:
            expect_status(s.get(path, query={"sort": "no_such_field"}), 400, "validation_failed")
    t.run("sort and order; unknown sort → 400 with fields.sort on every list", sorting)

    def paging():
        r = q("", sort="name", limit=2)
        body = r.json
        assert body["total"] == 6 and body["limit"] == 2 and body["offset"] == 0 and len(body["items"]) == 2, body
        pages = []
        for off in range(0, 6, 2):
            pages += names(q("", sort="name", limit=2, offset=off))
        assert pages == sorted(m["name"] for m in made), pages
        last = q("", sort="name", limit=4, offset=4).json
        assert last["total"] == 6 and len(last["items"]) == 2 and last["offset"] == 4, last
        beyond = q("", limit=5, offset=50).json
        assert beyond["total"] == 6 and beyond["items"] == [], beyond
        default = expect_status(s.get("/api/v1/clients"), 200).json
        assert default["limit"] == 50 and default["offset"] == 0, default
        for bad in [{"limit": 0}, {"limit": 1001}, {"limit": -1}, {"limit": "x"}, {"offset": -5}]:
            r = expect_status(s.get("/api/v1/clients", query=bad), 400, "validation_failed")
            assert set(bad) <= set(r.fields()), r
        expect_status(s.get("/api/v1/clients", query={"limit": 1000}), 200)
    t.run("limit/offset/total; limit defaults to 50, maximum 1000", paging)

    def malformed_query():
        r = s.get("/api/v1/clients?q=%E0%A4%A")
        expect_status(r, 400)
        r = s.get("/api/v1/clients?q=%FF%FE")
        expect_status(r, 400, "validation_failed")
    t.run("malformed percent-encoding and invalid UTF-8 in q → 400", malformed_query)
