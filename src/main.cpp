#include "app/cli.hpp"

int main(int argc, char** argv) { return retainer::app::run_cli(argc, argv); }
