#include "modules/demo/demo.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <optional>
#include <random>
#include <set>
#include <span>
#include <stdexcept>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "core/requisites.hpp"
#include "core/text.hpp"
#include "modules/agency/settings.hpp"
#include "modules/clients/clients.hpp"
#include "modules/crm/crm.hpp"
#include "modules/demo/demo_data.hpp"
#include "modules/demo/paperwork.hpp"
#include "modules/documents/documents.hpp"
#include "modules/documents/rules.hpp"
#include "modules/sales/sales.hpp"
#include "modules/services/services.hpp"
#include "modules/staff/staff.hpp"
#include "modules/time/time_entries.hpp"
#include "modules/workload/rules.hpp"
#include "platform/auth/password.hpp"
#include "platform/records/audit.hpp"

namespace retainer::demo {
namespace {
namespace json = boost::json;
using std::int64_t;
using std::string;
using std::string_view;

// ---------------------------------------------------------------------------------------------
// Randomness: std::mt19937_64 with our own draws, so a seed gives the same agency on every
// standard library (the std distributions are implementation-defined).

class Random {
  public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}
    std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : engine_() % n; }
    int between(int lo, int hi) { return lo + static_cast<int>(below(hi - lo + 1)); }
    double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * unit(); }
    bool chance(double p) { return unit() < p; }
    template <class T, std::size_t N>
    const T& pick(const T (&items)[N]) {
        return items[below(N)];
    }
    template <class T>
    const T& pick(std::span<const T> items) {
        return items[below(items.size())];
    }
    template <class T>
    const T& pick(const std::vector<T>& items) {
        return items[below(items.size())];
    }
    /// Index drawn with the given relative weights.
    std::size_t weighted(std::span<const double> weights) {
        double total = 0;
        for (double w : weights) total += w;
        double x = unit() * total;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (x < weights[i]) return i;
            x -= weights[i];
        }
        return weights.size() - 1;
    }
    template <class T>
    void shuffle(std::vector<T>& v) {
        for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
    }

  private:
    std::mt19937_64 engine_;
};

string digits(Random& rnd, int n) {
    string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + rnd.below(10));
    return s;
}

string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// ---------------------------------------------------------------------------------------------
// Text helpers.

