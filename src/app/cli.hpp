#pragma once

namespace retainer::app {

/// `retainer serve|migrate|demo|user add|backup|routes …`; returns the process exit status
/// (0 success, 1 failure with one line on stderr, 2 bad arguments with usage).
int run_cli(int argc, char** argv);

}  // namespace retainer::app
