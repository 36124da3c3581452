#pragma once
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

namespace retainer::pdf {

/// How the HTML→PDF renderer runs: WeasyPrint in a child process (docs/paperwork.md, "PDF").
struct Options {
    std::string python = "/usr/bin/python3";  // Debian's python3 with python3-weasyprint
    std::chrono::milliseconds timeout{10000};
    std::size_t max_html = 2 * 1024 * 1024;
    std::size_t max_pdf = 20 * 1024 * 1024;
    int max_parallel = 2;
};

struct Result {
    std::optional<std::string> pdf;  // set on success
    std::string error;               // why not, one line
    bool too_large = false;          // the HTML or the PDF was over its cap
    bool busy = false;               // `max_parallel` renders were running: nothing was tried
    bool isolated = false;           // the child ran in its own empty network namespace
};

/// Renders `html` to PDF. The renderer is an SSRF sink, so it gets no network: the child enters
/// a new network namespace (no interfaces but a down loopback) when the kernel allows it, and
/// the WeasyPrint URL fetcher refuses every URL that is not an inline data: URL (no http(s),
/// file://, loopback or private addresses). WeasyPrint runs no scripts. The child is killed at
/// the timeout; its memory is capped. At most `max_parallel` renders run at once; another
/// answers `busy` at once rather than holding a server thread while it waits.
Result render(const std::string& html, const Options& options = {});

}  // namespace retainer::pdf