/// Cyrillic → Latin for e-mail addresses and web sites ("Ромашка" → "romashka").
string translit(string_view s) {
    static const std::array<const char*, 32> kLower = {
        "a", "b", "v", "g", "d", "e",  "zh", "z",  "i",  "y",   "k", "l", "m", "n", "o",  "p",
        "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "sch", "",  "y", "",  "e", "yu", "ya"};
    string out;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            char a = static_cast<char>(std::tolower(c));
            if ((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9')) out += a;
            if (a == '-' || a == ' ') out += '-';
            ++i;
            continue;
        }
        if ((c & 0xE0) == 0xC0 && i + 1 < s.size()) {
            unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
            if (cp >= 0x410 && cp <= 0x42F) cp += 0x20;
            if (cp >= 0x430 && cp <= 0x44F) out += kLower[cp - 0x430];
            if (cp == 0x401 || cp == 0x451) out += "e";
            i += 2;
            continue;
        }
        ++i;
    }
    // Collapse doubled dashes that punctuation leaves behind.
    string clean;
    for (char ch : out)
        if (!(ch == '-' && (clean.empty() || clean.back() == '-'))) clean += ch;
    while (!clean.empty() && clean.back() == '-') clean.pop_back();
    return clean;
}

bool ends_with(string_view s, string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

/// "Смирнов" → "Смирнова", "Ковальский" → "Ковальская", "Шевчук" stays.
string female_last_name(string_view male) {
    string s(male);
    if (ends_with(s, "ий")) return s.substr(0, s.size() - string_view("ий").size()) + "ая";
    if (ends_with(s, "ов") || ends_with(s, "ев") || ends_with(s, "ёв") || ends_with(s, "ин"))
        return s + "а";
    return s;
}

struct Person {
    string first, last, patronymic;
    bool female = false;
    string full() const { return first + " " + last; }
    string formal() const { return last + " " + first + " " + patronymic; }
};

Person person(Random& rnd) {
    Person p;
    p.female = rnd.chance(0.5);
    p.first = string(p.female ? rnd.pick(data::kFemaleFirst) : rnd.pick(data::kMaleFirst));
    string_view last = rnd.pick(data::kLastNames);
    p.last = p.female ? female_last_name(last) : string(last);
    p.patronymic =
        string(p.female ? rnd.pick(data::kFemalePatronymics) : rnd.pick(data::kMalePatronymics));
    return p;
}

string city_phone(Random& rnd, const data::City& city) {
    string code(city.phone_code);
    string rest = digits(rnd, 10 - static_cast<int>(code.size()));
    if (code.size() == 3)
        return "+7 (" + code + ") " + rest.substr(0, 3) + "-" + rest.substr(3, 2) + "-" +
               rest.substr(5, 2);
    return "+7 (" + code + ") " + rest.substr(0, 2) + "-" + rest.substr(2, 2) + "-" +
           rest.substr(4, 2);
}

string mobile_phone(Random& rnd) {
    string d = "9" + digits(rnd, 9);
    return "+7 (" + d.substr(0, 3) + ") " + d.substr(3, 3) + "-" + d.substr(6, 2) + "-" +
           d.substr(8, 2);
}

/// The folded text the record store keeps in search_text: the schema's searchable fields, in
/// schema order, each followed by a space (records::Resource::search_text).
string search_text(const records::Schema& schema, const json::object& r) {
    string joined;
    for (const auto& f : schema.fields) {
        if (!f.searchable) continue;
        auto it = r.find(f.name);
        if (it == r.end()) continue;
        if (it->value().is_string()) joined += string(it->value().as_string()) + " ";
        if (it->value().is_array())
            for (const auto& t : it->value().as_array())
                if (t.is_string()) joined += string(t.as_string()) + " ";
    }
    return text::fold(joined);
}

/// True when `table` has `column` (migrations may add columns after the demo was written).
bool has_column(db::Connection& conn, const string& table, const string& column) {
    db::Result r = conn.query("SELECT * FROM " + table + " WHERE 1 = 0");
    return std::find(r.columns.begin(), r.columns.end(), column) != r.columns.end();
}

db::Value opt(const std::optional<string>& v) { return db::optional_value(v); }
db::Value opt_id(int64_t id) { return id > 0 ? db::Value(id) : db::null(); }

// ---------------------------------------------------------------------------------------------
// Multi-row INSERT … VALUES in batches: one SQL text per batch size on both backends, reused
// (SQLite caches the prepared statement by text). Shared values are bound once per statement as
// $1..$K; each row's values follow.

class BulkInsert {
  public:
    /// `row` uses {0}, {1}, … for the row's own values and $1..$K for `shared`.
    BulkInsert(db::Connection& conn, string head, string row, std::vector<db::Value> shared,
               string tail = "", std::function<void(const db::Result&)> on_result = {})
        : conn_(conn),
          head_(std::move(head)),
          row_(std::move(row)),
          tail_(std::move(tail)),
          shared_(std::move(shared)),
          on_result_(std::move(on_result)) {
        for (std::size_t i = 0; i < row_.size(); ++i)
            if (row_[i] == '{') per_row_ = std::max(per_row_, std::stoi(row_.substr(i + 1)) + 1);
        batch_ = static_cast<std::size_t>(std::clamp(30000 / std::max(per_row_, 1), 1, 500));
        pending_ = shared_;
    }
    BulkInsert(const BulkInsert&) = delete;
    BulkInsert& operator=(const BulkInsert&) = delete;

    template <class... V>
    void add(V&&... values) {
        static_assert(sizeof...(V) > 0);
        if (static_cast<int>(sizeof...(V)) != per_row_)
            throw std::logic_error("demo: wrong number of values for " + head_);
        (pending_.emplace_back(std::forward<V>(values)), ...);
        if (++rows_ == batch_) flush();
    }

    void flush() {
        if (rows_ == 0) return;
        db::Result r = conn_.query(sql(rows_), pending_);
        if (on_result_) on_result_(r);
        total_ += static_cast<int64_t>(rows_);
        rows_ = 0;
        pending_.resize(shared_.size());
    }
    int64_t total() const { return total_; }

  private:
    const string& sql(std::size_t rows) {
        auto it = sql_.find(rows);
        if (it != sql_.end()) return it->second;
        string s = head_ + " VALUES ";
        std::size_t base = shared_.size();
        for (std::size_t r = 0; r < rows; ++r) {
            if (r) s += ", ";
            for (std::size_t i = 0; i < row_.size(); ++i) {
                if (row_[i] != '{') {
                    s += row_[i];
                    continue;
                }
                std::size_t close = row_.find('}', i);
                auto idx = static_cast<std::size_t>(std::stoi(row_.substr(i + 1, close - i - 1)));
                s += "$" + std::to_string(base + r * static_cast<std::size_t>(per_row_) + idx + 1);
                i = close;
            }
        }
        s += tail_;
        return sql_.emplace(rows, std::move(s)).first->second;
    }

    db::Connection& conn_;
    string head_, row_, tail_;
    std::vector<db::Value> shared_;
    std::function<void(const db::Result&)> on_result_;
    int per_row_ = 0;
    std::size_t batch_ = 500;
    std::size_t rows_ = 0;
    int64_t total_ = 0;
    std::vector<db::Value> pending_;
    std::map<std::size_t, string> sql_;
};

// ---------------------------------------------------------------------------------------------
// The agency's shape.

struct GroupSpec {
    string_view name, direction;
    string_view head_position, specialist_positions[2];
};

constexpr GroupSpec kGroups[] = {
    {"SEO", "seo", "Руководитель отдела SEO", {"SEO-специалист", "Старший SEO-специалист"}},
    {"Контекстная реклама",
     "ads",
     "Руководитель отдела контекстной рекламы",
     {"Специалист по контекстной рекламе", "Директолог"}},
    {"SMM и таргет", "smm", "Руководитель отдела SMM", {"SMM-специалист", "Таргетолог"}},
    {"Разработка и поддержка",
     "dev",
     "Руководитель отдела разработки",
     {"Веб-разработчик", "Специалист техподдержки"}},
};

struct TypeSpec {
    string_view code, name, name_en, direction;
    int group;
    int64_t rate_rub;          // planning hour rate
    int64_t fee_min, fee_max;  // monthly fee range, roubles
    double weight;             // share among services
    bool ad_budget;            // carries an advertising budget
    std::span<const string_view> notes;
    std::span<const string_view> recommendations;
};

const TypeSpec kTypes[] = {
    {"seo", "SEO", "SEO", "seo", 0, 2300, 20000, 150000, 30, false, data::kSeoNotes,
     data::kSeoRecommendations},
    {"direct", "Яндекс.Директ", "Yandex Direct", "ads", 1, 2300, 15000, 120000, 20, true,
     data::kAdsNotes, data::kAdsRecommendations},
    {"google_ads", "Google Ads", "Google Ads", "ads", 1, 2300, 15000, 100000, 7, true,
     data::kAdsNotes, data::kAdsRecommendations},
    {"smm", "Таргет и SMM", "Targeted ads and SMM", "smm", 2, 2000, 15000, 120000, 18, true,
     data::kSmmNotes, data::kSmmRecommendations},
    {"reputation", "Управление репутацией", "Reputation management", "reputation", 2, 2000, 15000,
     80000, 5, false, data::kReputationNotes, data::kReputationRecommendations},
    {"support", "Техподдержка сайта", "Website support", "support", 3, 2000, 15000, 80000, 13,
     false, data::kDevNotes, data::kDevRecommendations},
    {"development", "Разработка сайта", "Web development", "dev", 3, 2800, 60000, 300000, 7, false,
     data::kDevNotes, data::kDevRecommendations},
};
constexpr std::size_t kTypeCount = std::size(kTypes);

struct Employee {
    string email, name, role, position, phone;
    int group = -1;
    int64_t cost_rate = 0;
    int64_t id = 0;
};

struct Client {
    string name, legal_name, inn, kpp, ogrn, address, bank_name, bik, bank_account, corr_account,
        phone, email, website, source, status, note;
    json::array tags;
    Person contact;
    string contact_position, contact_phone, contact_email;
    std::optional<Person> second_contact;
    int manager = -1;
    int64_t id = 0;
    bool individual = false;
};

struct Service {
    int client = 0;
    int type = 0;
    int specialist = -1;
    int manager = -1;
    int64_t fee = 0;  // kopecks
    std::optional<int64_t> ad_budget;
    Date starts_on;
    std::optional<Date> ends_on;
    string status = "active";
    int64_t id = 0;
};

enum class Shade { kBlue, kYellow, kRed };

struct Builder {
    Random rnd;
    Date today;
    Instant now;
    string now_ts;
    int utc_offset_minutes = 180;
    std::vector<Employee> employees;
    std::vector<Client> clients;
    std::vector<Service> services;
    std::vector<std::vector<int>> group_members;      // specialists and the head, per group
    std::vector<std::vector<int>> group_specialists;  // specialists only, per group
    std::set<string> taken_names, taken_inns, taken_emails;

    explicit Builder(std::uint64_t seed) : rnd(seed) {}

    // -- clients --------------------------------------------------------------------------

    string unique_inn(const string& body_head, int body_digits) {
        for (;;) {
            string body = body_head + digits(rnd, body_digits - static_cast<int>(body_head.size()));
            if (body_digits == 11) body += "0";  // complete_inn replaces the last of 11 digits
            string inn = requisites::complete_inn(body_digits == 11 ? body.substr(0, 11) : body);
            if (taken_inns.insert(inn).second) return inn;
        }
    }

    static string with_check_digit(string body, const std::function<bool(const string&)>& ok) {
        for (char d = '0'; d <= '9'; ++d)
            if (ok(body + d)) return body + d;
        throw std::logic_error("demo: no check digit for " + body);
    }

    string company_name() {
        for (int attempt = 0;; ++attempt) {
            string n;
            double style = rnd.unit();
            if (style < 0.35) {
                n = string(rnd.pick(data::kRoots));
            } else if (style < 0.55) {
                n = string(rnd.pick(data::kRoots)) + string(rnd.pick(data::kSectors));
            } else if (style < 0.72) {
                n = string(rnd.pick(data::kRoots)) + "-" + string(rnd.pick(data::kSectors));
            } else if (style < 0.9) {
                string adj(rnd.pick(data::kAdjectives));
                n = adj + " " + string(rnd.pick(data::kBusinesses));
            } else {
                n = string(rnd.pick(data::kSectors)) + string(rnd.pick(data::kRoots));
                // "СтройВектор" reads fine; lower the second capital for "Стройвектор" sometimes.
            }
            if (attempt > 50) n += " " + std::to_string(rnd.between(2, 99));
            if (taken_names.insert(n).second) return n;
        }
    }

    void make_requisites(Client& c, const data::City& city, bool individual, int64_t founded) {
        string office = string(city.region) + two(rnd.between(1, 35));
        if (individual) {
            c.inn = unique_inn(office, 11);
            string body =
                "3" + two(static_cast<int>(founded % 100)) + string(city.region) + digits(rnd, 9);
            c.ogrn = with_check_digit(
                body, [](const string& s) { return !requisites::ogrn_problem(s).has_value(); });
        } else {
            c.inn = unique_inn(office, 9);
            c.kpp = office + "01001";
            string body =
                "1" + two(static_cast<int>(founded % 100)) + string(city.region) + digits(rnd, 7);
            c.ogrn = with_check_digit(
                body, [](const string& s) { return !requisites::ogrn_problem(s).has_value(); });
        }
        const data::Bank& bank = rnd.pick(data::kBanks);
        c.bank_name = string(bank.name);
        c.bik = string(bank.bik);
        c.corr_account = string(bank.correspondent_account);
        string head = individual ? "40802810" : "40702810";
        string tail = digits(rnd, 11);
        for (char k = '0'; k <= '9'; ++k) {
            string acc = head + k + tail;
            if (!requisites::settlement_account_problem(acc, c.bik)) {
                c.bank_account = acc;
                break;
            }
        }
        c.address = string(city.postal_head) + digits(rnd, 3) + ", г. " + string(city.name) + ", " +
                    string(rnd.pick(data::kStreets)) + ", д. " +
                    std::to_string(rnd.between(1, 120)) +
                    (rnd.chance(0.6) ? ", офис " + std::to_string(rnd.between(1, 450)) : "");
    }

    Client make_client(int index) {
        Client c;
        const data::City& city = index == 0 ? data::kCities[0] : rnd.pick(data::kCities);
        double form = rnd.unit();
        int64_t founded = rnd.between(2003, 2023);
        string domain;
        if (index == 0) {
            taken_names.insert("Ромашка");
            c.name = "ООО Ромашка";
            c.legal_name = "Общество с ограниченной ответственностью «Ромашка»";
            domain = "romashka-flowers.ru";
            c.tags = {"интернет-магазин", "VIP"};
            c.note = "Демо-клиент: портал client@demo.local";
        } else if (form < 0.18) {
            c.individual = true;
            Person owner = person(rnd);
            const data::Trade& trade = rnd.pick(data::kTrades);
            c.name = "ИП " + owner.formal();
            c.legal_name = "Индивидуальный предприниматель " + owner.formal();
            domain = translit(owner.last) + "-" + string(trade.slug) + ".ru";
            c.tags.push_back(json::string(trade.tag));
            c.contact = owner;
            c.contact_position = "Индивидуальный предприниматель";
        } else {
            string base = company_name();
            string short_form = "ООО", long_form = "Общество с ограниченной ответственностью";
            if (form > 0.94) {
                short_form = "АО";
                long_form = "Акционерное общество";
            } else if (form > 0.92) {
                short_form = "ПАО";
                long_form = "Публичное акционерное общество";
            } else if (form > 0.90) {
                short_form = "АНО";
                long_form = "Автономная некоммерческая организация";
            }
            c.name = short_form + " " + base;
            c.legal_name = long_form + " «" + base + "»";
            string slug = translit(base);
            static constexpr string_view kZones[] = {".ru", ".ru", ".ru", ".com", ".рф", ".su"};
            string_view zone = rnd.pick(kZones);
            domain = zone == ".рф" ? slug + ".ru" : slug + string(zone);
        }
        make_requisites(c, city, c.individual, founded);
        if (index == 0) {
            c.inn = requisites::complete_inn("772801234");
            taken_inns.insert(c.inn);
            c.kpp = "772801001";
        }
        c.phone = city_phone(rnd, city);
        c.website = "https://" + domain;
        c.email = (c.individual ? translit(c.contact.last) + "@" : "info@") +
                  (c.individual ? string(rnd.chance(0.5) ? "yandex.ru" : "mail.ru") : domain);
        c.source = string(rnd.pick(data::kSources));
        int extra_tags = rnd.between(0, 2);
        for (int t = 0; t < extra_tags && index != 0; ++t) {
            json::string tag(rnd.pick(data::kTags));
            if (std::find(c.tags.begin(), c.tags.end(), json::value(tag)) == c.tags.end())
                c.tags.push_back(tag);
        }
        if (!c.individual) {
            c.contact = index == 0 ? Person{"Алексей", "Громов", "Игоревич", false} : person(rnd);
            c.contact_position = string(rnd.pick(data::kContactPositions));
            if (index == 0) c.contact_position = "Директор по маркетингу";
            if (rnd.chance(0.45)) c.second_contact = person(rnd);
        }
        c.contact_phone = mobile_phone(rnd);
        c.contact_email = c.individual ? c.email
                                       : translit(c.contact.first).substr(0, 1) + "." +
                                             translit(c.contact.last) + "@" + domain;
        double s = rnd.unit();
        c.status = index == 0 ? "active" : s < 0.04 ? "lead" : s < 0.10 ? "churned" : "active";
        return c;
    }

    // -- services -------------------------------------------------------------------------

    int64_t fee_for(const TypeSpec& t) {
        // Log-uniform between the type's bounds, rounded to 1 000 ₽; small fees are commoner.
        double x = std::pow(rnd.unit(), 1.25);
        double rub = static_cast<double>(t.fee_min) *
                     std::pow(static_cast<double>(t.fee_max) / static_cast<double>(t.fee_min), x);
        int64_t rounded = std::llround(rub / 1000.0) * 1000;
        return std::clamp<int64_t>(rounded, 15000, 300000) * 100;
    }

    Date month_start(int months_back) const {
        Period p = Period::of(today);
        for (int i = 0; i < months_back; ++i) p = p.previous();
        return p.first_day();
    }

    void make_services(int client_index) {
        Client& c = clients[static_cast<std::size_t>(client_index)];
        if (c.status == "lead") return;
        std::vector<int> types;
        if (client_index == 0) {
            types = {0, 1, 3};
        } else {
            static constexpr double kCounts[] = {40, 36, 17, 7};
            std::size_t n = rnd.weighted(kCounts) + 1;
            std::array<double, kTypeCount> weights{};
            for (std::size_t i = 0; i < kTypeCount; ++i) weights[i] = kTypes[i].weight;
            while (types.size() < n) {
                std::size_t t = rnd.weighted(weights);
                weights[t] = 0;
                types.push_back(static_cast<int>(t));
            }
        }
        // Churned clients left 3–10 months ago; everyone else is in service now.
        int churn_back = c.status == "churned" ? rnd.between(3, 10) : 0;
        for (int t : types) {
            Service s;
            s.client = client_index;
            s.type = t;
            const TypeSpec& spec = kTypes[static_cast<std::size_t>(t)];
            s.fee = fee_for(spec);
            if (spec.ad_budget)
                s.ad_budget = int64_t{rnd.between(3, 60)} * 10000 * 100;  // 30 000 – 600 000 ₽
            int back;
            double when = rnd.unit();
            if (client_index == 0)
                back = 22;
            else if (when < 0.70)
                back = rnd.between(12, 40);
            else if (when < 0.96)
                back = rnd.between(1, 11);
            else
                back = 0;
            back = std::max(back, churn_back + 1);
            Date start = month_start(back);
            if (rnd.chance(0.3)) start = start.plus_days(rnd.between(1, 25));
            if (start > today) start = today;
            s.starts_on = start;
            if (churn_back > 0) {
                Date last = month_start(churn_back - 1).plus_days(-1);
                s.ends_on = last;
                s.status = "finished";
            }
            services.push_back(std::move(s));
        }
    }

    // -- employees ------------------------------------------------------------------------

    int add_employee(const string& role, int group, string position, int64_t cost_rub,
                     const string& email = "", std::optional<Person> who = std::nullopt) {
        Person p = who ? *who : person(rnd);
        Employee e;
        e.role = role;
        e.group = group;
        e.position = std::move(position);
        e.name = p.full();
        e.phone = mobile_phone(rnd);
        e.cost_rate = cost_rub * 100;
        if (!email.empty()) {
            e.email = email;
        } else {
            string base = translit(p.first).substr(0, 1) + "." + translit(p.last);
            e.email = base + "@demo.local";
            for (int n = 2; taken_emails.count(e.email); ++n)
                e.email = base + std::to_string(n) + "@demo.local";
        }
        taken_emails.insert(e.email);
        employees.push_back(std::move(e));
        return static_cast<int>(employees.size()) - 1;
    }

    void make_staff() {
        std::array<int, std::size(kGroups)> per_group{};
        for (const auto& s : services)
            if (!s.ends_on) ++per_group[static_cast<std::size_t>(kTypes[s.type].group)];
        int active_clients = 0;
        for (const auto& c : clients)
            if (c.status != "churned") ++active_clients;

        add_employee("owner", -1, "Генеральный директор", 3000, "owner@demo.local",
                     Person{"Ольга", "Белова", "Андреевна", true});
        add_employee("accountant", -1, "Главный бухгалтер", 900, "accountant@demo.local",
                     Person{"Наталья", "Кузнецова", "Сергеевна", true});
        for (int i = 1; i < active_clients / 1500; ++i)
            add_employee("accountant", -1, "Бухгалтер", 700);
        add_employee("sales", -1, "Менеджер по продажам", 800, "sales@demo.local",
                     Person{"Мария", "Соколова", "Павловна", true});
        for (int i = 0; i < std::max(1, active_clients / 300); ++i)
            add_employee("sales", -1, "Менеджер по продажам", 800);
        add_employee("lead_generator", -1, "Лидогенератор", 500);
        add_employee("quality", -1, "Специалист отдела качества", 600);

        group_members.assign(std::size(kGroups), {});
        group_specialists.assign(std::size(kGroups), {});
        for (std::size_t g = 0; g < std::size(kGroups); ++g) {
            int head = g == 0 ? add_employee("head", 0, string(kGroups[g].head_position), 1500,
                                             "head@demo.local",
                                             Person{"Дмитрий", "Орлов", "Викторович", false})
                              : add_employee("head", static_cast<int>(g),
                                             string(kGroups[g].head_position), 1400);
            group_members[g].push_back(head);
        }
        // Account managers: ~30 clients each, spread over the groups.
        int managers = std::max(2, (active_clients + 29) / 30);
        std::vector<int> manager_ids;
        manager_ids.push_back(add_employee("manager", 0, "Аккаунт-менеджер", 700,
                                           "manager@demo.local",
                                           Person{"Екатерина", "Васильева", "Олеговна", true}));
        for (int i = 1; i < managers; ++i)
            manager_ids.push_back(add_employee(
                "manager", i % 4, i % 5 == 0 ? "Старший аккаунт-менеджер" : "Аккаунт-менеджер",
                i % 5 == 0 ? 850 : 700));
        // Specialists: about one per 20 running services in each group.
        for (std::size_t g = 0; g < std::size(kGroups); ++g) {
            int count = std::max(2, (per_group[g] + 19) / 20);
            for (int i = 0; i < count; ++i) {
                bool senior = i % 4 == 1;
                int id =
                    g == 0 && i == 0
                        ? add_employee("specialist", 0, "SEO-специалист", 650,
                                       "specialist@demo.local",
                                       Person{"Иван", "Петров", "Сергеевич", false})
                        : add_employee("specialist", static_cast<int>(g),
                                       string(kGroups[g].specialist_positions[senior ? 1 : 0]),
                                       senior ? rnd.between(800, 1000) : rnd.between(500, 750));
                group_members[g].push_back(id);
                group_specialists[g].push_back(id);
            }
        }

        // manager@ owns the demo client and ~29 more; the rest go round the other managers.
        std::vector<int> order;
        for (int i = 1; i < static_cast<int>(clients.size()); ++i) order.push_back(i);
        rnd.shuffle(order);
        clients[0].manager = manager_ids[0];
        std::size_t next = 0;
        for (std::size_t k = 0; k < order.size(); ++k) {
            int m;
            if (k < 29 || manager_ids.size() == 1) {
                m = manager_ids[0];
            } else {
                m = manager_ids[1 + next % (manager_ids.size() - 1)];
                ++next;
            }
            clients[static_cast<std::size_t>(order[k])].manager = m;
        }
        for (auto& s : services) s.manager = clients[static_cast<std::size_t>(s.client)].manager;

        // specialist@ runs 12 SEO services (the demo client's among them); the rest are spread
        // evenly over each group's specialists.
        int demo_specialist = group_specialists[0][0];
        std::vector<std::vector<std::size_t>> by_group(std::size(kGroups));
        for (std::size_t i = 0; i < services.size(); ++i)
            by_group[static_cast<std::size_t>(kTypes[services[i].type].group)].push_back(i);
        for (std::size_t g = 0; g < by_group.size(); ++g) {
            auto& list = by_group[g];
            rnd.shuffle(list);
            const auto& specs = group_specialists[g];
            std::size_t k = 0;
            int given_to_demo = g == 0 ? 1 : 0;  // the demo client's SEO
            for (std::size_t i : list) {
                Service& s = services[i];
                if (g == 0 && s.client == 0) {
                    s.specialist = demo_specialist;
                    continue;
                }
                if (g == 0 && !s.ends_on && given_to_demo < 12) {
                    s.specialist = demo_specialist;
                    ++given_to_demo;
                    continue;
                }
                std::size_t pool = g == 0 && specs.size() > 1 ? specs.size() - 1 : specs.size();
                std::size_t offset = specs.size() - pool;
                s.specialist = specs[offset + k++ % pool];
            }
        }
    }
};

// ---------------------------------------------------------------------------------------------
// Time entries shaped for the dashboard: in the current and the previous month about 60 % of the
// running services are blue, 20 % yellow and 20 % red (docs/demo.md, "Lights").

/// Actual ÷ planned to aim for in a period. `share` is the elapsed share of the period (1 for a
/// past month). In the current month a blue service keeps pace under plan; a yellow or red one
/// has already passed its whole-month plan by today when that takes a believable pace (at most
/// 1.8× or 2.2× the plan's), else it is on a yellow or red pace.
double target_ratio(Random& rnd, Shade shade, double share) {
    switch (shade) {
        case Shade::kBlue:
            return share * rnd.uniform(0.62, 0.97);
        case Shade::kYellow: {
            double r = rnd.uniform(1.03, 1.17);
            return r / share <= 1.8 ? r : share * r;
        }
        case Shade::kRed: {
            double r = rnd.uniform(1.26, 1.55);
            return r / share <= 2.2 ? r : share * rnd.uniform(1.26, 1.6);
        }
    }
    return share;
}

/// Exactly 60 % blue, 20 % yellow and 20 % red among the services with elapsed days in `p`.
std::vector<Shade> stratified_shades(Builder& b, const Period& p) {
    std::vector<Shade> shades(b.services.size(), Shade::kBlue);
    std::vector<std::size_t> running;
    for (std::size_t i = 0; i < b.services.size(); ++i) {
        const Service& s = b.services[i];
        if (workload::elapsed_active_days(p, s.starts_on, s.ends_on, b.today) > 0)
            running.push_back(i);
    }
    b.rnd.shuffle(running);
    std::size_t blue = (running.size() * 6 + 5) / 10;
    std::size_t yellow = (running.size() * 2 + 5) / 10;
    for (std::size_t k = 0; k < running.size(); ++k)
        shades[running[k]] = k < blue            ? Shade::kBlue
                             : k < blue + yellow ? Shade::kYellow
                                                 : Shade::kRed;
    return shades;
}

/// The secondary, non-unique indexes of `table` as (name, CREATE statement), read from the
/// catalog so the DDL stays the migrations' own. Bulk loads drop them and build them afterwards:
/// one sort per index instead of millions of random B-tree inserts.
std::vector<std::pair<string, string>> secondary_indexes(db::Connection& conn,
                                                         const string& table) {
    db::Result r =
        conn.backend() == db::Backend::kSqlite
            ? conn.query(
                  "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $1 "
                  "AND sql IS NOT NULL",
                  {table})
            : conn.query(
                  "SELECT indexname AS name, indexdef AS sql FROM pg_indexes WHERE tablename = $1 "
                  "AND schemaname = current_schema()",
                  {table});
    std::vector<std::pair<string, string>> out;
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
        string sql = r.text_at(i, "sql");
        if (sql.find("UNIQUE") != string::npos || sql.find("unique") != string::npos) continue;
        out.emplace_back(r.text_at(i, "name"), sql);
    }
    return out;
}

/// The first column of a CREATE INDEX statement ("… ON t USING btree (date, user_id)" → "date").
string leading_column(const string& create_index) {
    std::size_t open = create_index.find('(');
    if (open == string::npos) return "";
    std::size_t end = create_index.find_first_of(",) ", open + 1);
    string column = create_index.substr(open + 1, end - open - 1);
    std::erase(column, '"');
    return column;
}

int64_t fill_time_entries(db::Connection& conn, Builder& b) {
    // 30 minutes to 4 hours, short entries commonest (about 55 minutes on average).
    static constexpr int kSizes[] = {30, 45, 60, 75, 90, 120, 150, 180, 240};
    static constexpr double kSizeWeights[] = {10, 7, 6, 2, 2, 1, 0.3, 0.3, 0.4};
    static constexpr double kPastShades[] = {62, 22, 16};
    const Period current = Period::of(b.today);
    const Period previous = current.previous();
    std::vector<Period> window{current};
    while (window.size() < 12) window.insert(window.begin(), window.front().previous());
    const std::vector<Shade> current_shades = stratified_shades(b, current);
    const std::vector<Shade> previous_shades = stratified_shades(b, previous);
    // A few red services of this month are front-loaded: already over their whole-month plan in
    // the first days, so red shows by fact on any day of the month (issue 9). A few of last
    // month's ran at about four times their plan and lost money (negative margin).
    auto some_red = [](const std::vector<Shade>& shades, std::size_t share_percent) {
        std::vector<std::size_t> red;
        for (std::size_t i = 0; i < shades.size(); ++i)
            if (shades[i] == Shade::kRed) red.push_back(i);
        std::size_t n =
            std::min(red.size(), std::max<std::size_t>(3, red.size() * share_percent / 100));
        return std::set<std::size_t>(red.begin(), red.begin() + static_cast<std::ptrdiff_t>(n));
    };
    const std::set<std::size_t> front_loaded = some_red(current_shades, 15);
    const std::set<std::size_t> loss_making = some_red(previous_shades, 10);

    // Every note once, with its folded search text; rows refer to notes by number.
    auto entry_schema = time::time_entry_schema();
    std::vector<string_view> notes;
    std::vector<string> folded_notes;
    std::map<string_view, std::uint16_t> note_number;
    for (const auto& t : kTypes)
        for (string_view n : t.notes)
            if (note_number.emplace(n, static_cast<std::uint16_t>(notes.size())).second) {
                notes.push_back(n);
                folded_notes.push_back(search_text(entry_schema, json::object{{"note", n}}));
            }
    struct Row {
        std::int32_t day;
        std::int32_t user;  // employee index
        std::int64_t service_id;
        std::int16_t minutes;
        std::uint16_t note;
        std::int16_t created_minute;  // minute of the UTC day it was logged; -1: now (today)
    };
    std::vector<Row> rows;

    std::unordered_map<std::uint64_t, int> day_minutes;  // (employee, day) → minutes logged
    auto day_key = [](int employee, int64_t day) {
        return (static_cast<std::uint64_t>(employee) << 32) | static_cast<std::uint64_t>(day);
    };
    const int64_t today_days = b.today.days_since_epoch();

    for (std::size_t si = 0; si < b.services.size(); ++si) {
        const Service& s = b.services[si];
        const TypeSpec& type = kTypes[static_cast<std::size_t>(s.type)];
        const auto g = static_cast<std::size_t>(type.group);
        workload::ServiceTerms terms{s.fee, type.rate_rub * 100, s.starts_on, s.ends_on};
        // One standing colleague covers for the specialist, as in a real team: a service sees two
        // or three people a month, not the whole group (it also keeps the rollups small).
        const std::vector<int>& members = b.group_members[g];
        const int backup = members[static_cast<std::size_t>(s.id) % members.size()];
        for (const Period& p : window) {
            int elapsed = workload::elapsed_active_days(p, s.starts_on, s.ends_on, b.today);
            if (elapsed <= 0) continue;
            workload::PlanFact pf = workload::plan_fact(terms, p, 0, b.today);
            Shade shade;
            if (p == current)
                shade = current_shades[si];
            else if (p == previous)
                shade = previous_shades[si];
            else
                shade = static_cast<Shade>(b.rnd.weighted(kPastShades));
            double ratio = target_ratio(b.rnd, shade, p == current ? pf.elapsed_share : 1.0);
            if (p == current && front_loaded.count(si)) ratio = b.rnd.uniform(1.25, 1.45);
            if (p == previous && loss_making.count(si)) ratio = b.rnd.uniform(3.9, 4.5);
            int64_t remaining =
                std::llround(static_cast<double>(pf.planned_minutes) * ratio / 5.0) * 5;
            int64_t first = std::max(p.first_day(), s.starts_on).days_since_epoch();
            int64_t last = std::min(p.last_day().days_since_epoch(), today_days);
            if (s.ends_on) last = std::min(last, s.ends_on->days_since_epoch());
            while (remaining > 0) {
                int64_t size = kSizes[b.rnd.weighted(kSizeWeights)];
                if (size >= remaining) {
                    size = remaining;
                } else if (remaining - size < 30) {
                    size = remaining <= 240 ? remaining : remaining - 30;
                }
                remaining -= size;
                // Mostly the service's specialist, sometimes a colleague from the group; weekdays
                // mostly; never more than 24 hours a day for anyone.
                int who = s.specialist;
                int64_t day = first;
                bool placed = false;
                for (int attempt = 0; attempt < 16 && !placed; ++attempt) {
                    who = b.rnd.chance(attempt < 8 ? 0.85 : 0.3) ? s.specialist : backup;
                    day = first + static_cast<int64_t>(
                                      b.rnd.below(static_cast<std::uint64_t>(last - first + 1)));
                    int weekday = static_cast<int>((day % 7 + 7 + 3) % 7);  // 0 = Monday
                    if (weekday >= 5 && !b.rnd.chance(0.12) && attempt < 12) continue;
                    placed = day_minutes[day_key(who, day)] + size <= 1440;
                }
                // Everyone is busy on the days tried: take the first free slot in the period.
                for (int64_t d = first; d <= last && !placed; ++d)
                    for (int member : b.group_members[g])
                        if (day_minutes[day_key(member, d)] + size <= 1440) {
                            who = member;
                            day = d;
                            placed = true;
                            break;
                        }
                if (!placed) continue;
                day_minutes[day_key(who, day)] += static_cast<int>(size);
                string_view note = b.rnd.pick(type.notes);
                int created_minute = -1;
                if (day != today_days) {
                    int hour = b.rnd.between(6, 15);
                    created_minute = hour * 60 + b.rnd.between(0, 59);
                }
                rows.push_back(Row{static_cast<std::int32_t>(day), static_cast<std::int32_t>(who),
                                   s.id, static_cast<std::int16_t>(size), note_number.at(note),
                                   static_cast<std::int16_t>(created_minute)});
            }
        }
    }

    // Rows go in by (date, user, service, minutes): indexes that lead with the date then only
    // ever append, and stay in place; the others are dropped and built once at the end.
    for (Row& r : rows) r.user = static_cast<std::int32_t>(b.employees[r.user].id);
    std::sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) {
        return std::tie(x.day, x.user, x.service_id, x.minutes) <
               std::tie(y.day, y.user, y.service_id, y.minutes);
    });
    auto indexes = secondary_indexes(conn, "time_entries");
    std::erase_if(indexes,
                  [](const auto& index) { return leading_column(index.second) == "date"; });
    for (const auto& [name, sql] : indexes) conn.execute_script("DROP INDEX " + name);
    BulkInsert ins(conn,
                   "INSERT INTO time_entries (service_id, user_id, date, duration_minutes, note, "
                   "source, search_text, created_at, updated_at)",
                   "({0}, {1}, {2}, {3}, {4}, 'manual', {5}, {6}, {6})", {});
    std::int32_t day = -1;
    string date;
    for (const Row& r : rows) {
        if (r.day != day) {
            day = r.day;
            date = Date::from_days(day).to_string();
        }
        string created = r.created_minute < 0 ? b.now_ts
                                              : date + "T" + two(r.created_minute / 60) + ":" +
                                                    two(r.created_minute % 60) + ":00Z";
        ins.add(r.service_id, int64_t{r.user}, date, int64_t{r.minutes}, string(notes[r.note]),
                folded_notes[r.note], std::move(created));
    }
    ins.flush();
    for (const auto& [name, sql] : indexes) conn.execute_script(sql);
    return ins.total();
}

