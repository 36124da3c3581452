// The JSON body reader (core/json_input) and the field readers every records handler applies to
// its values (records::coerce). The input is a request body as a client would send it.
#include "core/json_input.hpp"

#include <boost/json.hpp>
#include <cmath>
#include <cstring>
#include <set>
#include <vector>

#include "check.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "platform/records/schema.hpp"

namespace json = boost::json;
using namespace retainer;

namespace {

// What handlers rely on once a body is accepted: keys and strings are UTF-8 text without NUL (they
// reach SQL parameters, where libpq would cut a NUL, and HTML), numbers are finite (values are
// serialised back as JSON text), and nesting stays within the parser's limit.
void check_tree(const json::value& v, int depth) {
    FUZZ_CHECK(depth <= 32);
    switch (v.kind()) {
        case json::kind::string:
            FUZZ_CHECK(text::valid_utf8(v.get_string()));
            break;
        case json::kind::double_:
            FUZZ_CHECK(std::isfinite(v.get_double()));
            break;
        case json::kind::array:
            for (const json::value& e : v.get_array()) check_tree(e, depth + 1);
            break;
        case json::kind::object:
            for (const auto& [k, e] : v.get_object()) {
                FUZZ_CHECK(text::valid_utf8(k));
                check_tree(e, depth + 1);
            }
            break;
        default:
            break;
    }
}

// Distance in units in the last place; doubles of opposite signs are far apart unless both are 0.
std::uint64_t ulps(double x, double y) {
    std::int64_t a, b;
    std::memcpy(&a, &x, sizeof a);
    std::memcpy(&b, &y, sizeof b);
    if ((a < 0) != (b < 0)) return x == y ? 0 : UINT64_MAX;
    return a > b ? static_cast<std::uint64_t>(a - b) : static_cast<std::uint64_t>(b - a);
}

// Equal, but a double may come back a few units in the last place off: Boost.JSON 1.81 (Debian
// 12) does not round a long decimal to the nearest double (boostorg/json#599; precise parsing came
// in 1.83), so the shortest form serialize writes can read back as a neighbour, e.g.
// "1.0084000000000921E55" as 1.0084000000000919E55, two ulps off.
bool same(const json::value& a, const json::value& b) {
    if (a.kind() != b.kind()) return false;
    switch (a.kind()) {
        case json::kind::double_:
            return ulps(a.get_double(), b.get_double()) <= 8;
        case json::kind::array: {
            const json::array &p = a.get_array(), &q = b.get_array();
            if (p.size() != q.size()) return false;
            for (std::size_t i = 0; i < p.size(); ++i)
                if (!same(p[i], q[i])) return false;
            return true;
        }
        case json::kind::object: {
            const json::object &p = a.get_object(), &q = b.get_object();
            if (p.size() != q.size()) return false;
            for (const auto& [k, e] : p) {
                const json::value* f = q.if_contains(k);
                if (!f || !same(e, *f)) return false;
            }
            return true;
        }
        default:
            return a == b;
    }
}

// One field of every kind, so each value of a body goes through each rule a schema can name.
const std::vector<records::Field>& fields() {
    namespace r = records;
    static const std::vector<records::Field> all = {
        r::text("name").req(),
        r::long_text("note"),
        r::integer("position"),
        r::money_field("fee_kopecks"),
        r::minutes("minutes"),
        r::date("due_on"),
        r::choice("status", {"active", "paused"}),
        r::ref("client_id", "clients"),
        r::tags("tags"),
        r::flag("urgent"),
        r::email("email"),
        r::url("site"),
    };
    return all;
}

// The canonical form coerce promises for an accepted value.
void check_clean(const records::Field& f, const json::value& v) {
    using records::Kind;
    if (v.is_null()) {
        FUZZ_CHECK(!f.required);
        return;
    }
    switch (f.kind) {
        case Kind::kText:
        case Kind::kEmail:
        case Kind::kUrl: {
            FUZZ_CHECK(v.is_string());
            std::string_view s = v.get_string();
            FUZZ_CHECK(!s.empty() && text::trim(s) == s);
            FUZZ_CHECK(text::valid_utf8(s) && text::length(s) <= f.max_length);
            if (f.kind == Kind::kEmail)
                for (char c : s) FUZZ_CHECK(!(c >= 'A' && c <= 'Z'));
            if (f.kind == Kind::kUrl) FUZZ_CHECK(s.rfind("http", 0) == 0);
            break;
        }
        case Kind::kInt:
        case Kind::kMoney:
        case Kind::kMinutes:
            FUZZ_CHECK(v.is_int64() && v.get_int64() >= f.min && v.get_int64() <= f.max);
            break;
        case Kind::kRef:
            FUZZ_CHECK(v.is_int64() && v.get_int64() > 0);
            break;
        case Kind::kDate:
            FUZZ_CHECK(v.is_string() && Date::parse(std::string_view(v.get_string())));
            break;
        case Kind::kEnum:
            FUZZ_CHECK(v.is_string() && (v.get_string() == "active" || v.get_string() == "paused"));
            break;
        case Kind::kBool:
            FUZZ_CHECK(v.is_bool());
            break;
        case Kind::kTags: {
            FUZZ_CHECK(v.is_array() && v.get_array().size() <= 30);
            std::set<std::string_view> seen;
            for (const json::value& t : v.get_array()) {
                FUZZ_CHECK(t.is_string());
                std::string_view s = t.get_string();
                FUZZ_CHECK(!s.empty() && text::trim(s) == s && text::valid_utf8(s));
                FUZZ_CHECK(text::length(s) <= f.max_length && s.find('"') == s.npos);
                FUZZ_CHECK(seen.insert(s).second);
            }
            break;
        }
        case Kind::kJson:
            break;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view body = fuzz::as_text(data, size);
    json::object o;
    try {
        o = json_input::parse_object(body);
    } catch (const Error& e) {
        FUZZ_CHECK(e.kind() == ErrorKind::kBadRequest);
        return 0;
    }
    FUZZ_CHECK(text::valid_utf8(body));
    check_tree(o, 1);

    // What the API writes back (and stores for JSON fields) reads back as the same value.
    std::string out = json_input::to_string(o);
    FUZZ_CHECK(same(json_input::parse_object(out), o));

    for (const auto& [key, value] : o) {
        for (const records::Field& f : fields()) {
            json::value v = value;
            if (records::coerce(f, v)) continue;
            check_clean(f, v);
            // The canonical form is a fixed point: validating it again changes nothing.
            json::value again = v;
            FUZZ_CHECK(!records::coerce(f, again) && again == v);
        }
    }
    return 0;
}
