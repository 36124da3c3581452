"""Time report (GET /api/v1/reports/time, docs/reports.md): pivot sums, columns, row scopes per role,
labour cost only for roles that see costs, validation messages, CSV and XLSX downloads.

Uses its own client, service and time entries in a March two years back, so entries other suites
create near today never fall in its range. Employees' cost rate is 1,000 ₽/h (world.py).
"""
import datetime
import io
import xml.dom.minidom
import zipfile

from harness import expect_status

REPORT = "/api/v1/reports/time"


def run(t, world):
    u = world.users
    year = datetime.date.today().year - 2
    month = f"{year}-03"

    def d(day):
        return f"{month}-{day:02d}"

    client = world.create("/api/v1/clients", {
        "name": "Отчётный клиент; ООО", "account_manager_id": u["manager"]["id"], "status": "active"})
    service = world.create("/api/v1/services", {
        "client_id": client["id"], "service_type_id": world.ids["type_own"], "name": "SEO",
        "specialist_id": u["specialist"]["id"], "account_manager_id": u["manager"]["id"],
        "monthly_fee_kopecks": 6000000, "starts_on": f"{year}-01-01"})
    for service_id, user, date, minutes in [
        (service["id"], "specialist", d(2), 90),
        (service["id"], "specialist", d(9), 45),
        (service["id"], "specialist", d(31), 30),
        (world.ids["service_foreign"], "specialist2", d(15), 60),
        (service["id"], "specialist", f"{year}-04-01", 20),  # outside March
    ]:
        world.create("/api/v1/time-entries", {"service_id": service_id, "user_id": u[user]["id"],
                                              "date": date, "duration_minutes": minutes})
    march = {"from": d(1), "to": d(31)}
    rates = {alias: world.get(f"/api/v1/employees/{u[alias]['id']}")["cost_rate_kopecks"]
             for alias in ["specialist", "specialist2"]}

    def cost(minutes, rate):  # kopecks, rounded half up
        return (minutes * rate + 30) // 60

    def report(role, **query):
        r = world.sessions[role].get(REPORT, query={**march, **query})
        return expect_status(r, 200).json

    def by_key(body, dim=0):
        return {(line["keys"][dim].get("id") or line["keys"][dim].get("code")): line for line in body["lines"]}

    def owner_pivot():
        body = report("owner", rows="employee,service", cols="month")
        assert body["rows"] == ["employee", "service"] and body["cols"] == "month"
        assert body["columns"] == [month], body["columns"]
        lines = {(ln["keys"][0]["id"], ln["keys"][1]["id"]): ln for ln in body["lines"]}
        own = lines[(u["specialist"]["id"], service["id"])]
        # 165 min at 1,000 ₽/h = 2,750 ₽.
        own_cost = cost(165, rates["specialist"])
        assert own["cells"] == [{"minutes": 165, "labour_cost_kopecks": own_cost}], own
        assert own["total"] == {"minutes": 165, "labour_cost_kopecks": own_cost}
        assert own["keys"][0]["name"] == u["specialist"]["name"]
        assert own["keys"][1]["name"] == "Отчётный клиент; ООО — SEO", own["keys"][1]
        foreign = lines[(u["specialist2"]["id"], world.ids["service_foreign"])]
        foreign_cost = cost(60, rates["specialist2"])
        assert foreign["total"] == {"minutes": 60, "labour_cost_kopecks": foreign_cost}
        assert len(lines) == 2, list(lines)
        total = own_cost + foreign_cost
        assert body["totals"] == {"cells": [{"minutes": 225, "labour_cost_kopecks": total}],
                                  "total": {"minutes": 225, "labour_cost_kopecks": total}}
    t.run("owner: employee × service × month sums minutes and labour cost", owner_pivot)

    def partial_range_and_days():
        body = report("owner", rows="service", **{"from": d(5), "to": d(31)})
        assert by_key(body)[service["id"]]["total"]["minutes"] == 75
        body = report("owner", rows="client", cols="day")
        assert len(body["columns"]) == 31 and body["columns"][0] == d(1)
        line = by_key(body)[client["id"]]
        assert [c["minutes"] for c in line["cells"] if c["minutes"]] == [90, 45, 30]
        assert line["cells"][8]["minutes"] == 45  # the 9th
    t.run("a range cut mid-month counts only its days; day columns", partial_range_and_days)

    def iso_weeks():
        body = report("owner", rows="service", cols="week")
        expected = []
        day = datetime.date(year, 3, 1)
        while day.month == 3:
            iy, iw, _ = day.isocalendar()
            label = f"{iy}-W{iw:02d}"
            if label not in expected:
                expected.append(label)
            day += datetime.timedelta(days=1)
        assert body["columns"] == expected, (body["columns"], expected)
        cells = by_key(body)[service["id"]]["cells"]
        for date, minutes in [(d(2), 90), (d(9), 45), (d(31), 30)]:
            iy, iw, _ = datetime.date.fromisoformat(date).isocalendar()
            assert cells[expected.index(f"{iy}-W{iw:02d}")]["minutes"] == minutes, (date, cells)
    t.run("week columns are ISO weeks, Monday to Sunday", iso_weeks)

    def directions_and_filters():
        body = report("owner", rows="direction")
        lines = by_key(body)
        assert lines["seo"]["total"]["minutes"] == 165 and lines["ads"]["total"]["minutes"] == 60, lines
        assert report("owner", rows="employee", client_id=client["id"])["totals"]["total"]["minutes"] == 165
        assert report("owner", rows="employee", employee_id=u["specialist2"]["id"])["totals"]["total"]["minutes"] == 60
        assert report("owner", rows="client", service_type_id=world.ids["type_foreign"])["totals"]["total"]["minutes"] == 60
    t.run("direction is the service type's; employee, client and service type filters", directions_and_filters)

    def scopes():
        for role, sees_own, sees_foreign, costs in [
            ("specialist", True, False, False), ("specialist2", False, True, False),
            ("manager", True, False, False), ("manager2", False, True, False),
            ("head", True, False, True), ("accountant", True, True, True),
        ]:
            if role not in world.sessions:
                world.sessions[role] = world.sign_in(f"{role}@agency.test", name=role)
            body = report(role, rows="service")
            lines = by_key(body)
            assert (service["id"] in lines) == sees_own, (role, list(lines))
            assert (world.ids["service_foreign"] in lines) == sees_foreign, (role, list(lines))
            has_cost = "labour_cost_kopecks" in body["totals"]["total"]
            assert has_cost == costs, (role, body["totals"])
            if not costs:
                assert "labour_cost" not in world.sessions[role].get(
                    REPORT, query={**march, "rows": "service", "format": "csv"}).body.decode("utf-8")
    t.run("row scopes per role; labour cost only for owner, head, accountant", scopes)

    def policy():
        for role in ["sales", "lead_generator", "quality", "client"]:
            expect_status(world.sessions[role].get(REPORT, query={**march, "rows": "service"}), 403, "forbidden")
        expect_status(world.session().get(REPORT, query={**march, "rows": "service"}), 401, "unauthenticated")
    t.run("sales roles and portal clients get 403, anonymous 401", policy)

    def validation():
        s = world.sessions["owner"]
        r = expect_status(s.get(REPORT, query={"rows": "employee,planet", "cols": "year", "from": "2026-02-30",
                                               "employee_id": "x", "format": "pdf"}), 400, "validation_failed")
        f = r.fields()
        for field in ["rows", "cols", "from", "to", "employee_id", "format"]:
            assert field in f, (field, f)
        assert "planet" in f["rows"], f
        r = expect_status(s.get(REPORT, query={"rows": "client", "from": "2026-05-02", "to": "2026-05-01"}),
                          400, "validation_failed")
        assert r.fields() == {"to": "must not be before from"}, r.fields()
        r = expect_status(s.get(REPORT, query={"rows": "client", "cols": "day", "from": "2024-01-01",
                                               "to": "2025-01-01"}), 400, "validation_failed")
        assert "366 days" in r.fields()["to"], r.fields()
        expect_status(s.get(REPORT, query={"rows": "client,client", **march}), 400, "validation_failed")
        expect_status(s.get(REPORT, query={"rows": "client,service,employee", **march}), 400, "validation_failed")
        expect_status(s.get(REPORT, query=march), 400, "validation_failed")
    t.run("bad rows, cols, from, to, ids and format answer 400 with a message per field", validation)

    def csv_download():
        if rates != {"specialist": 100000, "specialist2": 100000}:
            return  # the figures below assume world.py's 1,000 ₽/h
        r = expect_status(world.sessions["owner"].get(
            REPORT, query={**march, "rows": "client,employee", "format": "csv"}), 200)
        assert r.header("content-type").startswith("text/csv"), r.header("content-type")
        disposition = r.header("content-disposition")
        assert disposition == f'attachment; filename="time-report_{d(1)}_{d(31)}.csv"', disposition
        assert r.body.startswith(b"\xef\xbb\xbf"), r.body[:10]
        rows = r.body.decode("utf-8-sig").split("\r\n")
        assert rows[0] == f"Клиент;Сотрудник;{month}, ч;{month}, ₽;Итого, ч;Итого, ₽", rows[0]
        own = [row for row in rows if row.startswith('"Отчётный клиент; ООО"')]
        assert own == [f'"Отчётный клиент; ООО";{u["specialist"]["name"]};2,75;2750,00;2,75;2750,00'], own
        assert rows[-2].startswith("Итого;;3,75;3750,00"), rows[-2]
        r = expect_status(world.sessions["owner"].get(
            REPORT, query={**march, "rows": "client", "format": "csv", "lang": "en"}), 200)
        assert r.body.decode("utf-8-sig").split("\r\n")[0] == f'Client,"{month}, h","{month}, RUB","Total, h","Total, RUB"'
    t.run("CSV: BOM, semicolons, decimal commas, attachment file name", csv_download)

    def xlsx_download():
        if rates != {"specialist": 100000, "specialist2": 100000}:
            return
        r = expect_status(world.sessions["owner"].get(
            REPORT, query={**march, "rows": "client,employee", "format": "xlsx"}), 200)
        assert r.header("content-type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        assert r.header("content-disposition").endswith('.xlsx"')
        z = zipfile.ZipFile(io.BytesIO(r.body))
        assert z.testzip() is None
        for name in z.namelist():
            xml.dom.minidom.parseString(z.read(name))
        sheet = xml.dom.minidom.parseString(z.read("xl/worksheets/sheet1.xml"))
        rows = sheet.getElementsByTagName("row")
        assert len(rows) == 1 + 2 + 1, len(rows)  # header, two lines, totals
        values = [c.getElementsByTagName("v")[0].firstChild.data
                  for c in rows[-1].getElementsByTagName("c") if c.getElementsByTagName("v")]
        assert values == ["3.75", "3750.00", "3.75", "3750.00"], values
    t.run("XLSX: a valid workbook with numbers as numbers", xlsx_download)