// ---------------------------------------------------------------------------------------------
// Recommendations: 2–5 per client in service over the last half-year, in every status.

int64_t fill_recommendations(db::Connection& conn, Builder& b) {
    static constexpr string_view kEffects[] = {
        "Ожидаем рост заявок на 10–15 %.",
        "Снизит стоимость обращения.",
        "Улучшит позиции по ключевым запросам.",
        "Повысит конверсию сайта.",
        "Сократит число отказов.",
    };
    static constexpr double kStatusWeights[] = {8, 22, 30, 12, 28};
    const auto rec_schema = crm::recommendation_schema();
    std::vector<std::vector<std::size_t>> by_client(b.clients.size());
    for (std::size_t i = 0; i < b.services.size(); ++i)
        by_client[static_cast<std::size_t>(b.services[i].client)].push_back(i);

    BulkInsert ins(conn,
                   "INSERT INTO recommendations (client_id, service_id, author_id, title, body, "
                   "status, sent_on, due_on, approved_on, rejected_on, implemented_on, "
                   "search_text, created_at, updated_at)",
                   "({0}, {1}, CAST({2} AS BIGINT), {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}, "
                   "{11}, {12}, {13})",
                   {});
    for (std::size_t ci = 0; ci < b.clients.size(); ++ci) {
        if (by_client[ci].empty()) continue;
        const Client& c = b.clients[ci];
        int count = b.rnd.between(2, 5);
        for (int k = 0; k < count; ++k) {
            const Service& s = b.services[b.rnd.pick(by_client[ci])];
            const TypeSpec& type = kTypes[static_cast<std::size_t>(s.type)];
            Date latest = s.ends_on ? std::min(*s.ends_on, b.today) : b.today;
            Date earliest = std::max(s.starts_on, latest.plus_days(-180));
            int64_t span = latest.days_since_epoch() - earliest.days_since_epoch();
            Date sent = earliest.plus_days(static_cast<int64_t>(
                b.rnd.below(static_cast<std::uint64_t>(std::max<int64_t>(span, 0) + 1))));
            Date due = sent.plus_days(b.rnd.between(5, 14));
            string status;
            std::optional<string> sent_on = sent.to_string(), due_on = due.to_string(), approved_on,
                                  rejected_on, implemented_on;
            auto capped = [&](Date d) { return std::min(d, latest).to_string(); };
            switch (b.rnd.weighted(kStatusWeights)) {
                case 0:
                    status = "draft";
                    sent = std::max(earliest, latest.plus_days(-b.rnd.between(0, 20)));
                    sent_on.reset();
                    due_on.reset();
                    break;
                case 1:
                    // Waiting for the client: sent within the last month, overdue once due_on
                    // has passed.
                    status = "sent";
                    sent = std::max(earliest, latest.plus_days(-b.rnd.between(1, 21)));
                    due = sent.plus_days(b.rnd.between(5, 14));
                    sent_on = sent.to_string();
                    due_on = due.to_string();
                    break;
                case 2:
                    status = "approved";
                    approved_on = capped(sent.plus_days(b.rnd.between(1, 20)));
                    break;
                case 3:
                    status = "rejected";
                    rejected_on = capped(sent.plus_days(b.rnd.between(1, 15)));
                    break;
                default: {
                    Date approved = sent.plus_days(b.rnd.between(1, 15));
                    Date done = approved.plus_days(b.rnd.between(3, 30));
                    approved_on = capped(approved);
                    if (done <= latest) {
                        status = "implemented";
                        implemented_on = done.to_string();
                    } else {
                        status = "approved";
                    }
                }
            }
            string title(b.rnd.pick(type.recommendations));
            string body =
                string("Услуга «") + string(type.name) + "». " + string(b.rnd.pick(kEffects));
            string created = sent.plus_days(status == "draft" ? 0 : -1).to_string() + "T0" +
                             std::to_string(b.rnd.between(6, 9)) + ":" + two(b.rnd.between(0, 59)) +
                             ":00Z";
            string updated = (implemented_on ? *implemented_on
                              : approved_on  ? *approved_on
                              : rejected_on  ? *rejected_on
                              : sent_on      ? *sent_on
                                             : sent.to_string()) +
                             "T12:00:00Z";
            if (updated < created) updated = created;
            ins.add(c.id, s.id, opt_id(b.employees[static_cast<std::size_t>(s.specialist)].id),
                    title, body, status, opt(sent_on), opt(due_on), opt(approved_on),
                    opt(rejected_on), opt(implemented_on),
                    search_text(rec_schema, json::object{{"title", title}, {"body", body}}),
                    created, updated);
        }
    }
    ins.flush();
    return ins.total();
}

