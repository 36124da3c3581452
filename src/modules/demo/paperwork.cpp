#include "modules/demo/paperwork.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <random>
#include <set>

#include "core/tax.hpp"
#include "core/text.hpp"
#include "modules/agency/settings.hpp"
#include "modules/documents/documents.hpp"
#include "modules/documents/rules.hpp"
#include "modules/estimates/estimates.hpp"
#include "modules/estimates/rules.hpp"
#include "platform/auth/password.hpp"

namespace retainer::demo {
namespace json = boost::json;
using std::int64_t;
using std::string;

namespace {

class Dice {
  public:
    explicit Dice(std::uint64_t seed) : engine_(seed ^ 0x70617065727700ULL) {}
    int64_t between(int64_t lo, int64_t hi) {
        return lo + static_cast<int64_t>(engine_() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return unit() < p; }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[static_cast<std::size_t>(between(0, static_cast<int64_t>(v.size()) - 1))];
    }

  private:
    std::mt19937_64 engine_;
};

struct Item {
    const char* key;
    const char* type_code;  // service type, or "" for general work
    const char* name;
    const char* unit;
    bool hourly;
    int64_t price_rub;  // fixed: per unit; hourly: per hour
    int64_t minutes;    // work in one unit
};
const std::vector<Item>& price_list() {
    static const std::vector<Item> items = {
        {"seo_audit", "seo", "SEO-аудит сайта", "шт", false, 35000, 900},
        {"seo_month", "seo", "SEO-продвижение, месяц", "мес", false, 60000, 1800},
        {"seo_article", "seo", "SEO-статья до 5000 знаков", "шт", false, 3500, 180},
        {"direct_setup", "direct", "Настройка кампаний Яндекс.Директ", "шт", false, 25000, 900},
        {"direct_month", "direct", "Ведение Яндекс.Директа, месяц", "мес", false, 30000, 1200},
        {"google_setup", "google_ads", "Настройка Google Ads", "шт", false, 20000, 720},
        {"smm_month", "smm", "Ведение сообщества ВКонтакте, месяц", "мес", false, 45000, 2400},
        {"target_setup", "smm", "Настройка таргетированной рекламы", "шт", false, 20000, 600},
        {"reputation_month", "reputation", "Мониторинг и ответы на отзывы, месяц", "мес", false,
         25000, 1200},
        {"prototype", "development", "Прототип и дизайн главной страницы", "шт", false, 120000,
         4800},
        {"page", "development", "Вёрстка и программирование страницы", "стр.", true, 2800, 360},
        {"integration_1c", "development", "Интеграция с 1С", "шт", true, 3000, 1200},
        {"content", "development", "Наполнение контентом", "час", true, 1500, 60},
        {"hour", "", "Час работы специалиста", "час", true, 2500, 60},
    };
    return items;
}

struct Want {
    const char* item;
    int64_t lo, hi;  // quantity range
    double chance;
};
/// What an estimate of a deal with this title holds.
std::vector<Want> lines_for(const string& title) {
    if (title.rfind("SEO", 0) == 0)
        return {{"seo_audit", 1, 1, 1}, {"seo_month", 3, 6, 1}, {"seo_article", 4, 10, 0.6}};
    if (title.rfind("Контекстная", 0) == 0)
        return {{"direct_setup", 1, 1, 1}, {"direct_month", 3, 6, 1}, {"google_setup", 1, 1, 0.4}};
    if (title.rfind("SMM", 0) == 0)
        return {{"smm_month", 3, 6, 1}, {"target_setup", 1, 1, 0.8}, {"hour", 4, 10, 0.3}};
    if (title.rfind("Управление репутацией", 0) == 0)
        return {{"reputation_month", 3, 12, 1}, {"hour", 5, 15, 0.5}};
    int64_t pages = title.rfind("Лендинг", 0) == 0            ? 3
                    : title.rfind("Интернет-магазин", 0) == 0 ? 25
                    : title.rfind("Редизайн", 0) == 0         ? 10
                                                              : 12;
    return {{"prototype", 1, 1, 1},
            {"page", pages, pages + pages / 2, 1},
            {"integration_1c", 1, 1, title.rfind("Интернет-магазин", 0) == 0 ? 0.8 : 0.1},
            {"content", 10, 40, 0.7}};
}

const char* brief_for(const string& title, bool webdev) {
    if (webdev) return "Бриф на разработку сайта";
    if (title.rfind("Контекстная", 0) == 0) return "Бриф на контекстную рекламу";
    if (title.rfind("SMM", 0) == 0) return "Бриф на SMM";
    return "Бриф на SEO-продвижение";
}

const std::vector<string> kCities = {"Москва",      "Санкт-Петербург",  "Казань",   "Екатеринбург",
                                     "Новосибирск", "Москва и область", "Краснодар"};
const std::vector<string> kLongTexts = {
    "Продаём и устанавливаем пластиковые окна, 12 лет на рынке, своё производство.",
    "Сеть из трёх стоматологических клиник, основной доход — имплантация и ортодонтия.",
    "Интернет-магазин товаров для дома, 4 000 позиций, доставка по России.",
    "Юридические услуги для бизнеса: банкротство, арбитраж, сопровождение сделок.",
    "Производство мебели на заказ: кухни и шкафы-купе, средний чек 180 000 "
    "₽.",
    "Нравятся сайты конкурентов за простую навигацию и понятный калькулятор цены.",
    "Собственники 35–55 лет, принимают решение сами, сравнивают 3–4 предложения."};
const std::vector<string> kTasks = {"Позвонить и уточнить бюджет",
                                    "Выслать кейсы из ниши клиента",
                                    "Согласовать бриф",
                                    "Подготовить расчёт",
                                    "Назначить встречу с директором",
                                    "Отправить договор на согласование"};
const std::vector<string> kComments = {
    "Созвонились, клиент ждёт бриф до пятницы.",
    "Просят скидку на первые три месяца.",
    "Сравнивают с двумя агентствами, главное для них — сроки.",
    "Нужна встреча с директором, он принимает решение.",
    "Уточнить рекламный бюджет: называли от 100 000 ₽ в "
    "месяц.",
    "Отправил КП, обещали ответить на неделе.",
    "Попросили кейсы из их ниши — отправил три."};

string alnum(Dice& d, int n) {
    static const char* chars = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    string s;
    for (int i = 0; i < n; ++i) s += chars[d.between(0, 55)];
    return s;
}

json::value answer(Dice& d, const json::object& q, const string& site) {
    string type(q.at("type").as_string());
    string key(q.at("key").as_string());
    const auto& options = q.at("options").as_array();
    if (type == "url") return json::string(site);
    if (type == "file_link") return json::string("https://disk.yandex.ru/d/" + alnum(d, 14));
    if (type == "choice")
        return options.at(
            static_cast<std::size_t>(d.between(0, static_cast<int64_t>(options.size()) - 1)));
    if (type == "multi_choice") {
        json::array picked;
        for (const auto& o : options)
            if (d.chance(0.45)) picked.push_back(o);
        if (picked.empty()) picked.push_back(options.at(0));
        return picked;
    }
    if (type == "number") {
        if (key == "posts") return d.between(8, 20);
        if (key == "pages") return d.between(5, 40);
        if (key == "lead_cost") return d.between(8, 30) * 100;
        return d.between(5, 30) * 10000;
    }
    if (type == "long_text") return json::string(d.pick(kLongTexts));
    if (key == "region" || key == "geo" || key == "city") return json::string(d.pick(kCities));
    if (key == "tone") return json::string("Дружеский, без канцелярита");
    if (key == "deadline") return json::string("За 2–3 месяца, к началу сезона");
    return json::string("Обсудим на созвоне");
}

string ts(int64_t seconds) { return Instant{seconds}.to_rfc3339(); }

}  // namespace

PaperworkSummary fill_paperwork(db::Connection& conn, std::uint64_t seed, Instant now_instant) {
    PaperworkSummary out;
    Dice d(seed);
    const int64_t now = now_instant.seconds;
    const string now_ts = ts(now);

    // "demo": the sign-in page offers the demo accounts only on a demo database. The requisites
    // come twice: the older free text, and field by field as the documents print them.
    agency::store(conn,
                  {{"agency_name", "ООО «Ретейнер Диджитал»"},
                   {"demo", "1"},
                   {"agency_requisites",
                    "ИНН 7707083893, КПП 770701001, ОГРН 1027700132195, 125009, г. Москва, ул. "
                    "Тверская, д. 7, р/с 40702810938000000001 в ПАО Сбербанк, БИК 044525225, к/с "
                    "30101810400000000225"},
                   {"agency_legal_name", "ООО «Ретейнер Диджитал»"},
                   {"agency_inn", "7707083893"},
                   {"agency_kpp", "770701001"},
                   {"agency_ogrn", "1027700132195"},
                   {"agency_address", "125009, г. Москва, ул. Тверская, д. 7"},
                   {"agency_bank_name", "ПАО Сбербанк"},
                   {"agency_bik", "044525225"},
                   {"agency_correspondent_account", "30101810400000000225"},
                   {"agency_bank_account", "40702810938000000001"},
                   {"agency_director", "Иванова Ольга Сергеевна"},
                   {"agency_accountant", "Смирнова Анна Петровна"},
                   {"agency_phone", "+7 495 123-45-67"},
                   {"agency_email", "hello@retainer.demo"}});

    // ---- the price list, and brief templates tied to service types ------------------------
    std::map<string, int64_t> type_of;
    auto types = conn.query("SELECT id, code FROM service_types");
    for (std::size_t i = 0; i < types.rows.size(); ++i)
        type_of[types.text_at(i, "code")] = types.int_at(i, "id");
    struct Priced {
        int64_t id, unit_price, minutes;
        string name, unit;
    };
    std::map<string, Priced> items;
    for (const Item& it : price_list()) {
        int64_t unit_price = it.hourly
                                 ? estimates::hourly_unit_price(it.minutes, it.price_rub * 100)
                                 : it.price_rub * 100;
        auto type = type_of.find(it.type_code);
        auto r = conn.query(
            "INSERT INTO price_items (name, unit, pricing, price_kopecks, rate_kopecks, "
            "minutes_per_unit, unit_price_kopecks, service_type_id, search_text, created_at, "
            "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
            {string(it.name), string(it.unit), string(it.hourly ? "hourly" : "fixed"),
             it.hourly ? db::null() : db::Value(it.price_rub * 100),
             it.hourly ? db::Value(it.price_rub * 100) : db::null(), it.minutes, unit_price,
             type == type_of.end() ? db::null() : db::Value(type->second), text::fold(it.name),
             now_ts});
        items[it.key] = {r.int_at(0, "id"), unit_price, it.minutes, it.name, it.unit};
        ++out.price_items;
    }
    for (auto [name, code] :
         std::vector<std::pair<string, string>>{{"Бриф на SEO-продвижение", "seo"},
                                                {"Бриф на контекстную рекламу", "direct"},
                                                {"Бриф на SMM", "smm"},
                                                {"Бриф на разработку сайта", "development"}})
        if (type_of.count(code))
            conn.query("UPDATE brief_templates SET service_type_id = $1 WHERE name = $2",
                       {type_of[code], name});
    std::map<string, std::pair<int64_t, json::array>> briefs_by_name;
    auto bt =
        conn.query("SELECT id, name, questions FROM brief_templates WHERE archived_at IS NULL");
    for (std::size_t i = 0; i < bt.rows.size(); ++i)
        briefs_by_name[bt.text_at(i, "name")] = {
            bt.int_at(i, "id"), json::parse(bt.text_at(i, "questions")).as_array()};
    std::map<string, int64_t> template_of;
    auto t = conn.query(
        "SELECT id, kind FROM document_templates WHERE archived_at IS NULL ORDER BY id DESC");
    for (std::size_t i = 0; i < t.rows.size(); ++i)
        template_of[t.text_at(i, "kind")] = t.int_at(i, "id");

    // ---- the deals and when each reached which stage --------------------------------------
    struct Deal {
        int64_t id = 0, created = 0;
        string title, company, contact, phone, email, source, pipeline, stage_kind;
        std::optional<int64_t> client, owner;
        int position = 0;                // current stage (1-based)
        std::map<int, int64_t> entered;  // stage position → time
        int reached = 0;                 // furthest open position reached
    };
    std::map<int64_t, Deal> deals;
    auto dr = conn.query(
        "SELECT d.id, d.title, d.company, d.contact_name, d.phone, d.email, d.source, "
        "d.client_id, d.owner_id, d.created_at, s.position, s.kind, p.code FROM deals d JOIN "
        "pipeline_stages s ON s.id = d.stage_id JOIN pipelines p ON p.id = d.pipeline_id ORDER "
        "BY d.id");
    for (std::size_t i = 0; i < dr.rows.size(); ++i) {
        Deal x;
        x.id = dr.int_at(i, "id");
        x.title = dr.text_at(i, "title");
        x.company = dr.opt_text_at(i, "company").value_or("");
        x.contact = dr.opt_text_at(i, "contact_name").value_or("");
        x.phone = dr.opt_text_at(i, "phone").value_or("");
        x.email = dr.opt_text_at(i, "email").value_or("");
        x.source = dr.text_at(i, "source");
        x.client = dr.opt_int_at(i, "client_id");
        x.owner = dr.opt_int_at(i, "owner_id");
        x.created =
            Instant::parse_rfc3339(dr.text_at(i, "created_at")).value_or(now_instant).seconds;
        x.position = static_cast<int>(dr.int_at(i, "position"));
        x.stage_kind = dr.text_at(i, "kind");
        x.pipeline = dr.text_at(i, "code");
        deals[x.id] = x;
    }
    auto h = conn.query(
        "SELECT h.deal_id, h.at, s.position, s.kind FROM deal_stage_history h JOIN "
        "pipeline_stages s ON s.id = h.to_stage_id");
    for (std::size_t i = 0; i < h.rows.size(); ++i) {
        auto it = deals.find(h.int_at(i, "deal_id"));
        if (it == deals.end()) continue;
        int pos = static_cast<int>(h.int_at(i, "position"));
        it->second.entered[pos] =
            Instant::parse_rfc3339(h.text_at(i, "at")).value_or(now_instant).seconds;
        if (h.text_at(i, "kind") == "open") it->second.reached = std::max(it->second.reached, pos);
    }
    int64_t sales_demo = 0;
    auto sd = conn.query("SELECT id FROM users WHERE email = 'sales@demo.local'");
    if (!sd.empty()) sales_demo = sd.int_at(0, "id");

    // sales@'s "today" list has something in every column: two overdue next steps, two due today.
    if (sales_demo) {
        Date day = agency::read(conn).today(now_instant);
        auto mine = conn.query(
            "SELECT d.id FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id WHERE "
            "d.owner_id = $1 AND s.kind = 'open' ORDER BY d.id LIMIT 4",
            {sales_demo});
        const int shift[] = {-2, -1, 0, 0};
        for (std::size_t i = 0; i < mine.rows.size(); ++i)
            conn.query("UPDATE deals SET next_step_on = $1 WHERE id = $2",
                       {day.plus_days(shift[i]).to_string(), mine.int_at(i, "id")});
    }
    estimates::Snapshot snap = estimates::current_snapshot(conn, now_instant);
    const std::int64_t offset_minutes = agency::read(conn).timezone_offset_minutes;
    auto local_date = [&](int64_t s) { return Instant{s + offset_minutes * 60}.utc_date(); };

    struct DocPlan {
        int64_t at;
        string kind, title;
        int64_t deal;
        std::optional<int64_t> client, estimate;
        bool share;
        std::optional<int64_t> accepted_at;
        string accepted_by;
        std::vector<int64_t> views;
    };
    std::vector<DocPlan> docs;
    std::map<int64_t, int64_t> proposal_estimate;  // estimate id → deal (made proposals)

    const Date today = agency::read(conn).today(now_instant);
    for (auto& [id, x] : deals) {
        const bool webdev = x.pipeline == "webdev";
        string domain = x.email.substr(x.email.find('@') + 1);
        string site = "https://" + (domain.empty() || x.email.find('@') == string::npos
                                        ? "site-" + std::to_string(id) + ".ru"
                                        : domain);
        // Brief: sent when the deal reached the brief stage (3), filled once it moved on.
        if (x.reached >= 3 && x.entered.count(3)) {
            const auto& tpl = briefs_by_name[brief_for(x.title, webdev)];
            int64_t sent = x.entered[3] + d.between(600, 7200);
            int64_t next = x.entered.count(4)   ? x.entered[4]
                           : x.entered.count(7) ? x.entered[7]
                           : x.entered.count(8) ? x.entered[8]
                                                : now;
            bool moved_on = x.reached > 3 || x.stage_kind != "open";
            bool submitted = moved_on || d.chance(0.5);
            json::object answers;
            for (const auto& qv : tpl.second) {
                const json::object& q = qv.as_object();
                bool required = q.at("required").as_bool();
                if (submitted ? (required || d.chance(0.7)) : d.chance(0.35))
                    answers[string(q.at("key").as_string())] = answer(d, q, site);
            }
            int64_t done_at =
                sent + static_cast<int64_t>(d.unit() * 0.8 * std::max<int64_t>(3600, next - sent));
            if (done_at > now) done_at = now - 600;
            if (done_at < sent) done_at = sent;
            string token = auth::random_token(32);
            conn.query(
                "INSERT INTO briefs (deal_id, template_id, title, questions, answers, status, "
                "public_url, public_token_hash, sent_at, saved_at, submitted_at, search_text, "
                "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                "$12, "
                "$13, COALESCE($10, $9))",
                {id, tpl.first, string(brief_for(x.title, webdev)), json::serialize(tpl.second),
                 json::serialize(answers), string(submitted ? "submitted" : "sent"), "/b/" + token,
                 auth::digest(token), ts(sent),
                 answers.empty() ? db::null() : db::Value(ts(done_at)),
                 submitted ? db::Value(ts(done_at)) : db::null(),
                 text::fold(brief_for(x.title, webdev)), ts(sent - 300)});
            ++out.briefs;
            if (submitted && x.owner == sales_demo && now - done_at < 7 * 86400) {
                conn.query(
                    "INSERT INTO notifications (user_id, kind, title, deal_id, entity, entity_id, "
                    "created_at) VALUES ($1, 'brief_submitted', $2, $3, 'briefs', NULL, $4)",
                    {sales_demo, "Клиент заполнил бриф по сделке «" + x.title + "»", id,
                     ts(done_at)});
                ++out.notifications;
            }
        }
        // Estimate: when the deal reached the estimate stage (4); a second revision sometimes.
        if (x.reached >= 4 && x.entered.count(4)) {
            std::vector<estimates::PricedLine> lines;
            for (const Want& w : lines_for(x.title)) {
                if (!d.chance(w.chance)) continue;
                const Priced& p = items.at(w.item);
                estimates::LineInput in;
                in.quantity_milli = d.between(w.lo, w.hi) * 1000;
                in.unit_price = p.unit_price;
                in.minutes_per_unit = p.minutes;
                in.discount_percent = d.chance(0.3) ? static_cast<int>(d.between(1, 3) * 5) : 0;
                lines.push_back({p.id, p.name, p.unit, in});
            }
            int revisions = x.reached >= 5 && d.chance(0.3) ? 2 : 1;
            int64_t made = x.entered[4] + d.between(3600, 86400);
            int64_t last_estimate = 0, total = 0;
            for (int rev = 1; rev <= revisions; ++rev) {
                if (rev == 2)
                    for (auto& l : lines)
                        l.in.discount_percent = std::min(30, l.in.discount_percent + 5);
                std::vector<estimates::LineInput> inputs;
                for (const auto& l : lines) inputs.push_back(l.in);
                Date on = local_date(made);
                string mode = snap.tax_mode;
                int rate = tax::vat_rate_percent(mode, on);
                estimates::Totals tt = estimates::compute(inputs, rate, snap.cost_rate_kopecks);
                auto r = conn.query(
                    "INSERT INTO estimates (deal_id, revision, title, lines, tax_mode, "
                    "vat_rate_percent, cost_rate_kopecks, minutes, net_kopecks, vat_kopecks, "
                    "total_kopecks, discount_kopecks, cost_kopecks, margin_kopecks, status, "
                    "search_text, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
                    "$9, $10, $11, $12, $13, $14, 'draft', '', $15, $15) RETURNING id",
                    {id, int64_t{rev}, x.title, json::serialize(estimates::lines_json(lines, tt)),
                     mode, int64_t{rate}, snap.cost_rate_kopecks, tt.minutes, tt.net, tt.vat,
                     tt.total, tt.discount, tt.cost, tt.margin, ts(made)});
                last_estimate = r.int_at(0, "id");
                total = tt.total;
                ++out.estimates;
                made += d.between(3600, 2 * 86400);
            }
            conn.query("UPDATE deals SET amount_kopecks = $1 WHERE id = $2", {total, id});
            // Proposal: made from the last revision when the deal reached "КП отправлено" (5).
            if (x.reached >= 5 && x.entered.count(5)) {
                int64_t shared = x.entered[5];
                std::optional<int64_t> accepted;
                if (x.reached >= 6 && x.entered.count(6))
                    accepted = x.entered[6] - d.between(600, 6 * 3600);
                else if (x.entered.count(7))
                    accepted = x.entered[7] - d.between(600, 6 * 3600);
                if (accepted && *accepted <= shared) accepted = shared + 1800;
                int64_t until = accepted.value_or(x.entered.count(8) ? x.entered[8] : now);
                // Views: a few between sharing and the answer; fresh deals may have none yet.
                std::vector<int64_t> views;
                int n = static_cast<int>(d.between(accepted ? 1 : 0, 4));
                for (int v = 0; v < n && until > shared; ++v)
                    views.push_back(shared + static_cast<int64_t>(
                                                 d.unit() * static_cast<double>(until - shared)));
                std::sort(views.begin(), views.end());
                const string buyer = x.company.empty() ? x.title : x.company;
                docs.push_back({shared, "proposal", documents::default_title("proposal", buyer), id,
                                x.client, last_estimate, true, accepted,
                                x.contact.empty() ? "Клиент" : x.contact, views});
                proposal_estimate[last_estimate] = id;
                if (accepted) {
                    int64_t contract_at = *accepted + d.between(3600, 2 * 86400);
                    // A contract goes out only with the buyer's requisites: a prospect's stays a
                    // draft, and its deal card says what is missing (issue 9).
                    docs.push_back({contract_at,
                                    "contract",
                                    documents::default_title("contract", buyer),
                                    id,
                                    x.client,
                                    last_estimate,
                                    x.client.has_value(),
                                    std::nullopt,
                                    "",
                                    {}});
                    if (x.stage_kind == "won" && x.entered.count(7))
                        docs.push_back({std::max(x.entered[7], contract_at + 3600),
                                        "invoice",
                                        documents::default_title("invoice", buyer),
                                        id,
                                        x.client,
                                        last_estimate,
                                        false,
                                        std::nullopt,
                                        "",
                                        {}});
                }
            }
        }
        // Comments by the owner on some deals.
        if (x.owner && d.chance(0.4)) {
            int n = static_cast<int>(d.between(1, 2));
            for (int c = 0; c < n; ++c) {
                int64_t at = x.created +
                             static_cast<int64_t>(d.unit() * static_cast<double>(now - x.created));
                conn.query(
                    "INSERT INTO deal_comments (deal_id, author_id, body, search_text, created_at, "
                    "updated_at) VALUES ($1, $2, $3, $4, $5, $5)",
                    {id, *x.owner, d.pick(kComments), text::fold(d.pick(kComments)), ts(at)});
                ++out.comments;
            }
        }
        // Tasks on open deals: the next thing to do, by the owner; sales@ has some due now.
        if (x.owner && x.stage_kind == "open" && d.chance(0.6)) {
            int n = static_cast<int>(d.between(1, 3));
            for (int k = 0; k < n; ++k) {
                int64_t due = d.between(-4, 10);
                bool done = due < 0 && d.chance(0.5);
                int64_t made = std::max(x.created, now - d.between(1, 14) * 86400);
                conn.query(
                    "INSERT INTO deal_tasks (deal_id, title, due_on, assignee_id, author_id, done, "
                    "done_at, search_text, created_at, updated_at) VALUES ($1, $2, $3, $4, $4, $5, "
                    "$6, $7, $8, $8)",
                    {id, d.pick(kTasks), today.plus_days(due).to_string(), *x.owner,
                     int64_t{done ? 1 : 0}, done ? db::Value(ts(now - 3600)) : db::null(),
                     text::fold(d.pick(kTasks)), ts(made)});
                ++out.tasks;
            }
        }
        // The site form behind a site deal.
        if (x.source == "site") {
            auto r = conn.query(
                "INSERT INTO applications (name, phone, email, company, message, page_url, source, "
                "ip_hash, duplicate_of_client_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, "
                "'site', $7, $8, $9) RETURNING id",
                {x.contact, x.phone, x.email, x.company,
                 string(webdev ? "Нужен сайт, пришлите стоимость"
                               : "Интересует продвижение, перезвоните"),
                 string("https://retainer.agency/") + (webdev ? "razrabotka" : "prodvizhenie"),
                 auth::digest("demo-ip:" + std::to_string(id)), db::optional_value(x.client),
                 ts(x.created)});
            conn.query("UPDATE deals SET application_id = $1 WHERE id = $2",
                       {r.int_at(0, "id"), id});
            ++out.applications;
        }
    }

    // ---- documents in the order they were made: numbers grow with time ---------------------
    std::sort(docs.begin(), docs.end(),
              [](const DocPlan& a, const DocPlan& b) { return a.at < b.at; });
    for (const DocPlan& p : docs) {
        int64_t year = local_date(p.at).year;
        int64_t seq = documents::next_sequence(conn, p.kind, year);
        string number = documents::format_number(p.kind, year, seq);
        auto tpl = template_of.find(p.kind);
        auto r = conn.query(
            "INSERT INTO documents (kind, number, year, sequence, template_id, deal_id, client_id, "
            "estimate_id, title, status, search_text, created_at, updated_at) VALUES ($1, $2, $3, "
            "$4, $5, $6, $7, $8, $9, 'draft', $10, $11, $11) RETURNING id",
            {p.kind, number, year, seq,
             tpl == template_of.end() ? db::null() : db::Value(tpl->second), p.deal,
             db::optional_value(p.client), db::optional_value(p.estimate), p.title,
             text::fold(number + " " + p.title), ts(p.at)});
        int64_t doc = r.int_at(0, "id");
        ++out.documents;
        if (p.share) {
            documents::share(conn, doc, ts(p.at), std::nullopt);
            conn.query("UPDATE documents SET shared_at = $1, updated_at = $1 WHERE id = $2",
                       {ts(p.at), doc});
        }
        if (p.accepted_at)
            conn.query(
                "UPDATE documents SET status = 'accepted', accepted_at = $1, accepted_by_name = "
                "$2, updated_at = $1 WHERE id = $3",
                {ts(*p.accepted_at), p.accepted_by, doc});
        for (int64_t v : p.views) {
            conn.query("INSERT INTO document_views (document_id, at, ip_hash) VALUES ($1, $2, $3)",
                       {doc, ts(v), auth::digest("demo-view:" + std::to_string(p.deal))});
            ++out.views;
        }
        if (!p.views.empty())
            conn.query("UPDATE documents SET views = $1, last_viewed_at = $2 WHERE id = $3",
                       {static_cast<int64_t>(p.views.size()), ts(p.views.back()), doc});
        if (p.kind == "proposal" && p.estimate) {
            conn.query(
                "UPDATE estimates SET status = 'proposed', proposal_document_id = $1 WHERE id = $2",
                {doc, *p.estimate});
            if (p.accepted_at && now - *p.accepted_at < 7 * 86400) {
                auto owner = deals[p.deal].owner;
                if (owner && *owner == sales_demo) {
                    conn.query(
                        "INSERT INTO notifications (user_id, kind, title, deal_id, entity, "
                        "entity_id, created_at) VALUES ($1, 'proposal_accepted', $2, $3, "
                        "'documents', $4, $5)",
                        {sales_demo, "Клиент принял КП " + number + ": " + p.accepted_by, p.deal,
                         doc, ts(*p.accepted_at)});
                    ++out.notifications;
                }
            }
        }
    }
    return out;
}

}  // namespace retainer::demo
