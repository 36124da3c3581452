#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/money.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

namespace retainer::sales {

/// What a stage is for, as data an agency sets on its own stages (never read from a name): the
/// deal card opens the matching tab, and an accepted proposal moves its deal past the
/// `proposal_sent` stage. At most one open stage of a pipeline holds each role.
inline constexpr std::array<std::string_view, 4> kStageRoles = {"brief", "estimate",
                                                                "proposal_sent", "contract"};

/// What other modules may do to a deal (docs/architecture.md, "Who owns which table"). Each call
/// runs in the caller's open transaction and through the same rules, history and audit as an edit
/// made in the deal card, so the rules live in one place.
class Deals {
  public:
    virtual ~Deals() = default;

    /// Moves an open deal to the first open stage after its pipeline's stage with `role`, when the
    /// deal stands before that next stage; true if it moved. A pipeline without that role, a
    /// closed deal or a deal already further on stays where it is.
    virtual bool advance_past_role(db::Connection& conn, std::int64_t deal_id,
                                   std::string_view role, const std::string& request_id) = 0;

    /// Sets the deal's amount (e.g. from the estimate a proposal was made of) on behalf of `by`,
    /// who must see the deal; no change, no audit entry.
    virtual void set_amount(db::Connection& conn, const http::Caller& by, std::int64_t deal_id,
                            money::Kopecks amount, const std::string& request_id) = 0;

    /// A comment on the deal from the system (no author), e.g. "the client filled in the brief";
    /// found by the deal card's search like any other comment.
    virtual void add_comment(db::Connection& conn, std::int64_t deal_id, const std::string& body,
                             const std::string& request_id) = 0;
};

}  // namespace retainer::sales