// ---------------------------------------------------------------------------------------------
// Calls: 5–15 per client in service over the last three months, by the account manager mostly.

int64_t fill_calls(db::Connection& conn, Builder& b) {
    std::vector<std::vector<std::size_t>> by_client(b.clients.size());
    for (std::size_t i = 0; i < b.services.size(); ++i)
        by_client[static_cast<std::size_t>(b.services[i].client)].push_back(i);
    const int64_t offset_seconds = int64_t{b.utc_offset_minutes} * 60;
    const auto call_schema = crm::call_schema();
    BulkInsert ins(conn,
                   "INSERT INTO calls (client_id, employee_id, direction, started_at, started_on, "
                   "duration_seconds, status, phone, note, search_text, created_at, updated_at)",
                   "({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {3}, {3})", {});
    // Calls to return: for two or three clients of each account manager the latest call is an
    // incoming one missed in the last few days, so every manager's Today has some (docs/demo.md).
    std::map<int, int> to_return_of_manager;
    for (std::size_t ci = 0; ci < b.clients.size(); ++ci) {
        const Client& c = b.clients[ci];
        if (by_client[ci].empty() || c.status == "churned") continue;
        std::optional<Instant> returned_before;
        if (int& n = to_return_of_manager[c.manager]; n < 3 && b.rnd.chance(0.25)) {
            ++n;
            returned_before = Instant{b.now.seconds - b.rnd.between(2 * 3600, 4 * 86400)};
            Instant at = *returned_before;
            string phone = c.contact_phone.empty() ? c.phone : c.contact_phone;
            string note = "Пропущенный, перезвонить";
            ins.add(c.id, b.employees[static_cast<std::size_t>(c.manager)].id, string("in"),
                    at.to_rfc3339(), workload::local_date(at, b.utc_offset_minutes).to_string(),
                    int64_t{0}, string("missed"), phone, db::Value(note),
                    search_text(call_schema, json::object{{"phone", phone}, {"note", note}}));
        }
        int count = b.rnd.between(5, 15);
        for (int k = 0; k < count; ++k) {
            Date day = b.today.plus_days(-static_cast<int64_t>(b.rnd.below(91)));
            int weekday = static_cast<int>((day.days_since_epoch() % 7 + 7 + 3) % 7);
            if (weekday >= 5) day = day.plus_days(-(weekday - 4));
            int64_t local = day.days_since_epoch() * 86400 + b.rnd.between(9 * 3600, 19 * 3600);
            Instant at{local - offset_seconds};
            if (at > b.now) at = Instant{b.now.seconds - b.rnd.between(600, 7200)};
            if (returned_before && !(at < *returned_before))
                at = Instant{returned_before->seconds - b.rnd.between(86400, 20 * 86400)};
            Date local_day = workload::local_date(at, b.utc_offset_minutes);
            int employee =
                b.rnd.chance(0.75) ? c.manager : b.services[b.rnd.pick(by_client[ci])].specialist;
            bool outgoing = b.rnd.chance(0.55);
            bool missed = b.rnd.chance(outgoing ? 0.10 : 0.18);
            int64_t seconds =
                missed ? 0 : static_cast<int64_t>(40 + std::pow(b.rnd.unit(), 1.8) * 1400);
            string note(b.rnd.pick(data::kCallNotes));
            if (missed) note = outgoing ? "Не дозвонились" : "Пропущенный, перезвонить";
            string phone = b.rnd.chance(0.7) ? c.contact_phone : c.phone;
            ins.add(c.id, b.employees[static_cast<std::size_t>(employee)].id,
                    string(outgoing ? "out" : "in"), at.to_rfc3339(), local_day.to_string(),
                    seconds, string(missed ? "missed" : "answered"), phone,
                    note.empty() ? db::null() : db::Value(note),
                    search_text(call_schema, note.empty()
                                                 ? json::object{{"phone", phone}}
                                                 : json::object{{"phone", phone}, {"note", note}}));
        }
    }
    ins.flush();
    return ins.total();
}

