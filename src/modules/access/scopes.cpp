#include "modules/access/scopes.hpp"

#include <algorithm>

#include "modules/access/roles.hpp"

namespace retainer::access {
namespace {

/// "(SELECT id FROM users WHERE group_id = $n)" — the members of the head's group.
std::string group_members(db::Params& p, const http::Caller& c) {
    auto group = group_of(c);
    if (!group) return "(" + p.bind(c.user_id) + ")";
    return "(SELECT gm.id FROM users gm WHERE gm.group_id = " + p.bind(*group) + ")";
}

}  // namespace

bool is_role(const std::string& role) {
    return std::find(kAllRoles.begin(), kAllRoles.end(), role) != kAllRoles.end();
}

std::string client_scope(db::Params& p, const http::Caller& c, const std::string& a) {
    const std::string& r = c.role;
    if (r == kOwner || r == kAccountant || r == kSales || r == kLeadGenerator || r == kQuality)
        return "";
    if (r == kHead) {
        std::string members = group_members(p, c);
        return a + ".account_manager_id IN " + members +
               " OR EXISTS (SELECT 1 FROM services cs WHERE cs.client_id = " + a +
               ".id AND (cs.specialist_id IN " + members + " OR cs.account_manager_id IN " +
               members + "))";
    }
    if (r == kManager) {
        std::string u = p.bind(c.user_id);
        return a + ".account_manager_id = " + u +
               " OR EXISTS (SELECT 1 FROM services cs WHERE cs.client_id = " + a +
               ".id AND cs.account_manager_id = " + u + ")";
    }
    if (r == kSpecialist) {
        std::string u = p.bind(c.user_id);
        return "EXISTS (SELECT 1 FROM services cs WHERE cs.client_id = " + a +
               ".id AND (cs.specialist_id = " + u +
               " OR EXISTS (SELECT 1 FROM time_entries ct WHERE ct.service_id = cs.id AND "
               "ct.user_id = " +
               u + ")))";
    }
    if (auto client = client_of(c); r == kClient && client) return a + ".id = " + p.bind(*client);
    return "1 = 0";
}

std::string service_scope(db::Params& p, const http::Caller& c, const std::string& a) {
    const std::string& r = c.role;
    if (r == kOwner || r == kAccountant) return "";
    if (r == kHead) {
        std::string members = group_members(p, c);
        return a + ".specialist_id IN " + members + " OR " + a + ".account_manager_id IN " +
               members + " OR " + a +
               ".client_id IN (SELECT sc.id FROM clients sc WHERE sc.account_manager_id IN " +
               members + ")";
    }
    if (r == kManager) {
        std::string u = p.bind(c.user_id);
        return a + ".account_manager_id = " + u + " OR " + a +
               ".client_id IN (SELECT sc.id FROM clients sc WHERE sc.account_manager_id = " + u +
               ")";
    }
    if (r == kSpecialist) {
        std::string u = p.bind(c.user_id);
        return a + ".specialist_id = " + u +
               " OR EXISTS (SELECT 1 FROM time_entries st WHERE st.service_id = " + a +
               ".id AND st.user_id = " + u + ")";
    }
    if (auto client = client_of(c); r == kClient && client)
        return a + ".client_id = " + p.bind(*client);
    return "1 = 0";
}

std::string time_entry_scope(db::Params& p, const http::Caller& c, const std::string& a) {
    if (c.role == kClient) return "1 = 0";
    std::string services = service_scope(p, c, "vs");
    if (services.empty()) return "";
    return a + ".service_id IN (SELECT vs.id FROM services vs WHERE " + services + ")";
}

std::string deal_scope(db::Params& p, const http::Caller& c, const std::string& a) {
    const std::string& r = c.role;
    if (r == kOwner || r == kHead || r == kSales || r == kLeadGenerator || r == kQuality) return "";
    if (r == kManager) {
        std::string clients = client_scope(p, c, "dc");
        return a + ".owner_id = " + p.bind(c.user_id) +
               " OR EXISTS (SELECT 1 FROM clients dc WHERE dc.id = " + a + ".client_id AND (" +
               clients + "))";
    }
    return "1 = 0";
}

bool sees_costs(const http::Caller& c) {
    return c.role == kOwner || c.role == kHead || c.role == kAccountant;
}

bool sees(const http::Caller& c, const std::string& audience) {
    if (audience == kCostsAudience) return sees_costs(c);
    if (audience == kStaffAudience) return c.role != kClient && is_role(c.role);
    return false;
}

}  // namespace retainer::access
