#include "modules/documents/rules.hpp"

#include <stdexcept>

#include "core/amount_in_words.hpp"
#include "core/money.hpp"
#include "core/text.hpp"
#include "modules/texts/messages.hpp"

namespace retainer::documents {

AcceptanceVerdict judge_acceptance(std::string_view kind, std::string_view status,
                                   const std::string& name, bool agree) {
    AcceptanceVerdict v;
    if (kind != "proposal") {
        v.conflict = "only a proposal is accepted on its page";
        return v;
    }
    if (status != "shared") {
        v.conflict = "the proposal is already accepted";
        return v;
    }
    if (name.empty() || !text::valid_utf8(name) || text::length(name) > 200)
        v.fields["name"] = "your name is required (up to 200 characters)";
    if (!agree) v.fields["agree"] = "tick the box to accept";
    return v;
}
namespace mu = mustache;

const std::vector<std::string>& kinds() {
    static const std::vector<std::string> k = {"proposal", "contract", "invoice", "act"};
    return k;
}

std::string number_prefix(std::string_view kind) {
    if (kind == "proposal") return "КП";
    if (kind == "contract") return "Д";
    if (kind == "invoice") return "СЧ";
    if (kind == "act") return "АКТ";
    return "ДОК";
}

std::string format_number(std::string_view kind, std::int64_t year, std::int64_t sequence) {
    std::string seq = std::to_string(sequence);
    if (seq.size() < 4) seq.insert(0, 4 - seq.size(), '0');
    return number_prefix(kind) + "-" + std::to_string(year) + "-" + seq;
}

std::optional<std::string> template_problem(const std::string& body) {
    auto parsed = mu::parse(body);
    if (auto* problem = std::get_if<mu::Problem>(&parsed)) return problem->message;
    return std::nullopt;
}

bool digests_equal(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

bool link_live(const std::string& status, const std::optional<std::string>& revoked_at,
               const std::optional<std::string>& expires_at, Instant now) {
    if (status != "shared" && status != "accepted") return false;
    if (revoked_at) return false;
    if (expires_at) {
        auto at = Instant::parse_rfc3339(*expires_at);
        if (!at || *at <= now) return false;
    }
    return true;
}

namespace {
mu::Value object_of(const std::map<std::string, std::string>& values) {
    mu::Value d = mu::Value::object();
    for (const auto& [k, v] : values) d.set(k, v);
    return d;
}
}  // namespace

std::string render(const mu::Template& tmpl, const DocumentInput& in) {
    mu::Value root = mu::Value::object();
    // The buyer's legal name falls back to its name; the name is shown beside it only when it
    // says something more («ООО «Ромашка» (Ромашка)», never «Ромашка (Ромашка)»).
    auto client = in.client;
    auto get = [](const std::map<std::string, std::string>& m, const char* k) {
        auto it = m.find(k);
        return it == m.end() ? std::string() : it->second;
    };
    if (get(client, "legal_name").empty()) client["legal_name"] = get(client, "name");
    if (get(client, "name") != client["legal_name"]) client["other_name"] = get(client, "name");
    auto agency = in.agency;
    if (get(agency, "legal_name").empty()) agency["legal_name"] = get(agency, "name");
    root.set("client", object_of(client));
    root.set("deal", object_of(in.deal));
    root.set("agency", object_of(agency));
    root.set("document", object_of(in.document));
    mu::Value lines = mu::Value::list();
    std::int64_t total = 0;
    int n = 0;
    for (const Line& l : in.lines) {
        mu::Value row = object_of(l.cells);
        row.set("n", std::to_string(++n));
        row.set("name", l.name);
        row.set("amount", money::format_rubles(l.amount_kopecks));
        lines.push(std::move(row));
        total += l.amount_kopecks;
    }
    mu::Value estimate = mu::Value::object();
    estimate.set("lines", std::move(lines));
    estimate.set("net", money::format_rubles(total));
    estimate.set("total", money::format_rubles(total));
    estimate.set("total_in_words", money::in_words(in.total_kopecks.value_or(total), in.lang));
    estimate.set("lines_count", std::to_string(in.lines.size()));
    for (const auto& [k, v] : in.estimate) estimate.set(k, v);
    root.set("estimate", std::move(estimate));
    return mu::render(tmpl, root);
}

std::string render(const std::string& body, const DocumentInput& in) {
    auto parsed = mu::parse(body);
    if (auto* problem = std::get_if<mu::Problem>(&parsed))
        throw std::runtime_error("template error: " + problem->message);
    return render(std::get<mu::Template>(parsed), in);
}

MissingRequisites missing_requisites(std::string_view kind,
                                     const std::map<std::string, std::string>& client,
                                     const std::map<std::string, std::string>& agency) {
    MissingRequisites out;
    if (kind == "proposal") return out;
    auto need = [](const std::map<std::string, std::string>& party, std::vector<std::string>& to,
                   std::initializer_list<const char*> fields) {
        for (const char* f : fields) {
            auto it = party.find(f);
            if (it == party.end() || it->second.empty()) to.emplace_back(f);
        }
    };
    auto organisation = [](const std::map<std::string, std::string>& party) {
        auto it = party.find("inn");
        return it == party.end() || it->second.size() != 12;  // unknown ИНН: assume a company
    };
    bool contract = kind == "contract";
    if (contract)
        need(client, out.client,
             {"legal_name", "inn", "ogrn", "legal_address", "bank_name", "bik", "bank_account",
              "correspondent_account"});
    else
        need(client, out.client, {"legal_name", "inn", "legal_address"});
    if (organisation(client)) need(client, out.client, {"kpp"});
    if (kind == "act")
        need(agency, out.agency, {"legal_name", "inn", "address", "director"});
    else
        need(agency, out.agency,
             {"legal_name", "inn", "address", "bank_name", "bik", "correspondent_account",
              "bank_account", "director"});
    if (contract) need(agency, out.agency, {"ogrn"});
    if (organisation(agency)) need(agency, out.agency, {"kpp"});
    return out;
}

std::string default_title(std::string_view kind, const std::string& buyer) {
    std::string label = kind == "proposal"   ? "Коммерческое предложение"
                        : kind == "contract" ? "Договор оказания услуг"
                        : kind == "invoice"  ? "Счёт на оплату"
                        : kind == "act"      ? "Акт оказанных услуг"
                                             : "Документ";
    return buyer.empty() ? label : label + " — " + buyer;
}

std::string escape(const std::string& text) { return mu::html_escape(text); }

std::string secret_page_head(const std::string& title, i18n::Lang lang) {
    return "<!doctype html>\n<html lang=\"" + std::string(i18n::code_of(lang)) +
           "\"><head><meta charset=\"utf-8\">"
           "<meta name=\"robots\" content=\"noindex, nofollow\">"
           "<meta name=\"referrer\" content=\"no-referrer\">"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           "<title>" +
           escape(title) + "</title><style>\n";
}

std::string page(const std::string& title, const std::string& body,
                 const std::optional<std::string>& accept_action,
                 const std::optional<std::string>& accepted_note, i18n::Lang lang) {
    std::string out =
        secret_page_head(title, lang) +
        "@page { size: A4; margin: 20mm 15mm 20mm 20mm; }\n"
        "body { font: 11pt/1.45 'PT Serif', Georgia, serif; color: #111; background: #eee; "
        "margin: 0; }\n"
        // On screen the sheet fits the window (a phone shows every price and the total); print
        // and PDF keep A4.
        ".sheet { background: #fff; width: 100%; max-width: 210mm; min-height: 297mm; "
        "margin: 10mm auto; padding: 20mm 15mm 20mm 20mm; box-sizing: border-box; "
        "box-shadow: 0 1px 4px rgba(0,0,0,.2); }\n"
        "h1 { font-size: 16pt; margin: 0 0 4mm; } h2 { font-size: 13pt; } h3 { font-size: 11pt; }\n"
        "table { width: 100%; border-collapse: collapse; margin: 4mm 0; }\n"
        "th, td { border: 1px solid #999; padding: 1.5mm 2mm; text-align: left; vertical-align: "
        "top; }\n"
        "table.parties th { width: 28%; font-weight: normal; color: #444; }\n"
        "table.bank td { font-size: 10pt; } small { color: #555; }\n"
        ".scroll { overflow-x: auto; }\n"
        ".num { text-align: right; white-space: nowrap; }\n"
        ".sign { margin: 10mm 0 0; } .signs p { margin: 8mm 0 0; }\n"
        ".accept { margin: 8mm 0 0; padding: 4mm; border: 1px solid #3a7; }\n"
        ".accepted { margin: 8mm 0 0; padding: 4mm; background: #e8f7ee; }\n"
        "@media screen and (max-width: 640px) { body { background: #fff; font-size: 15px; } "
        ".sheet { margin: 0; min-height: 0; padding: 16px 14px; box-shadow: none; } "
        "h1 { font-size: 20px; } th, td { padding: 6px; } "
        "table.parties th { width: auto; } }\n"
        "@media print { body { background: #fff; } .sheet { margin: 0; width: auto; max-width: "
        "none; min-height: 0; padding: 0; box-shadow: none; } .accept { display: none; } "
        ".scroll { overflow: visible; } h2, h3 { page-break-after: avoid; } tr { "
        "page-break-inside: avoid; } }\n"
        "</style></head><body><main class=\"sheet\">\n" +
        body + "\n";
    if (accepted_note) {
        out += "<p class=\"accepted\">" + escape(*accepted_note) + "</p>\n";
    } else if (accept_action) {
        auto t = [lang](std::string_view english) { return escape(texts::tr(english, lang)); };
        out += "<form class=\"accept\" method=\"post\" action=\"" + escape(*accept_action) +
               "\"><p><label>" + t("Your name:") +
               " <input name=\"name\" required maxlength=\"200\"></label></p><p><label><input "
               "type=\"checkbox\" name=\"agree\" value=\"1\" required> " +
               t("I accept the proposal") + "</label></p><p><button type=\"submit\">" +
               t("Accept the proposal") + "</button></p></form>\n";
    }
    out += "</main></body></html>\n";
    return out;
}

}  // namespace retainer::documents