// ---------------------------------------------------------------------------------------------
// Sales: two pipelines and ~150 deals (clients × 0.75 at larger sizes, at most 3000) across every
// stage, with stage histories over the last six months (docs/demo.md, "Deals").

struct StageSpec {
    string_view name, owner_role, kind;
    int probability;
    string_view role = {};  // what the stage is for (sales::kStageRoles), if anything
};
struct PipelineSpec {
    string_view name, code;
    std::array<StageSpec, 8> stages;  // open stages in order, then won, then lost
    std::array<string_view, 4> titles;
    int64_t min_rub, max_rub;
};
constexpr PipelineSpec kPipelines[] = {
    {"Абонентские услуги",
     "subscription",
     {{{"Новая заявка", "lead_generator", "open", 10},
       {"Квалификация", "lead_generator", "open", 20},
       {"Бриф", "sales", "open", 35, "brief"},
       {"Расчёт", "sales", "open", 50, "estimate"},
       {"КП отправлено", "sales", "open", 60, "proposal_sent"},
       {"Договор", "manager", "open", 80, "contract"},
       {"Выиграна", "manager", "won", 100},
       {"Проиграна", "sales", "lost", 0}}},
     {"SEO-продвижение", "Контекстная реклама", "SMM и таргет", "Управление репутацией"},
     30'000,
     250'000},
    {"Веб-разработка",
     "webdev",
     {{{"Новая заявка", "lead_generator", "open", 10},
       {"Квалификация", "lead_generator", "open", 20},
       {"Бриф", "sales", "open", 30, "brief"},
       {"Прототип и смета", "sales", "open", 45, "estimate"},
       {"КП отправлено", "sales", "open", 60, "proposal_sent"},
       {"Договор", "manager", "open", 80, "contract"},
       {"Выиграна", "manager", "won", 100},
       {"Проиграна", "sales", "lost", 0}}},
     {"Корпоративный сайт", "Интернет-магазин", "Лендинг", "Редизайн сайта"},
     150'000,
     2'500'000},
};
constexpr int kOpenStages = 6;
constexpr string_view kLostReasons[] = {"Дорого", "Выбрали другого подрядчика", "Не отвечает",
                                        "Отложили проект", "Нет бюджета"};
constexpr string_view kNextSteps[] = {"Позвонить",       "Отправить КП",    "Согласовать бриф",
                                      "Встреча в офисе", "Уточнить бюджет", "Выслать договор"};

int64_t fill_deals(db::Connection& conn, Builder& b) {
    // The migration's starter pipeline makes way for the demo's two.
    conn.query("DELETE FROM pipeline_stages");
    conn.query("DELETE FROM pipelines");
    const string ts = b.now_ts;
    std::array<int64_t, std::size(kPipelines)> pipeline_ids{};
    std::array<std::array<int64_t, 8>, std::size(kPipelines)> stage_ids{};
    {
        BulkInsert ins(conn,
                       "INSERT INTO pipelines (name, code, position, search_text, created_at, "
                       "updated_at)",
                       "({0}, {1}, {2}, {3}, $1, $1)", {ts}, " RETURNING id, code",
                       [&](const db::Result& r) {
                           for (std::size_t i = 0; i < r.rows.size(); ++i)
                               for (std::size_t p = 0; p < std::size(kPipelines); ++p)
                                   if (r.text_at(i, "code") == kPipelines[p].code)
                                       pipeline_ids[p] = r.int_at(i, "id");
                       });
        auto schema = sales::pipeline_schema();
        for (std::size_t p = 0; p < std::size(kPipelines); ++p)
            ins.add(string(kPipelines[p].name), string(kPipelines[p].code),
                    static_cast<int64_t>(p + 1),
                    search_text(schema, json::object{{"name", kPipelines[p].name},
                                                     {"code", kPipelines[p].code}}));
        ins.flush();
    }
    {
        BulkInsert ins(
            conn,
            "INSERT INTO pipeline_stages (pipeline_id, name, position, owner_role, "
            "probability_percent, kind, role, search_text, created_at, updated_at)",
            "({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, $1, $1)", {ts},
            " RETURNING id, pipeline_id, position", [&](const db::Result& r) {
                for (std::size_t i = 0; i < r.rows.size(); ++i)
                    for (std::size_t p = 0; p < std::size(kPipelines); ++p)
                        if (pipeline_ids[p] == r.int_at(i, "pipeline_id"))
                            stage_ids[p][static_cast<std::size_t>(r.int_at(i, "position") - 1)] =
                                r.int_at(i, "id");
            });
        auto schema = sales::stage_schema();
        for (std::size_t p = 0; p < std::size(kPipelines); ++p)
            for (std::size_t s = 0; s < 8; ++s) {
                const StageSpec& st = kPipelines[p].stages[s];
                ins.add(pipeline_ids[p], string(st.name), static_cast<int64_t>(s + 1),
                        string(st.owner_role), int64_t{st.probability}, string(st.kind),
                        st.role.empty() ? db::null() : db::Value(string(st.role)),
                        search_text(schema, json::object{{"name", st.name}}));
            }
        ins.flush();
    }

    // Who works deals: sales (sales@ first), lead generators, account managers.
    std::vector<int> sellers, leadgens, managers;
    int sales_demo = -1;
    for (std::size_t i = 0; i < b.employees.size(); ++i) {
        const Employee& e = b.employees[i];
        if (e.role == "sales") sellers.push_back(static_cast<int>(i));
        if (e.role == "lead_generator") leadgens.push_back(static_cast<int>(i));
        if (e.role == "manager") managers.push_back(static_cast<int>(i));
        if (e.email == "sales@demo.local") sales_demo = static_cast<int>(i);
    }
    const int total = std::clamp(static_cast<int>(b.clients.size() * 3 / 4), 150, 3000);
    const int64_t six_months = 182 * 86400;
    const int64_t now = b.now.seconds;
    const auto deal_schema = sales::deal_schema();
    BulkInsert deals(conn,
                     "INSERT INTO deals (id, pipeline_id, stage_id, title, client_id, company, "
                     "contact_name, phone, email, source, amount_kopecks, probability_percent, "
                     "owner_id, next_step, next_step_on, lost_reason, closed_at, "
                     "stage_entered_at, search_text, created_at, updated_at)",
                     "({0}, {1}, {2}, {3}, CAST({4} AS BIGINT), {5}, {6}, {7}, {8}, {9}, {10}, "
                     "{11}, {12}, {13}, {14}, {15}, {16}, {17}, {18}, {19}, {17})",
                     {});
    // History rows refer to deals: they are written once every deal is.
    struct Move {
        int64_t deal;
        std::optional<int64_t> from;
        int64_t to;
        string at;
        std::optional<int64_t> user, minutes;
    };
    std::vector<Move> moves;
    int sales_open = 0;
    for (int n = 0; n < total; ++n) {
        const int64_t id = n + 1;
        std::size_t p = b.rnd.chance(0.65) ? 0 : 1;
        const PipelineSpec& spec = kPipelines[p];
        // Where the deal is now: 55 % open (more of them early), 20 % won, 25 % lost.
        double roll = b.rnd.unit();
        int last_open;  // the last open stage the deal reached
        int final_stage;
        if (roll < 0.55) {
            static constexpr double kWeights[] = {5, 4, 3, 3, 3, 2};
            last_open = static_cast<int>(b.rnd.weighted(kWeights));
            final_stage = last_open;
        } else if (roll < 0.75) {
            last_open = kOpenStages - 1;
            final_stage = 6;
        } else {
            last_open = b.rnd.between(0, kOpenStages - 1);
            final_stage = 7;
        }
        // The path and the time spent in each stage (hours to weeks), fitted into six months.
        std::vector<int> path;
        for (int s = 0; s <= last_open; ++s) path.push_back(s);
        if (final_stage > last_open) path.push_back(final_stage);
        std::vector<int64_t> stay(path.size() - 1);
        int64_t sum = 0;
        for (auto& m : stay) {
            m = static_cast<int64_t>(120 + std::pow(b.rnd.unit(), 2.2) * 21 * 1440);
            sum += m;
        }
        int64_t current = final_stage >= 6
                              ? static_cast<int64_t>(b.rnd.between(1, 120)) * 1440
                              : static_cast<int64_t>(30 + std::pow(b.rnd.unit(), 2) * 20 * 1440);
        int64_t span = std::min<int64_t>(six_months / 60 - current, sum + current) - current;
        if (sum > span && sum > 0)
            for (auto& m : stay) m = std::max<int64_t>(30, m * span / sum);
        int64_t created =
            now - (current + std::accumulate(stay.begin(), stay.end(), int64_t{0})) * 60;

        // Client or prospect.
        const Client* client = nullptr;
        if (b.rnd.chance(0.3)) {
            const Client& c = b.clients[b.rnd.below(b.clients.size())];
            if (c.status != "churned") client = &c;
        }
        string company, contact, phone, email;
        if (client) {
            company = client->name;
            contact = client->contact.full();
            phone = client->contact_phone;
            email = client->contact_email;
        } else {
            company = b.company_name();
            Person who = person(b.rnd);
            contact = who.full();
            phone = mobile_phone(b.rnd);
            email = translit(who.first).substr(0, 1) + "." + translit(who.last) + "@" +
                    translit(company).substr(0, 14) + ".ru";
        }
        string title = string(spec.titles[b.rnd.below(spec.titles.size())]) + " — " + company;
        static constexpr double kSourceWeights[] = {45, 25, 10, 15, 5};
        static constexpr string_view kSourceNames[] = {"site", "phone", "email", "referral",
                                                       "other"};
        string source(kSourceNames[b.rnd.weighted(kSourceWeights)]);
        int64_t amount =
            static_cast<int64_t>(b.rnd.between(static_cast<int>(spec.min_rub / 1000),
                                               static_cast<int>(spec.max_rub / 1000))) *
            100'000;
        // Owner: whoever works the stage the deal is in; sales@ takes the first 20 open deals.
        string_view role = spec.stages[static_cast<std::size_t>(final_stage)].owner_role;
        int owner;
        bool open = final_stage < kOpenStages;
        if (open && sales_open < 20 && sales_demo >= 0 && final_stage >= 2) {
            owner = sales_demo;
            ++sales_open;
        } else if (role == "manager") {
            owner = client ? client->manager : b.rnd.pick(managers);
        } else if (role == "lead_generator" && !leadgens.empty()) {
            owner = b.rnd.pick(leadgens);
        } else {
            // Past its 20, sales@ gets no more open deals while there are other sellers.
            owner = b.rnd.pick(sellers);
            while (open && owner == sales_demo && sellers.size() > 1) owner = b.rnd.pick(sellers);
        }
        const int64_t owner_id = b.employees[static_cast<std::size_t>(owner)].id;

        // History: creation, then every move.
        int64_t at = created;
        const int64_t opener =
            b.employees[static_cast<std::size_t>(leadgens.empty() ? owner : leadgens[0])].id;
        moves.push_back({id, std::nullopt, stage_ids[p][static_cast<std::size_t>(path[0])],
                         Instant{at}.to_rfc3339(),
                         source == "site" ? std::nullopt : std::optional<int64_t>(opener),
                         std::nullopt});
        for (std::size_t k = 1; k < path.size(); ++k) {
            at += stay[k - 1] * 60;
            moves.push_back({id, stage_ids[p][static_cast<std::size_t>(path[k - 1])],
                             stage_ids[p][static_cast<std::size_t>(path[k])],
                             Instant{at}.to_rfc3339(), owner_id, stay[k - 1]});
        }
        const string entered = Instant{at}.to_rfc3339();
        std::optional<string> next_step, next_on, lost, closed;
        if (open) {
            next_step = string(b.rnd.pick(kNextSteps));
            next_on = b.today.plus_days(b.rnd.between(-3, 14)).to_string();
        } else {
            closed = entered;
            if (final_stage == 7) lost = string(b.rnd.pick(kLostReasons));
        }
        json::object rec{{"title", title},
                         {"company", company},
                         {"contact_name", contact},
                         {"phone", phone},
                         {"email", email}};
        if (client) rec["client_name"] = client->name;
        deals.add(id, pipeline_ids[p], stage_ids[p][static_cast<std::size_t>(final_stage)], title,
                  client ? db::Value(client->id) : db::null(), company, contact, phone, email,
                  source, amount,
                  int64_t{spec.stages[static_cast<std::size_t>(final_stage)].probability}, owner_id,
                  opt(next_step), opt(next_on), opt(lost), opt(closed), entered,
                  search_text(deal_schema, rec), Instant{created}.to_rfc3339());
    }
    deals.flush();
    BulkInsert history(conn,
                       "INSERT INTO deal_stage_history (deal_id, from_stage_id, to_stage_id, at, "
                       "user_id, minutes_in_previous_stage)",
                       "({0}, CAST({1} AS BIGINT), {2}, {3}, CAST({4} AS BIGINT), "
                       "CAST({5} AS BIGINT))",
                       {});
    for (const Move& m : moves)
        history.add(m.deal, db::optional_value(m.from), m.to, m.at, db::optional_value(m.user),
                    db::optional_value(m.minutes));
    history.flush();
    if (conn.backend() == db::Backend::kPostgres)
        conn.query(
            "SELECT setval(pg_get_serial_sequence('deals', 'id'), (SELECT MAX(id) FROM deals))");
    return deals.total();
}

}  // namespace

