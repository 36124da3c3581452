#pragma once
#include <string>
#include <vector>

#include "modules/dashboard/compute.hpp"
#include "modules/dashboard/store.hpp"

namespace retainer::dashboard {

/// The dashboard's answer, streamed without a value tree (json::Writer): periods, lights, totals,
/// clients with their services; costs and margins only when `costs` (docs/dashboard.md).
std::string to_json(const Input& in, const Dashboard& d, const std::vector<ServiceType>& types,
                    bool costs);

}  // namespace retainer::dashboard
