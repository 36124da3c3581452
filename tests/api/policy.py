"""The expected access policy of every route (docs/access.md, docs/dashboard.md).

This table is the test's contract: `retainer routes` must print exactly these routes with exactly
these roles. A route that the binary serves but this table lacks FAILS the suite — add it here (with
the roles from docs/access.md) when you add a route. Rows in PLANNED may be absent from the binary;
once present they are checked like the others.

Row scopes (which records a permitted role sees) are in SCOPES below; test_access.py turns both
tables into the status every (route, role, record) must answer.
"""

ALL = ["owner", "head", "manager", "specialist", "sales", "lead_generator", "quality", "accountant",
       "client"]
STAFF = [r for r in ALL if r != "client"]
PUBLIC = "public"

CLIENT_WRITERS = ["owner", "head", "manager", "sales", "lead_generator"]
SERVICE_READERS = ["owner", "head", "manager", "specialist", "accountant", "client"]
TIME_READERS = ["owner", "head", "manager", "specialist", "accountant"]
TIME_WRITERS = ["owner", "head", "manager", "specialist"]


def crud(base, read, create, update, remove):
    return {
        ("GET", base): read,
        ("GET", base + "/{id}"): read,
        ("POST", base): create,
        ("PATCH", base + "/{id}"): update,
        ("DELETE", base + "/{id}"): remove,
    }


ROUTES = {
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/metrics"): PUBLIC,
    ("POST", "/api/v1/auth/login"): PUBLIC,
    ("POST", "/api/v1/auth/logout"): ALL,
    ("GET", "/api/v1/auth/me"): ALL,
    ("PATCH", "/api/v1/auth/me"): ALL,
    ("GET", "/api/v1/api-tokens"): ["owner"],
    ("POST", "/api/v1/api-tokens"): ["owner"],
    ("DELETE", "/api/v1/api-tokens/{id}"): ["owner"],
    ("GET", "/api/v1/audit"): ["owner", "head"],
    **crud("/api/v1/clients", ALL, CLIENT_WRITERS, CLIENT_WRITERS, ["owner", "head"]),
    **crud("/api/v1/contacts", ALL, CLIENT_WRITERS, CLIENT_WRITERS, CLIENT_WRITERS),
    **crud("/api/v1/services", SERVICE_READERS, ["owner", "head", "manager"], ["owner", "head", "manager"],
           ["owner", "head"]),
    **crud("/api/v1/time-entries", TIME_READERS, TIME_WRITERS, TIME_WRITERS, TIME_WRITERS),
    **crud("/api/v1/employees", STAFF, ["owner"], ["owner"], ["owner"]),
    **crud("/api/v1/groups", STAFF, ["owner"], ["owner"], ["owner"]),
    **crud("/api/v1/service-types", STAFF, ["owner"], ["owner"], ["owner"]),
}

# Recommendations, calls, dashboard, reports: docs/access.md (route policies), docs/dashboard.md,
# docs/calls-import.md. Changing them is a policy change: update docs/access.md and this table.
PLAN_FACT = ["owner", "head", "manager", "specialist", "accountant"]
ROUTES.update({
    ("GET", "/api/v1/dashboard"): PLAN_FACT,
    ("GET", "/api/v1/reports/time"): PLAN_FACT,
    ("GET", "/api/v1/services/{id}/plan-fact"): PLAN_FACT,
    ("GET", "/api/v1/employees/{id}/load"): PLAN_FACT,
    **crud("/api/v1/recommendations", PLAN_FACT + ["client"], ["owner", "head", "manager", "specialist"],
           ["owner", "head", "manager", "specialist"], ["owner", "head", "manager"]),
    **crud("/api/v1/calls", ["owner", "head", "manager", "specialist", "sales", "accountant"],
           ["owner", "head", "manager", "sales"], ["owner", "head", "manager", "sales"], ["owner", "head"]),
    ("POST", "/api/v1/calls/import"): ["owner", "head", "manager", "sales"],
})

# Sales (docs/sales.md, "Access").
DEAL_READERS = ["owner", "head", "manager", "sales", "lead_generator", "quality"]
DEAL_WRITERS = ["owner", "head", "manager", "sales", "lead_generator"]
ROUTES.update({
    **crud("/api/v1/pipelines", STAFF, ["owner", "head"], ["owner", "head"], ["owner", "head"]),
    **crud("/api/v1/pipeline-stages", STAFF, ["owner", "head"], ["owner", "head"], ["owner", "head"]),
    **crud("/api/v1/deals", DEAL_READERS, DEAL_WRITERS, DEAL_WRITERS, ["owner", "head"]),
    ("GET", "/api/v1/deals/{id}/history"): DEAL_READERS,
    ("GET", "/api/v1/deals/{id}/application"): DEAL_READERS,
    # Comments: any deal reader writes; only the author edits, the author or owner deletes (rows).
    **crud("/api/v1/deal-comments", DEAL_READERS, DEAL_READERS, DEAL_READERS, DEAL_READERS),
    ("POST", "/api/v1/applications"): DEAL_WRITERS,
    ("POST", "/api/v1/public/applications"): PUBLIC,
    ("OPTIONS", "/api/v1/public/applications"): PUBLIC,
})

