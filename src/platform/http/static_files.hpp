#pragma once
#include <optional>
#include <string>

#include "platform/http/message.hpp"

namespace retainer::http {

/// Serves the built web UI from `root`: real files by path, index.html for any other path so that
/// deep links survive a reload. Never leaves `root`.
std::optional<Response> serve_static(const std::string& root, const Request& request);

}  // namespace retainer::http