DemoSummary fill_demo(db::Database& database, const DemoOptions& options, Instant now) {
    DemoSummary summary;
    database.transaction([&](db::Connection& conn) {
        // Refuse anything but an empty agency: a second run must not duplicate.
        for (const char* table :
             {"users", "clients", "services", "service_types", "groups", "time_entries"}) {
            int64_t n = conn.query(string("SELECT COUNT(*) AS n FROM ") + table).int_at(0, "n");
            if (n > 0)
                throw std::runtime_error("the database is not empty (" + std::to_string(n) + " " +
                                         table + "); retainer demo fills only an empty database");
        }
        if (conn.backend() == db::Backend::kSqlite)
            conn.execute_script("PRAGMA cache_size=-524288; PRAGMA threads=2");

        Builder b(options.seed);
        b.utc_offset_minutes = static_cast<int>(agency::read(conn).timezone_offset_minutes);
        b.today = workload::local_date(now, b.utc_offset_minutes);
        b.now = now;
        b.now_ts = now.to_rfc3339();
        summary.today = b.today.to_string();
        const string ts = now.to_rfc3339();
        const string hash = auth::hash_password("demo");

        // ---- plan in memory --------------------------------------------------------------
        for (int i = 0; i < options.clients; ++i) b.clients.push_back(b.make_client(i));
        for (int i = 0; i < options.clients; ++i) b.make_services(i);
        b.make_staff();

        // ---- service types and groups ----------------------------------------------------
        auto type_schema = services::service_type_schema();
        std::array<int64_t, kTypeCount> type_ids{};
        {
            std::map<string, int64_t> by_code;
            BulkInsert ins(conn,
                           "INSERT INTO service_types (code, name, name_en, direction, "
                           "planning_rate_kopecks, search_text, created_at, updated_at)",
                           "({0}, {1}, {2}, {3}, {4}, {5}, $1, $1)", {ts}, " RETURNING id, code",
                           [&](const db::Result& r) {
                               for (std::size_t i = 0; i < r.rows.size(); ++i)
                                   by_code[r.text_at(i, "code")] = r.int_at(i, "id");
                           });
            for (const auto& t : kTypes) {
                json::object rec{{"code", t.code}, {"name", t.name}, {"name_en", t.name_en}};
                ins.add(string(t.code), string(t.name), string(t.name_en), string(t.direction),
                        t.rate_rub * 100, search_text(type_schema, rec));
            }
            ins.flush();
            for (std::size_t i = 0; i < kTypeCount; ++i)
                type_ids[i] = by_code.at(string(kTypes[i].code));
        }
        std::array<int64_t, std::size(kGroups)> group_ids{};
        {
            std::map<string, int64_t> by_name;
            BulkInsert ins(conn, "INSERT INTO groups (name, direction, created_at, updated_at)",
                           "({0}, {1}, $1, $1)", {ts}, " RETURNING id, name",
                           [&](const db::Result& r) {
                               for (std::size_t i = 0; i < r.rows.size(); ++i)
                                   by_name[r.text_at(i, "name")] = r.int_at(i, "id");
                           });
            for (const auto& g : kGroups) ins.add(string(g.name), string(g.direction));
            ins.flush();
            for (std::size_t i = 0; i < std::size(kGroups); ++i)
                group_ids[i] = by_name.at(string(kGroups[i].name));
            if (has_column(conn, "groups", "search_text")) {
                auto group_schema = staff::group_schema();
                for (std::size_t i = 0; i < std::size(kGroups); ++i)
                    conn.query("UPDATE groups SET search_text = $1 WHERE id = $2",
                               {search_text(group_schema, json::object{{"name", kGroups[i].name}}),
                                group_ids[i]});
            }
        }

        // ---- employees -------------------------------------------------------------------
        auto employee_schema = staff::employee_schema();
        {
            std::map<string, int64_t> by_email;
            BulkInsert ins(conn,
                           "INSERT INTO users (email, name, role, position, phone, group_id, "
                           "cost_rate_kopecks, password_hash, search_text, created_at, "
                           "updated_at)",
                           "({0}, {1}, {2}, {3}, {4}, CAST({5} AS BIGINT), {6}, $1, {7}, $2, $2)",
                           {hash, ts}, " RETURNING id, email", [&](const db::Result& r) {
                               for (std::size_t i = 0; i < r.rows.size(); ++i)
                                   by_email[r.text_at(i, "email")] = r.int_at(i, "id");
                           });
            for (const auto& e : b.employees) {
                json::object rec{{"email", e.email}, {"name", e.name}, {"position", e.position}};
                ins.add(e.email, e.name, e.role, e.position, e.phone,
                        e.group >= 0 ? db::Value(group_ids[static_cast<std::size_t>(e.group)])
                                     : db::null(),
                        e.cost_rate, search_text(employee_schema, rec));
            }
            ins.flush();
            for (auto& e : b.employees) e.id = by_email.at(e.email);
        }
        summary.employees = static_cast<int64_t>(b.employees.size());

        // ---- clients and contacts --------------------------------------------------------
        auto client_schema = clients::client_schema();
        {
            std::map<string, int64_t> by_inn;
            BulkInsert ins(
                conn,
                "INSERT INTO clients (name, legal_name, inn, kpp, ogrn, legal_address, bank_name, "
                "bik, bank_account, correspondent_account, phone, email, website, source, "
                "account_manager_id, status, tags, note, search_text, created_at, updated_at)",
                "({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}, {11}, {12}, {13}, "
                "CAST({14} AS BIGINT), {15}, {16}, {17}, {18}, $1, $1)",
                {ts}, " RETURNING id, inn", [&](const db::Result& r) {
                    for (std::size_t i = 0; i < r.rows.size(); ++i)
                        by_inn[r.text_at(i, "inn")] = r.int_at(i, "id");
                });
            for (const auto& c : b.clients) {
                json::object rec{{"name", c.name},   {"legal_name", c.legal_name},
                                 {"inn", c.inn},     {"phone", c.phone},
                                 {"email", c.email}, {"website", c.website},
                                 {"tags", c.tags}};
                const Employee& m = b.employees[static_cast<std::size_t>(c.manager)];
                ins.add(c.name, c.legal_name, c.inn, c.kpp.empty() ? db::null() : db::Value(c.kpp),
                        c.ogrn, c.address, c.bank_name, c.bik, c.bank_account, c.corr_account,
                        c.phone, c.email, c.website, c.source, opt_id(m.id), c.status,
                        json::serialize(c.tags), c.note.empty() ? db::null() : db::Value(c.note),
                        search_text(client_schema, rec));
            }
            ins.flush();
            for (auto& c : b.clients) c.id = by_inn.at(c.inn);
        }
        summary.clients = static_cast<int64_t>(b.clients.size());
        auto contact_schema = clients::contact_schema();
        {
            BulkInsert ins(conn,
                           "INSERT INTO contacts (client_id, name, position, phone, email, "
                           "messenger, is_primary, search_text, created_at, updated_at)",
                           "({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, $1, $1)", {ts});
            for (const auto& c : b.clients) {
                string name = c.contact.first + " " + c.contact.patronymic + " " + c.contact.last;
                json::object rec{{"name", name},
                                 {"position", c.contact_position},
                                 {"phone", c.contact_phone},
                                 {"email", c.contact_email}};
                ins.add(c.id, name, c.contact_position, c.contact_phone, c.contact_email,
                        "Telegram " + c.contact_phone, int64_t{1},
                        search_text(contact_schema, rec));
                if (c.second_contact) {
                    const Person& p = *c.second_contact;
                    string n2 = p.first + " " + p.last;
                    string pos = "Менеджер проекта";
                    string phone = mobile_phone(b.rnd);
                    json::object r2{{"name", n2}, {"position", pos}, {"phone", phone}};
                    ins.add(c.id, n2, pos, phone, db::null(), db::null(), int64_t{0},
                            search_text(contact_schema, r2));
                }
            }
            ins.flush();
            summary.contacts = ins.total();
        }

        // ---- services --------------------------------------------------------------------
        auto service_schema = services::service_schema();
        {
            std::map<std::pair<int64_t, int64_t>, int64_t> by_key;
            BulkInsert ins(
                conn,
                "INSERT INTO services (client_id, service_type_id, name, specialist_id, "
                "account_manager_id, monthly_fee_kopecks, ad_budget_kopecks, starts_on, ends_on, "
                "status, documents_url, search_text, created_at, updated_at)",
                "({0}, {1}, {2}, CAST({3} AS BIGINT), CAST({4} AS BIGINT), {5}, "
                "CAST({6} AS BIGINT), {7}, {8}, {9}, {10}, {11}, $1, $1)",
                {ts}, " RETURNING id, client_id, service_type_id", [&](const db::Result& r) {
                    for (std::size_t i = 0; i < r.rows.size(); ++i)
                        by_key[{r.int_at(i, "client_id"), r.int_at(i, "service_type_id")}] =
                            r.int_at(i, "id");
                });
            for (const auto& s : b.services) {
                const Client& c = b.clients[static_cast<std::size_t>(s.client)];
                const TypeSpec& t = kTypes[static_cast<std::size_t>(s.type)];
                string name = string(t.name) + " — " + c.name;
                json::object rec{{"name", name}};
                string docs = "https://disk.yandex.ru/d/" + translit(c.name).substr(0, 12) + "-" +
                              string(t.code);
                ins.add(c.id, type_ids[static_cast<std::size_t>(s.type)], name,
                        opt_id(b.employees[static_cast<std::size_t>(s.specialist)].id),
                        opt_id(b.employees[static_cast<std::size_t>(s.manager)].id), s.fee,
                        db::optional_value(s.ad_budget), s.starts_on.to_string(),
                        s.ends_on ? db::Value(s.ends_on->to_string()) : db::null(), s.status, docs,
                        search_text(service_schema, rec));
            }
            ins.flush();
            for (auto& s : b.services)
                s.id = by_key.at({b.clients[static_cast<std::size_t>(s.client)].id,
                                  type_ids[static_cast<std::size_t>(s.type)]});
        }
        summary.services = static_cast<int64_t>(b.services.size());

        // ---- the portal user of the demo client ------------------------------------------
        {
            const Client& c = b.clients[0];
            string name = c.contact.full();
            conn.query(
                "INSERT INTO users (email, name, role, position, client_id, password_hash, "
                "search_text, created_at, updated_at) "
                "VALUES ('client@demo.local', $1, 'client', $2, $3, $4, $5, $6, $6)",
                {name, c.contact_position, c.id, hash,
                 search_text(employee_schema, json::object{{"email", "client@demo.local"},
                                                           {"name", name},
                                                           {"position", c.contact_position}}),
                 ts});
            ++summary.employees;
        }

        // ---- time entries ----------------------------------------------------------------
        summary.time_entries = fill_time_entries(conn, b);
        time::rebuild_rollups(conn);

        // ---- recommendations and calls ---------------------------------------------------
        summary.recommendations = fill_recommendations(conn, b);
        summary.calls = fill_calls(conn, b);
        crm::refresh_last_contact(conn, {});
        summary.deals = fill_deals(conn, b);
        PaperworkSummary paper = fill_paperwork(conn, options.seed, now);
        summary.documents = paper.documents;
        summary.briefs = paper.briefs;
        summary.estimates = paper.estimates;
        // One audit entry for the whole load: caches keyed by the newest audit id (the
        // dashboard's) see that the data changed even if a server was already running.
        records::AuditEntry loaded;
        loaded.at = b.now_ts;
        loaded.entity = "demo";
        loaded.action = "load";
        loaded.request_id = "demo";
        records::write_audit(conn, loaded);
    });
    return summary;
}

}  // namespace retainer::demo