# Documents (docs/documents.md, "Access"): templates and documents with their secret links.
DOC_READERS = ["owner", "head", "manager", "sales", "accountant"]
ROUTES.update({
    **crud("/api/v1/document-templates", DOC_READERS, ["owner", "head", "sales"], ["owner", "head", "sales"],
           ["owner", "head"]),
    **crud("/api/v1/documents", DOC_READERS, DOC_READERS, DOC_READERS, ["owner", "head"]),
    ("POST", "/api/v1/documents/{id}/share"): DOC_READERS,
    ("POST", "/api/v1/documents/{id}/revoke"): DOC_READERS,
    ("GET", "/api/v1/documents/{id}/views"): DOC_READERS,
    ("GET", "/d/{token}"): PUBLIC,
    ("POST", "/d/{token}/accept"): PUBLIC,
})

# Paperwork (docs/paperwork.md): briefs, price list, estimates, PDF, settings, notifications,
# today and analytics.
TEMPLATE_WRITERS = ["owner", "head", "sales"]
ROUTES.update({
    **crud("/api/v1/brief-templates", DEAL_READERS, TEMPLATE_WRITERS, TEMPLATE_WRITERS, ["owner", "head"]),
    **crud("/api/v1/briefs", DEAL_READERS, DEAL_WRITERS, DEAL_WRITERS, DEAL_WRITERS),
    ("POST", "/api/v1/briefs/{id}/send"): DEAL_WRITERS,
    ("POST", "/api/v1/briefs/{id}/revoke"): DEAL_WRITERS,
    ("GET", "/b/{token}"): PUBLIC,
    ("GET", "/b/{token}/answers"): PUBLIC,
    ("PUT", "/b/{token}/answers"): PUBLIC,
    ("POST", "/b/{token}/submit"): PUBLIC,
    ("GET", "/p/brief.js"): PUBLIC,
    **crud("/api/v1/deal-tasks", DEAL_READERS, DEAL_WRITERS, DEAL_WRITERS, DEAL_WRITERS),
    **crud("/api/v1/price-items", DEAL_READERS, TEMPLATE_WRITERS, TEMPLATE_WRITERS, ["owner", "head"]),
    **crud("/api/v1/estimates", DEAL_READERS, DEAL_WRITERS, DEAL_WRITERS, DEAL_WRITERS),
    ("POST", "/api/v1/estimates/{id}/revise"): DEAL_WRITERS,
    ("POST", "/api/v1/estimates/{id}/proposal"): ["owner", "head", "manager", "sales"],
    ("GET", "/api/v1/documents/{id}/preview"): DOC_READERS,
    ("GET", "/api/v1/deals/{id}/document-readiness"): DOC_READERS,
    ("GET", "/api/v1/documents/{id}/pdf"): DOC_READERS,
    ("GET", "/d/{token}/pdf"): PUBLIC,
    ("GET", "/api/v1/agency-settings"): STAFF,
    ("GET", "/api/v1/public/config"): PUBLIC,
    ("PATCH", "/api/v1/agency-settings"): ["owner", "head"],
    ("GET", "/api/v1/notifications"): ALL,
    ("POST", "/api/v1/notifications/{id}/read"): ALL,
    ("POST", "/api/v1/notifications/read-all"): ALL,
    ("GET", "/api/v1/sales/today"): DEAL_READERS,
    ("GET", "/api/v1/accounts/today"): ["owner", "head", "manager"],
    ("GET", "/api/v1/jobs/{id}"): ALL,
    ("GET", "/api/v1/portal"): ["client"],
    ("GET", "/api/v1/timer"): ["owner", "head", "manager", "specialist"],
    ("POST", "/api/v1/timer/start"): ["owner", "head", "manager", "specialist"],
    ("POST", "/api/v1/timer/stop"): ["owner", "head", "manager", "specialist"],
    ("POST", "/api/v1/timer/save"): ["owner", "head", "manager", "specialist"],
    ("DELETE", "/api/v1/timer"): ["owner", "head", "manager", "specialist"],
    ("GET", "/api/v1/sales/analytics"): ["owner", "head", "sales", "quality"],
})

# Routes other work in progress may add; checked once the binary serves them, absent is fine.
PLANNED = {k: ROUTES.pop(k) for k in [("GET", "/api/v1/services/{id}/plan-fact"),
                                      ("GET", "/api/v1/employees/{id}/load")]}

# Row scopes per record kind and role: "all" rows, "own" (only the own side of the fixture agency),
# or None (the route policy already refuses). See docs/access.md, "Row scopes".
SCOPES = {
    "clients": {"owner": "all", "accountant": "all", "sales": "all", "lead_generator": "all",
                "quality": "all", "head": "own", "manager": "own", "specialist": "own", "client": "own"},
    "services": {"owner": "all", "accountant": "all", "head": "own", "manager": "own",
                 "specialist": "own", "client": "own"},
    "time_entries": {"owner": "all", "accountant": "all", "head": "own", "manager": "own",
                     "specialist": "own"},
    "staff_tables": {r: "all" for r in STAFF},
}
SCOPES["contacts"] = SCOPES["clients"]
SCOPES["recommendations"] = {"owner": "all", "accountant": "all", "head": "own", "manager": "own",
                             "specialist": "own", "client": "own"}
SCOPES["calls"] = {"owner": "all", "accountant": "all", "sales": "all", "head": "own", "manager": "own",
                   "specialist": "own"}
SCOPES["deals"] = {"owner": "all", "head": "all", "sales": "all", "lead_generator": "all",
                   "quality": "all", "manager": "own"}
SCOPES["deal_comments"] = SCOPES["deals"]
SCOPES["briefs"] = SCOPES["deals"]
SCOPES["deal_tasks"] = SCOPES["deals"]
SCOPES["estimates"] = SCOPES["deals"]
