#pragma once
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/mustache.hpp"
#include "modules/documents/pdf_cache.hpp"
#include "modules/documents/rules.hpp"
#include "modules/sales/deals.hpp"
#include "platform/http/router.hpp"
#include "platform/records/record_store.hpp"

namespace retainer::documents {

records::Schema template_schema();
records::Schema document_schema();

/// Documents: owner, head, sales, accountant see all; a manager those of deals or clients in
/// their scope; others none.
std::string document_scope(db::Params& p, const http::Caller& c, const std::string& alias);

/// The next number of `kind` in `year` from document_counters, in the caller's transaction (the
/// counter row stays locked until it ends, so numbers have no gaps and no duplicates).
std::int64_t next_sequence(db::Connection& conn, const std::string& kind, std::int64_t year);

/// A fresh secret link for a document: sets status shared (accepted stays), the token's digest and
/// public_url "/d/<token>"; returns the token. In the caller's transaction.
std::string share(db::Connection& conn, std::int64_t document_id, const std::string& now,
                  const std::optional<std::string>& expires_at);

/// Issue 4, item 5: document templates, documents with gapless numbers, secret public links with
/// views and acceptance (docs/documents.md).
class DocumentsModule {
  public:
    DocumentsModule(db::Database& db, records::Resource::Now now, sales::Deals& deals);
    void register_routes(http::Router& router);
    records::Resource& templates() { return templates_; }
    records::Resource& documents() { return documents_; }

  private:
    http::Response public_page(http::Context& ctx);
    http::Response public_accept(http::Context& ctx);
    /// The document as a PDF (the page without the acceptance form), cached by the digest of its
    /// HTML so an unchanged document is rendered once.
    /// `viewer` is the staff member asking (nullptr: the public link, whose holder is the buyer).
    http::Response pdf_response(db::Connection& conn, const records::Record& doc, i18n::Lang lang,
                                const http::Caller* viewer = nullptr);
    /// The live document behind a token, or nullopt.
    std::optional<records::Record> lookup(db::Connection& conn, const std::string& token);
    /// lookup() for a visitor: 429 while their address is over the miss limit, 404 (counted as a
    /// miss) when nothing is live behind the token. Not inside a transaction that may roll back.
    records::Record live_link(db::Connection& conn, const http::Request& req,
                              const std::string& token);
    /// What the placeholders of `doc` see: its client (or its prospect deal's company), deal,
    /// estimate lines and the agency, in the agency's language.
    /// `viewer`, when set, sees the deal's later client only if that client is in their scope.
    DocumentInput gather(db::Connection& conn, const records::Record& doc,
                         const http::Caller* viewer = nullptr);
    std::string render_document(db::Connection& conn, const records::Record& doc,
                                const http::Caller* viewer = nullptr);
    /// The document's client, else the client its deal has got since (see documents.cpp).
    std::optional<std::int64_t> buyer_of(db::Connection& conn, const records::Record& doc,
                                         const http::Caller* viewer);
    std::string ip_hash(db::Connection& conn, const std::string& ip);
    /// One view of the public link: the row and the document's count, in one transaction on the
    /// request's connection.
    void record_view(db::Connection& conn, std::int64_t document_id, const std::string& ip);

    db::Database& db_;
    sales::Deals& deals_;
    records::Resource::Now now_;
    records::Resource templates_;
    records::Resource documents_;
    /// Templates are parsed once per distinct text, not on every view of every document.
    mustache::Cache parsed_templates_;
    PdfCache pdfs_{[](const std::string& html) { return pdf::render(html); }};
};

}  // namespace retainer::documents
