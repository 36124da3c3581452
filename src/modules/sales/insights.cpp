#include "modules/sales/insights.hpp"

#include <boost/json.hpp>

#include "core/error.hpp"
#include "modules/access/checks.hpp"
#include "modules/access/roles.hpp"
#include "modules/agency/settings.hpp"
#include "modules/notify/notify.hpp"
#include "modules/sales/funnel.hpp"
#include "modules/texts/messages.hpp"
#include "platform/mail/outbox.hpp"

namespace retainer::sales {
namespace json = boost::json;

namespace {

json::value opt(const std::optional<std::int64_t>& v) {
    return v ? json::value(*v) : json::value(nullptr);
}
json::value opt(const std::optional<std::string>& v) {
    return v ? json::value(json::string(*v)) : json::value(nullptr);
}
json::value tenths(const std::optional<std::int64_t>& v) {
    return v ? json::value(static_cast<double>(*v) / 10.0) : json::value(nullptr);
}

std::int64_t id_query(const std::map<std::string, std::string>& q, const char* key,
                      std::int64_t fallback) {
    auto it = q.find(key);
    if (it == q.end() || it->second.empty()) return fallback;
    try {
        std::size_t used = 0;
        std::int64_t v = std::stoll(it->second, &used);
        if (used == it->second.size() && v > 0) return v;
    } catch (const std::exception&) {
    }
    throw invalid(key, "must be an id (integer)");
}

Date date_query(const std::map<std::string, std::string>& q, const char* key, Date fallback) {
    auto it = q.find(key);
    if (it == q.end() || it->second.empty()) return fallback;
    auto d = Date::parse(it->second);
    if (!d) throw invalid(key, "must be a date YYYY-MM-DD");
    return *d;
}

json::object deal_item(const db::Result& r, std::size_t i) {
    return json::object{{"id", r.int_at(i, "id")},
                        {"title", r.text_at(i, "title")},
                        {"company", opt(r.opt_text_at(i, "company"))},
                        {"stage_id", r.int_at(i, "stage_id")},
                        {"stage_name", r.text_at(i, "stage_name")},
                        {"next_step", opt(r.opt_text_at(i, "next_step"))},
                        {"next_step_on", opt(r.opt_text_at(i, "next_step_on"))},
                        {"amount_kopecks", opt(r.opt_int_at(i, "amount_kopecks"))}};
}

json::object today(db::Connection& conn, std::int64_t owner, Instant now,
                   const agency::Settings& settings) {
    Date day = settings.today(now);
    std::string today_s = day.to_string();
    json::array overdue, due;
    auto deals = conn.query(
        "SELECT d.id, d.title, d.company, d.stage_id, s.name AS stage_name, d.next_step, "
        "d.next_step_on, d.amount_kopecks FROM deals d JOIN pipeline_stages s ON s.id = "
        "d.stage_id WHERE d.owner_id = $1 AND d.archived_at IS NULL AND s.kind = 'open' AND "
        "d.next_step_on IS NOT NULL AND d.next_step_on <= $2 ORDER BY d.next_step_on, d.id LIMIT "
        "500",
        {owner, today_s});
    for (std::size_t i = 0; i < deals.rows.size(); ++i)
        (deals.text_at(i, "next_step_on") < today_s ? overdue : due).push_back(deal_item(deals, i));

    json::array tasks;
    auto t = conn.query(
        "SELECT t.id, t.title, t.due_on, t.deal_id, d.title AS deal_title FROM deal_tasks t JOIN "
        "deals d ON d.id = t.deal_id WHERE t.assignee_id = $1 AND t.done = 0 AND t.due_on IS NOT "
        "NULL AND t.due_on <= $2 AND d.archived_at IS NULL ORDER BY t.due_on, t.id LIMIT 500",
        {owner, today_s});
    for (std::size_t i = 0; i < t.rows.size(); ++i)
        tasks.push_back(json::object{{"task_id", t.int_at(i, "id")},
                                     {"title", t.text_at(i, "title")},
                                     {"due_on", t.text_at(i, "due_on")},
                                     {"overdue", t.text_at(i, "due_on") < today_s},
                                     {"deal_id", t.int_at(i, "deal_id")},
                                     {"deal_title", t.text_at(i, "deal_title")}});

    std::string week_ago = Instant{now.seconds - 7 * 86400}.to_rfc3339();
    json::array briefs;
    auto b = conn.query(
        "SELECT b.id, b.deal_id, d.title AS deal_title, b.title, b.submitted_at FROM briefs b "
        "JOIN deals d ON d.id = b.deal_id WHERE d.owner_id = $1 AND b.status = 'submitted' AND "
        "b.archived_at IS NULL AND b.submitted_at >= $2 ORDER BY b.submitted_at DESC LIMIT 100",
        {owner, week_ago});
    for (std::size_t i = 0; i < b.rows.size(); ++i)
        briefs.push_back(json::object{{"brief_id", b.int_at(i, "id")},
                                      {"deal_id", b.int_at(i, "deal_id")},
                                      {"deal_title", b.text_at(i, "deal_title")},
                                      {"title", b.text_at(i, "title")},
                                      {"submitted_at", b.text_at(i, "submitted_at")}});

    std::int64_t days = settings.proposal_followup_days;
    std::string cutoff = Instant{now.seconds - days * 86400}.to_rfc3339();
    json::array waiting;
    // The last view and the count come from the (document_id, at) index, per shared proposal.
    auto p = conn.query(
        "SELECT doc.id, doc.number, doc.deal_id, d.title AS deal_title, doc.shared_at, (SELECT "
        "MAX(v.at) FROM document_views v WHERE v.document_id = doc.id) AS last_viewed_at, (SELECT "
        "COUNT(*) FROM document_views v WHERE v.document_id = doc.id) AS views FROM documents doc "
        "JOIN deals d ON d.id = doc.deal_id JOIN pipeline_stages st ON st.id = d.stage_id WHERE "
        "d.owner_id = $1 AND doc.kind = 'proposal' AND doc.status = 'shared' AND doc.archived_at "
        "IS NULL AND st.kind = 'open' ORDER BY doc.shared_at LIMIT 500",
        {owner});
    for (std::size_t i = 0; i < p.rows.size(); ++i) {
        auto last = p.opt_text_at(i, "last_viewed_at");
        std::string since = last.value_or(p.opt_text_at(i, "shared_at").value_or(""));
        if (since.empty() || since > cutoff) continue;
        waiting.push_back(json::object{{"document_id", p.int_at(i, "id")},
                                       {"number", p.text_at(i, "number")},
                                       {"deal_id", p.int_at(i, "deal_id")},
                                       {"deal_title", p.text_at(i, "deal_title")},
                                       {"shared_at", opt(p.opt_text_at(i, "shared_at"))},
                                       {"last_viewed_at", opt(last)},
                                       {"views", p.int_at(i, "views")}});
    }
    return json::object{{"date", today_s},           {"owner_id", owner},
                        {"followup_days", days},     {"overdue", overdue},
                        {"due_today", due},          {"tasks", tasks},
                        {"briefs_returned", briefs}, {"proposals_waiting", waiting}};
}

json::object analytics(db::Connection& conn, const std::map<std::string, std::string>& q,
                       Instant now) {
    Date to = date_query(q, "to", agency::read(conn).today(now));
    Date from = date_query(q, "from", to.plus_days(-180));
    if (from > to) throw invalid("from", "must not be after to");
    std::int64_t pipeline = 0;
    if (q.count("pipeline_id") && !q.at("pipeline_id").empty()) {
        pipeline = id_query(q, "pipeline_id", 0);
        if (conn.query("SELECT id FROM pipelines WHERE id = $1", {pipeline}).empty())
            throw invalid("pipeline_id", "no such pipeline");
    } else {
        auto r = conn.query(
            "SELECT id FROM pipelines WHERE archived_at IS NULL ORDER BY position, id LIMIT 1");
        if (r.empty()) throw invalid("pipeline_id", "there is no pipeline");
        pipeline = r.int_at(0, "id");
    }
    std::optional<std::int64_t> owner;
    if (q.count("owner_id") && !q.at("owner_id").empty()) owner = id_query(q, "owner_id", 0);

    // Instants are UTC text; the cohort is deals created from `from` 00:00 to `to` 24:00 UTC.
    db::Params p;
    std::string where = "d.pipeline_id = " + p.bind(pipeline) + " AND d.archived_at IS NULL " +
                        "AND d.created_at >= " + p.bind(from.to_string()) + " AND d.created_at < " +
                        p.bind(to.plus_days(1).to_string());
    if (owner) where += " AND d.owner_id = " + p.bind(*owner);

    std::vector<FunnelStage> stages;
    auto st = conn.query(
        "SELECT id, name, kind, position, archived_at FROM pipeline_stages WHERE pipeline_id = $1 "
        "ORDER BY position, id",
        {pipeline});
    for (std::size_t i = 0; i < st.rows.size(); ++i)
        stages.push_back({st.int_at(i, "id"), st.text_at(i, "name"), st.text_at(i, "kind"),
                          st.int_at(i, "position")});
    std::vector<FunnelDeal> deals;
    auto d = conn.query(
        "SELECT d.id, d.owner_id, d.stage_id, d.amount_kopecks, d.lost_reason "
        "FROM deals d WHERE " +
            where,
        p.values());
    for (std::size_t i = 0; i < d.rows.size(); ++i)
        deals.push_back({d.int_at(i, "id"), d.opt_int_at(i, "owner_id"), d.int_at(i, "stage_id"),
                         d.opt_int_at(i, "amount_kopecks").value_or(0),
                         d.opt_text_at(i, "lost_reason").value_or("")});
    std::vector<FunnelMove> moves;
    auto h = conn.query(
        "SELECT h.deal_id, h.from_stage_id, h.to_stage_id, h.minutes_in_previous_stage FROM "
        "deal_stage_history h JOIN deals d ON d.id = h.deal_id WHERE " +
            where,
        p.values());
    for (std::size_t i = 0; i < h.rows.size(); ++i)
        moves.push_back({h.int_at(i, "deal_id"), h.opt_int_at(i, "from_stage_id"),
                         h.int_at(i, "to_stage_id"), h.opt_int_at(i, "minutes_in_previous_stage")});
    Funnel f = compute_funnel(stages, deals, moves);

    auto docs = conn.query(
        "SELECT COUNT(*) AS sent, SUM(CASE WHEN doc.status = 'accepted' THEN 1 ELSE 0 END) AS "
        "accepted FROM documents doc JOIN deals d ON d.id = doc.deal_id WHERE doc.kind = "
        "'proposal' AND doc.shared_at IS NOT NULL AND doc.archived_at IS NULL AND " +
            where,
        p.values());
    std::map<std::int64_t, std::string> names;
    auto u = conn.query("SELECT id, name FROM users");
    for (std::size_t i = 0; i < u.rows.size(); ++i) names[u.int_at(i, "id")] = u.text_at(i, "name");

    json::array stage_items, owner_items, reasons;
    std::map<std::int64_t, bool> archived;
    for (std::size_t i = 0; i < st.rows.size(); ++i)
        archived[st.int_at(i, "id")] = st.opt_text_at(i, "archived_at").has_value();
    for (const auto& s : f.stages) {
        if (archived[s.stage_id] && s.entered == 0) continue;
        stage_items.push_back(json::object{{"stage_id", s.stage_id},
                                           {"name", s.name},
                                           {"kind", s.kind},
                                           {"entered", s.entered},
                                           {"moved_on", s.moved_on},
                                           {"conversion_percent", tenths(s.conversion_tenths)},
                                           {"avg_minutes", opt(s.avg_minutes)},
                                           {"median_minutes", opt(s.median_minutes)}});
    }
    for (const auto& o : f.owners)
        owner_items.push_back(
            json::object{{"owner_id", opt(o.owner_id)},
                         {"name", o.owner_id ? json::value(json::string(names[*o.owner_id]))
                                             : json::value(nullptr)},
                         {"deals", o.deals},
                         {"won", o.won},
                         {"lost", o.lost},
                         {"won_amount_kopecks", o.won_amount_kopecks},
                         {"win_rate_percent", tenths(o.win_rate_tenths)}});
    for (const auto& [reason, n] : f.lost_reasons)
        reasons.push_back(json::object{{"reason", reason}, {"count", n}});
    return json::object{
        {"pipeline_id", pipeline},
        {"from", from.to_string()},
        {"to", to.to_string()},
        {"owner_id", opt(owner)},
        {"stages", stage_items},
        {"owners", owner_items},
        {"totals", json::object{{"deals", f.deals},
                                {"won", f.won},
                                {"lost", f.lost},
                                {"won_amount_kopecks", f.won_amount_kopecks},
                                {"proposals_sent", docs.opt_int_at(0, "sent").value_or(0)},
                                {"proposals_accepted", docs.opt_int_at(0, "accepted").value_or(0)},
                                {"win_rate_percent", tenths(f.win_rate_tenths)}}},
        {"lost_reasons", reasons}};
}

}  // namespace

namespace {

std::string str(const json::object& o, const char* k) {
    auto it = o.find(k);
    return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : "";
}

}  // namespace

std::string digest_text(const json::object& t, i18n::Lang lang) {
    auto tr = [lang](const std::string& english) { return texts::tr(english, lang); };
    auto date = [lang](const std::string& iso) {
        auto d = Date::parse(iso.substr(0, 10));
        return d ? texts::human_date(*d, lang) : iso;
    };
    std::string out;
    auto section = [&](const char* key, const char* title, auto line) {
        const auto& items = t.at(key).as_array();
        if (items.empty()) return;
        out += tr(std::string(title) + " (" + std::to_string(items.size()) + "):") + "\r\n";
        for (const auto& v : items) out += "  • " + line(v.as_object()) + "\r\n";
        out += "\r\n";
    };
    section("overdue", "Overdue", [&](const json::object& d) {
        return str(d, "title") + " — " + str(d, "next_step") + " (" +
               tr("due " + date(str(d, "next_step_on"))) + ")";
    });
    section("due_today", "Due today",
            [](const json::object& d) { return str(d, "title") + " — " + str(d, "next_step"); });
    section("tasks", "Tasks", [&](const json::object& x) {
        return str(x, "title") + " — " + str(x, "deal_title") + " (" +
               tr("due " + date(str(x, "due_on"))) + ")";
    });
    section("briefs_returned", "Briefs returned",
            [](const json::object& b) { return str(b, "title") + " — " + str(b, "deal_title"); });
    section("proposals_waiting", "Proposals awaiting an answer", [&](const json::object& p) {
        return str(p, "number") + " — " + str(p, "deal_title") + " (" +
               tr(std::to_string(p.at("views").as_int64()) + " views") + ")";
    });
    if (out.empty()) return out;
    return tr("Your day, " + date(str(t, "date")) + ".") + "\r\n\r\n" + out +
           tr("The «Today» list in Retainer: Sales → Today.") + "\r\n";
}

int queue_digests(db::Database& db, Instant now, bool ignore_hour) {
    struct Person {
        std::int64_t id;
        std::string email;
        i18n::Lang lang;
    };
    std::vector<Person> people;
    Date day;
    agency::Settings settings;
    {
        db::Lease conn = db.acquire();
        settings = agency::read(*conn);
        day = settings.today(now);
        if (!ignore_hour && settings.local_hour(now) < settings.reminder_digest_hour) return 0;
        auto r = conn->query(
            "SELECT u.id, u.email, u.locale FROM users u WHERE u.archived_at IS NULL AND u.email "
            "<> '' AND "
            "u.role IN ('owner', 'head', 'manager', 'sales', 'lead_generator', 'quality') AND NOT "
            "EXISTS (SELECT 1 FROM reminder_digests r WHERE r.user_id = u.id AND r.day = $1) "
            "ORDER BY u.id",
            {day.to_string()});
        for (std::size_t i = 0; i < r.rows.size(); ++i)
            people.push_back({r.int_at(i, "id"), r.text_at(i, "email"),
                              i18n::lang_of(r.text_at(i, "locale")).value_or(i18n::Lang::kRu)});
    }
    int queued = 0;
    for (const auto& [user, email, lang] : people) {
        db.transaction([&](db::Connection& conn) {
            // Nothing to do: no e-mail and no row, so the first item of the day still gets one.
            std::string text = digest_text(today(conn, user, now, settings), lang);
            if (text.empty()) return 0;
            if (const std::string& base = settings.public_base_url; !base.empty())
                text += texts::tr("Open: " + base + "/sales/today", lang) + "\r\n";
            // A second server (or `retainer remind`) racing for the same person finds the row
            // and sends nothing.
            auto mine = conn.query(
                "INSERT INTO reminder_digests (user_id, day, sent_at) VALUES ($1, $2, $3) ON "
                "CONFLICT (user_id, day) DO NOTHING RETURNING user_id",
                {user, day.to_string(), now.to_rfc3339()});
            if (mine.empty()) return 0;
            mail::enqueue(
                conn,
                {email, texts::tr("Retainer: your day, " + texts::human_date(day, lang), lang),
                 text},
                now.to_rfc3339());
            ++queued;
            return 0;
        });
    }
    return queued;
}

std::int64_t schedule_digests(db::Database& db, Instant now) {
    // One key per UTC minute: the same job from every process that schedules it this minute.
    std::string minute = now.to_rfc3339().substr(0, 16);
    return db.transaction([&](db::Connection& conn) {
        return jobs::enqueue(conn, {"reminder_digests", "reminder_digests:" + minute, {}, {}, 3},
                             now);
    });
}

void handle_digest_jobs(jobs::Runner& runner, db::Database& db, std::function<Instant()> now) {
    runner.handle("reminder_digests", [&db, now](const jobs::Job&, jobs::Progress&) {
        return boost::json::value(boost::json::object{{"queued", queue_digests(db, now())}});
    });
}

void register_insights(http::Router& router, db::Database& db, records::Resource::Now now) {
    using namespace access;
    router
        .add("GET", "/api/v1/sales/today",
             http::Policy::roles_of({kOwner, kHead, kManager, kSales, kLeadGenerator, kQuality}),
             [&db, now](http::Context& ctx) {
                 const auto& q = ctx.request.query;
                 std::int64_t owner = ctx.user().user_id;
                 if (q.count("owner_id") && !q.at("owner_id").empty()) {
                     std::int64_t asked = id_query(q, "owner_id", owner);
                     if (asked != owner && ctx.user().role != kOwner && ctx.user().role != kHead)
                         throw Error(ErrorKind::kForbidden,
                                     "only the owner and heads see another person's list");
                     owner = asked;
                 }
                 db::Lease conn = db.acquire();
                 return http::json_response(
                     200, json::serialize(today(*conn, owner, now(), agency::read(*conn))));
             })
        .accepts({"owner_id"});
    router
        .add("GET", "/api/v1/sales/analytics",
             http::Policy::roles_of({kOwner, kHead, kSales, kQuality}),
             [&db, now](http::Context& ctx) {
                 db::Lease conn = db.acquire();
                 return http::json_response(
                     200, json::serialize(analytics(*conn, ctx.request.query, now())));
             })
        .accepts({"from", "to", "pipeline_id", "owner_id"});
}

}  // namespace retainer::sales
