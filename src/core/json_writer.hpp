#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace retainer::json {

/// Appends compact JSON to a string without building a value tree: the dashboard writes tens of
/// thousands of objects per request, and a tree would allocate for every one of them.
/// The caller keeps the structure balanced; commas are inserted automatically.
class Writer {
  public:
    explicit Writer(std::string& out) : out_(out) {}

    Writer& begin_object() { return open('{'); }
    Writer& end_object() { return close('}'); }
    Writer& begin_array() { return open('['); }
    Writer& end_array() { return close(']'); }

    /// Starts a member; the next value call is its value. Names are the program's own
    /// identifiers (ASCII, nothing to escape), so they are written verbatim.
    Writer& key(std::string_view name) {
        comma();
        out_ += '"';
        out_ += name;
        out_ += "\":";
        after_key_ = true;
        return *this;
    }
    Writer& value(std::string_view s) {
        comma();
        append_string(s);
        return *this;
    }
    Writer& value(const char* s) { return value(std::string_view(s)); }
    Writer& value(std::int64_t n) {
        comma();
        append_int(n);
        return *this;
    }
    Writer& value(int n) { return value(static_cast<std::int64_t>(n)); }
    Writer& value(bool b) {
        comma();
        out_ += b ? "true" : "false";
        return *this;
    }
    /// Rounded to `decimals` places; non-finite values become null.
    Writer& value(double d, int decimals = 4);
    /// Inserts already serialised JSON (one value, or several comma-separated array elements)
    /// where the next value goes.
    Writer& raw(std::string_view json) {
        comma();
        out_ += json;
        return *this;
    }
    Writer& null() {
        comma();
        out_ += "null";
        return *this;
    }
    template <class T>
    Writer& value(const std::optional<T>& v) {
        return v ? value(*v) : null();
    }

    template <class T>
    Writer& member(std::string_view name, const T& v) {
        key(name);
        return value(v);
    }

  private:
    Writer& open(char c) {
        comma();
        out_ += c;
        first_ = true;
        return *this;
    }
    Writer& close(char c) {
        out_ += c;
        first_ = false;
        return *this;
    }
    void comma() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (!first_) out_ += ',';
        first_ = false;
    }
    void append_string(std::string_view s);
    void append_int(std::int64_t n);

    std::string& out_;
    bool first_ = true;
    bool after_key_ = false;
};

}  // namespace retainer::json
