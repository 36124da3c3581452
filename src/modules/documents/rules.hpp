#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/mustache.hpp"

namespace retainer::documents {

/// Whether a customer may accept this document on its page, and what they must send: only a
/// proposal, only while it is shared (else `conflict` says why: a 409), with their name (up to 200
/// characters) and the box ticked (else `fields`: a 400). The conflict is judged first.
struct AcceptanceVerdict {
    std::optional<std::string> conflict;
    FieldErrors fields;
    bool accepted() const { return !conflict && fields.empty(); }
};
AcceptanceVerdict judge_acceptance(std::string_view kind, std::string_view status,
                                   const std::string& name, bool agree);

/// The kinds of documents and their number prefixes: proposal КП, contract Д, invoice СЧ, act АКТ.
const std::vector<std::string>& kinds();
std::string number_prefix(std::string_view kind);
/// "КП-2026-0007": prefix, year, sequence zero-padded to four digits (wider when it grows).
std::string format_number(std::string_view kind, std::int64_t year, std::int64_t sequence);

/// Templates are the safe mustache of core/mustache: always escaped; unescaped tags, delimiter
/// changes and partials are refused on the parsed tags, as is a template over the size, nesting
/// or placeholder limits. Names the problem and its line.
std::optional<std::string> template_problem(const std::string& body);

/// Constant-time comparison of two digests (hex strings).
bool digests_equal(const std::string& a, const std::string& b);

/// Whether a shared link opens now: shared or accepted, not revoked, not past expires_at.
bool link_live(const std::string& status, const std::optional<std::string>& revoked_at,
               const std::optional<std::string>& expires_at, Instant now);

/// What the placeholders of a document see (docs/documents.md, "Placeholders").
struct Line {
    std::string name;
    std::int64_t amount_kopecks = 0;
    std::map<std::string, std::string> cells;  // unit, quantity, price, discount, vat, total …
};
struct DocumentInput {
    std::map<std::string, std::string> client;    // name, legal_name, inn, … (absent → "")
    std::map<std::string, std::string> deal;      // title, company, contact_name
    std::map<std::string, std::string> agency;    // name, requisites, legal_name, inn, kpp, …
    std::map<std::string, std::string> document;  // number, title, date, date_iso, kind
    std::vector<Line> lines;
    /// net, vat, total, vat_label, hours, revision of the estimate behind the lines; without them
    /// net and total are the sum of the lines' amounts.
    std::map<std::string, std::string> estimate;
    /// The estimate's total, for the amount in words (without one: the sum of the lines).
    std::optional<std::int64_t> total_kopecks;
    i18n::Lang lang = i18n::Lang::kRu;  // the agency's: dates and the amount in words
};

/// The requisites a document of `kind` needs before it is shared, missing from the buyer (the
/// client's fields: legal_name, inn, kpp, ogrn, legal_address, bank_name, bik, bank_account,
/// correspondent_account) and from the agency (legal_name, inn, kpp, ogrn, address, bank_name,
/// bik, correspondent_account, bank_account, director). A proposal needs none; an invoice and an
/// act need the buyer's name, ИНН, address (and КПП for an organisation); a contract the buyer's
/// full requisites. КПП only for a 10-digit ИНН (an organisation).
struct MissingRequisites {
    std::vector<std::string> client;
    std::vector<std::string> agency;
    bool empty() const { return client.empty() && agency.empty(); }
};
MissingRequisites missing_requisites(std::string_view kind,
                                     const std::map<std::string, std::string>& client,
                                     const std::map<std::string, std::string>& agency);

/// The title a document gets when none is given: «Счёт на оплату — ООО «Ромашка»».
std::string default_title(std::string_view kind, const std::string& buyer);

/// Fills a parsed template with the input (every value HTML-escaped). Throws
/// mustache::RenderLimitExceeded when the output or the work would pass the limits.
std::string render(const mustache::Template& tmpl, const DocumentInput& input);
/// Parses and renders `body`; throws std::runtime_error naming the problem of a refused template.
std::string render(const std::string& body, const DocumentInput& input);

/// The whole public page: the rendered body in an A4 print layout, plus the acceptance form for a
/// proposal (`accept_action`, when set) or the acceptance note.
std::string page(const std::string& title, const std::string& rendered_body,
                 const std::optional<std::string>& accept_action,
                 const std::optional<std::string>& accepted_note, i18n::Lang lang);

/// The start of a page behind a secret link, up to an open <style>: noindex, no-referrer, the
/// escaped title.
std::string secret_page_head(const std::string& title, i18n::Lang lang);

/// HTML-escapes text (the same escaping mustache applies).
std::string escape(const std::string& text);

}  // namespace retainer::documents
