// Boost.JSON built from its headers in this tree instead of linking libboost_json, so libFuzzer's
// coverage instrumentation reaches the parser's own branches and steers inputs through them.
#include <boost/json/src.hpp>
