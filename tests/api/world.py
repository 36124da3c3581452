"""The fixture agency every test runs against, built through the CLI and the API (no `retainer demo`).

Two groups; G1 holds head, manager, specialist (the "own" side), G2 holds manager2 and specialist2
(the "foreign" side). Each side has a client, a contact, a service and time entries.
"""
import datetime

from harness import Session, expect_status

PASSWORD = "correct-horse-battery"
ROLES = ["owner", "head", "manager", "specialist", "sales", "lead_generator", "quality",
         "accountant", "client"]
TODAY = datetime.date.today()


def day(offset):
    return (TODAY - datetime.timedelta(days=offset)).isoformat()


class World:
    def __init__(self, server, db):
        self.server = server
        self.db = db
        self.port = server.port
        self.users = {}      # role or alias -> employee record
        self.sessions = {}   # role -> signed-in Session (cookie + CSRF)
        self.ids = {}        # fixture name -> id

    def session(self, name="anon", source=None):
        return Session(self.port, name, source=source)

    def sign_in(self, email, password=PASSWORD, name=None):
        s = self.session(name or email)
        expect_status(s.login(email, password), 200)
        return s

    def create(self, path, body, as_role="owner"):
        r = self.sessions[as_role].post(path, body)
        assert r.status == 201, f"fixture {path} {body}: {r!r}"
        return r.json

    def get(self, path, as_role="owner"):
        r = self.sessions[as_role].get(path)
        assert r.status == 200, f"fixture GET {path}: {r!r}"
        return r.json

    def build(self):
        out = self.server.cli("user", "add", "--email", "Owner@Agency.test", "--role", "owner",
                              "--name", "Ольга Владелец", stdin=PASSWORD + "\n")
        assert out.returncode == 0, f"user add owner: {out.returncode} {out.stderr}"
        owner = self.sign_in("owner@agency.test", name="owner")
        self.sessions["owner"] = owner
        self.users["owner"] = owner.user

        # The agency's own requisites, as a real agency fills them once: invoices, acts and
        # contracts are shared only with both parties' requisites.
        r = owner.patch("/api/v1/agency-settings", {
            "agency_legal_name": "ООО «Агентство»", "agency_inn": "7707083893", "agency_kpp": "770701001",
            "agency_ogrn": "1027700132195", "agency_address": "125009, г. Москва, ул. Тверская, д. 7",
            "agency_bank_name": "ПАО Сбербанк", "agency_bik": "044525225",
            "agency_correspondent_account": "30101810400000000225",
            "agency_bank_account": "40702810938000000001", "agency_director": "Иванова Ольга Сергеевна",
            "agency_accountant": "Смирнова Анна Петровна"})
        assert r.status == 200, f"agency settings: {r!r}"

        g1 = self.create("/api/v1/groups", {"name": "SEO group", "direction": "seo"})
        g2 = self.create("/api/v1/groups", {"name": "Ads group", "direction": "ads"})
        self.ids.update(group_own=g1["id"], group_foreign=g2["id"])

        def employee(alias, role, group=None, **extra):
            body = {"email": f"{alias}@agency.test", "name": f"{alias.title()} Test", "role": role,
                    "password": PASSWORD, "cost_rate_kopecks": 100000, **extra}
            if group:
                body["group_id"] = group
            self.users[alias] = self.create("/api/v1/employees", body)

        employee("head", "head", g1["id"])
        employee("manager", "manager", g1["id"])
        employee("specialist", "specialist", g1["id"])
        employee("manager2", "manager", g2["id"])
        employee("specialist2", "specialist", g2["id"])
        for role in ["sales", "lead_generator", "quality", "accountant"]:
            employee(role, role)

        seo = self.create("/api/v1/service-types", {"code": "seo", "name": "SEO-продвижение",
                                                    "direction": "seo", "planning_rate_kopecks": 200000})
        ads = self.create("/api/v1/service-types", {"code": "direct", "name": "Яндекс.Директ",
                                                    "direction": "ads", "planning_rate_kopecks": 250000})
        self.ids.update(type_own=seo["id"], type_foreign=ads["id"])

        c_own = self.create("/api/v1/clients", {
            "name": "Own Client", "account_manager_id": self.users["manager"]["id"],
            "status": "active", "inn": "7707083893", "kpp": "773601001"})
        c_foreign = self.create("/api/v1/clients", {
            "name": "Foreign Client", "account_manager_id": self.users["manager2"]["id"],
            "status": "active"})
        c_lead = self.create("/api/v1/clients", {
            "name": "Prospect Lead", "account_manager_id": self.users["manager2"]["id"],
            "status": "lead"})
        self.ids.update(client_own=c_own["id"], client_foreign=c_foreign["id"], client_lead=c_lead["id"])

        self.users["client"] = self.create("/api/v1/employees", {
            "email": "client@customer.test", "name": "Клиент Порталов", "role": "client",
            "client_id": c_own["id"], "password": PASSWORD})

        k_own = self.create("/api/v1/contacts", {"client_id": c_own["id"], "name": "Own Contact"})
        k_foreign = self.create("/api/v1/contacts", {"client_id": c_foreign["id"], "name": "Foreign Contact"})
        self.ids.update(contact_own=k_own["id"], contact_foreign=k_foreign["id"])

        s_own = self.create("/api/v1/services", {
            "client_id": c_own["id"], "service_type_id": seo["id"], "name": "SEO — Own Client",
            "specialist_id": self.users["specialist"]["id"], "account_manager_id": self.users["manager"]["id"],
            "monthly_fee_kopecks": 6000000, "starts_on": day(60)})
        s_foreign = self.create("/api/v1/services", {
            "client_id": c_foreign["id"], "service_type_id": ads["id"], "name": "Директ — Foreign",
            "specialist_id": self.users["specialist2"]["id"], "account_manager_id": self.users["manager2"]["id"],
            "monthly_fee_kopecks": 4000000, "starts_on": day(60)})
        self.ids.update(service_own=s_own["id"], service_foreign=s_foreign["id"])

        t_own = self.create("/api/v1/time-entries", {
            "service_id": s_own["id"], "user_id": self.users["specialist"]["id"], "date": day(3),
            "duration_minutes": 90, "note": "audit"})
        t_foreign = self.create("/api/v1/time-entries", {
            "service_id": s_foreign["id"], "user_id": self.users["specialist2"]["id"], "date": day(3),
            "duration_minutes": 60, "note": "campaign setup"})
        t_mgr = self.create("/api/v1/time-entries", {
            "service_id": s_own["id"], "user_id": self.users["manager"]["id"], "date": day(3),
            "duration_minutes": 30, "note": "call with the client"})
        self.ids.update(entry_own=t_own["id"], entry_foreign=t_foreign["id"], entry_colleague=t_mgr["id"])

        r_own = self.create("/api/v1/recommendations", {
            "client_id": c_own["id"], "service_id": s_own["id"], "title": "Ускорить сайт",
            "status": "sent", "sent_on": day(5)})
        r_foreign = self.create("/api/v1/recommendations", {
            "client_id": c_foreign["id"], "title": "Добавить минус-слова"})
        call_own = self.create("/api/v1/calls", {
            "client_id": c_own["id"], "employee_id": self.users["manager"]["id"], "direction": "in",
            "started_at": f"{day(2)}T10:00:00Z", "duration_seconds": 120, "status": "answered"})
        call_foreign = self.create("/api/v1/calls", {
            "client_id": c_foreign["id"], "employee_id": self.users["manager2"]["id"], "direction": "out",
            "started_at": f"{day(2)}T11:00:00Z", "duration_seconds": 60, "status": "answered"})
        self.ids.update(rec_own=r_own["id"], rec_foreign=r_foreign["id"], call_own=call_own["id"],
                        call_foreign=call_foreign["id"])

        # Sales: the starter pipeline of the migration, a deal on each side, a comment on each.
        pipe = self.get("/api/v1/pipelines?code=sales")["items"][0]
        d_own = self.create("/api/v1/deals", {"title": "Own deal", "client_id": c_own["id"],
                                              "owner_id": self.users["sales"]["id"]})
        d_foreign = self.create("/api/v1/deals", {"title": "Foreign deal", "client_id": c_foreign["id"],
                                                  "owner_id": self.users["sales"]["id"]})
        dc_own = self.create("/api/v1/deal-comments", {"deal_id": d_own["id"], "body": "Позвонить"})
        dc_foreign = self.create("/api/v1/deal-comments", {"deal_id": d_foreign["id"], "body": "Написать"})
        self.ids.update(pipeline=pipe["id"], stage=pipe["stages"][0]["id"], deal_own=d_own["id"],
                        deal_foreign=d_foreign["id"], comment_own=dc_own["id"], comment_foreign=dc_foreign["id"])

        # Paperwork (docs/paperwork.md): a brief template, a price item, a brief and an estimate on
        # each side.
        bt = self.create("/api/v1/brief-templates", {"name": "Матрица", "questions": [
            {"key": "site", "type": "url", "label": "Сайт", "required": True}]})
        pi = self.create("/api/v1/price-items", {"name": "Аудит", "unit": "шт", "pricing": "fixed",
                                                  "price_kopecks": 1000000, "minutes_per_unit": 300})
        b_own = self.create("/api/v1/briefs", {"deal_id": d_own["id"], "template_id": bt["id"]})
        b_foreign = self.create("/api/v1/briefs", {"deal_id": d_foreign["id"], "template_id": bt["id"]})
        e_own = self.create("/api/v1/estimates", {"deal_id": d_own["id"], "lines": [{"price_item_id": pi["id"]}]})
        e_foreign = self.create("/api/v1/estimates", {"deal_id": d_foreign["id"],
                                                      "lines": [{"price_item_id": pi["id"]}]})
        t_own = self.create("/api/v1/deal-tasks", {"deal_id": d_own["id"], "title": "Позвонить", "due_on": day(0)})
        t_foreign = self.create("/api/v1/deal-tasks", {"deal_id": d_foreign["id"], "title": "Написать"})
        self.ids.update(task_own=t_own["id"], task_foreign=t_foreign["id"])
        self.ids.update(brief_template=bt["id"], price_item=pi["id"], brief_own=b_own["id"],
                        brief_foreign=b_foreign["id"], estimate_own=e_own["id"], estimate_foreign=e_foreign["id"])

        emails = {"head": "head@agency.test", "manager": "manager@agency.test",
                  "specialist": "specialist@agency.test", "sales": "sales@agency.test",
                  "lead_generator": "lead_generator@agency.test", "quality": "quality@agency.test",
                  "accountant": "accountant@agency.test", "client": "client@customer.test"}
        for role, email in emails.items():
            self.sessions[role] = self.sign_in(email, name=role)
        return self
