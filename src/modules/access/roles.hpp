#pragma once
#include <string>
#include <vector>

/// The agency's roles (domain.md, "People and roles") and the role sets routes are granted to.
namespace retainer::access {

inline const std::string kOwner = "owner";
inline const std::string kHead = "head";
inline const std::string kManager = "manager";  // account manager
inline const std::string kSpecialist = "specialist";
inline const std::string kSales = "sales";
inline const std::string kLeadGenerator = "lead_generator";
inline const std::string kQuality = "quality";
inline const std::string kAccountant = "accountant";
inline const std::string kClient = "client";  // portal user of one client company

inline const std::vector<std::string> kAllRoles = {
    kOwner, kHead, kManager, kSpecialist, kSales, kLeadGenerator, kQuality, kAccountant, kClient};
/// Everyone who works at the agency (all but portal clients).
inline const std::vector<std::string> kStaff = {kOwner, kHead,          kManager, kSpecialist,
                                                kSales, kLeadGenerator, kQuality, kAccountant};

bool is_role(const std::string& role);

}  // namespace retainer::access
