#include "modules/briefs/rules.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "core/text.hpp"
#include "modules/documents/rules.hpp"
#include "modules/texts/messages.hpp"
#include "platform/http/message.hpp"

namespace retainer::briefs {
namespace json = boost::json;
using documents::escape;
using documents::secret_page_head;

namespace {

bool is_url(const std::string& s) {
    return (s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0) && s.size() > 10 &&
           s.find_first_of(" \t\r\n<>\"") == std::string::npos;
}

bool valid_key(std::string_view k) {
    return !k.empty() && k.size() <= 40 && std::all_of(k.begin(), k.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

std::optional<std::string> text_problem(const json::value& v, std::size_t max, bool required) {
    if (!v.is_string()) return "must be a string";
    std::string s(v.as_string());
    if (!text::valid_utf8(s)) return "must be valid UTF-8 text";
    if (text::length(s) > max) return "must be at most " + std::to_string(max) + " characters";
    if (required && text::trim(s).empty()) return "must not be empty";
    return std::nullopt;
}

std::string str(const json::object& o, const char* key) {
    auto it = o.find(key);
    return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : "";
}

bool has_option(const json::object& q, const std::string& value) {
    auto it = q.find("options");
    if (it == q.end() || !it->value().is_array()) return false;
    for (const auto& o : it->value().as_array())
        if (o.is_string() && o.as_string() == value) return true;
    return false;
}

bool empty_answer(const json::value& v) {
    if (v.is_null()) return true;
    if (v.is_string()) return text::trim(std::string_view(v.as_string())).empty();
    if (v.is_array()) return v.as_array().empty();
    return false;
}

/// "150 000" (thin-space groups, like money), "1 500,5".
std::string grouped(std::string digits) {
    std::string out;
    bool negative = !digits.empty() && digits[0] == '-';
    if (negative) digits.erase(0, 1);
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u2009";
        out += digits[i];
    }
    return (negative ? "-" : "") + out;
}

std::string format_number(double d) {
    if (d == std::floor(d) && std::fabs(d) < 1e15)
        return grouped(std::to_string(static_cast<long long>(d)));
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
    std::string s(buf, ec == std::errc() ? end : buf);
    auto dot = s.find('.');
    if (dot == std::string::npos) return s;
    return grouped(s.substr(0, dot)) + "," + s.substr(dot + 1);
}

std::string answer_text(const json::value& v) {
    if (v.is_string()) return std::string(v.as_string());
    if (v.is_double()) return format_number(v.as_double());
    if (v.is_int64()) return grouped(std::to_string(v.as_int64()));
    if (v.is_array()) {
        std::string out;
        for (const auto& x : v.as_array())
            if (x.is_string()) out += (out.empty() ? "" : "; ") + std::string(x.as_string());
        return out;
    }
    return "";
}

}  // namespace

const std::vector<std::string>& question_types() {
    static const std::vector<std::string> types = {
        "text", "long_text", "choice", "multi_choice", "number", "url", "file_link"};
    return types;
}

std::optional<std::string> questions_problem(json::value& questions) {
    if (!questions.is_array()) return "must be an array of questions";
    auto& list = questions.as_array();
    if (list.empty() || list.size() > 100) return "must hold 1–100 questions";
    std::set<std::string> keys;
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::string where = "question " + std::to_string(i + 1);
        if (!list[i].is_object()) return where + ": must be an object";
        json::object& q = list[i].as_object();
        std::string key = str(q, "key");
        if (!key.empty()) where += " (" + key + ")";
        for (const auto& [k, v] : q)
            if (k != "key" && k != "type" && k != "label" && k != "help" && k != "required" &&
                k != "options")
                return where + ": unknown field " + std::string(k);
        if (!valid_key(key)) return where + ": key must be 1–40 of a-z, 0-9, _";
        if (!keys.insert(key).second) return where + ": the key repeats an earlier question";
        std::string type = str(q, "type");
        const auto& types = question_types();
        if (std::find(types.begin(), types.end(), type) == types.end())
            return where +
                   ": type must be one of text, long_text, choice, multi_choice, number, url, "
                   "file_link";
        if (!q.contains("label")) return where + ": label is required";
        if (auto p = text_problem(q.at("label"), 500, true)) return where + ": label " + *p;
        q["label"] = std::string(text::trim(std::string_view(q.at("label").as_string())));
        if (q.contains("help") && !q.at("help").is_null()) {
            if (auto p = text_problem(q.at("help"), 1000, false)) return where + ": help " + *p;
        } else {
            q["help"] = "";
        }
        if (q.contains("required") && !q.at("required").is_null() && !q.at("required").is_bool())
            return where + ": required must be true or false";
        q["required"] =
            q.contains("required") && q.at("required").is_bool() && q.at("required").as_bool();
        bool with_options = type == "choice" || type == "multi_choice";
        json::array options;
        if (q.contains("options") && !q.at("options").is_null()) {
            if (!q.at("options").is_array()) return where + ": options must be an array";
            options = q.at("options").as_array();
        }
        if (with_options) {
            if (options.empty() || options.size() > 50)
                return where + ": a choice needs 1–50 options";
            std::set<std::string> seen;
            for (auto& o : options) {
                if (auto p = text_problem(o, 200, true)) return where + ": each option " + *p;
                std::string s(text::trim(std::string_view(o.as_string())));
                if (!seen.insert(s).second) return where + ": options repeat \"" + s + "\"";
                o = json::string(s);
            }
        } else if (!options.empty()) {
            return where + ": only choice and multi_choice questions have options";
        }
        q["options"] = options;
    }
    return std::nullopt;
}

std::optional<double> parse_number(std::string_view text) {
    std::string s;
    for (char c : text) {
        if (c == ' ' || c == '\t') continue;
        s += c == ',' ? '.' : c;
    }
    // Thin and non-breaking spaces people paste from spreadsheets.
    for (std::string_view sp : {"\u202F", "\u00A0", "\u2009"})
        for (auto at = s.find(sp); at != std::string::npos; at = s.find(sp)) s.erase(at, sp.size());
    if (s.empty() || s.size() > 40) return std::nullopt;
    double d = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(d)) return std::nullopt;
    return d;
}

FieldErrors check_answers(const json::array& questions, json::object& answers, bool final) {
    FieldErrors errors;
    std::set<std::string> known;
    for (const auto& qv : questions) {
        const json::object& q = qv.as_object();
        std::string key = str(q, "key");
        known.insert(key);
        std::string type = str(q, "type");
        bool required =
            q.contains("required") && q.at("required").is_bool() && q.at("required").as_bool();
        auto it = answers.find(key);
        if (it == answers.end() || empty_answer(it->value())) {
            if (it != answers.end()) answers.erase(it);
            if (final && required) errors[key] = "an answer is required";
            continue;
        }
        json::value& v = it->value();
        std::optional<std::string> problem;
        if (type == "text" || type == "long_text") {
            problem = text_problem(v, type == "text" ? 2000 : 20000, false);
        } else if (type == "url" || type == "file_link") {
            problem = text_problem(v, 2000, false);
            if (!problem) {
                std::string s(text::trim(std::string_view(v.as_string())));
                if (!is_url(s))
                    problem = "must be a link starting with http:// or https://";
                else
                    v = json::string(s);
            }
        } else if (type == "number") {
            if (v.is_string()) {
                if (auto d = parse_number(std::string_view(v.as_string())))
                    v = *d;
                else
                    problem = "must be a number";
            } else if (v.is_int64() || v.is_uint64()) {
                v = v.to_number<double>();
            } else if (!v.is_double()) {
                problem = "must be a number";
            }
            if (!problem && std::fabs(v.as_double()) > 1e15) problem = "is too large";
            // Whole numbers stay integers in JSON (150000, not 1.5E5).
            if (!problem && v.as_double() == std::floor(v.as_double()))
                v = static_cast<std::int64_t>(v.as_double());
        } else if (type == "choice") {
            if (!v.is_string() || !has_option(q, std::string(v.as_string())))
                problem = "must be one of the options";
        } else if (type == "multi_choice") {
            if (v.is_string()) v = json::array{v};
            if (!v.is_array()) {
                problem = "must be a list of options";
            } else {
                std::set<std::string> seen;
                json::array picked;
                for (const auto& o : v.as_array()) {
                    if (!o.is_string() || !has_option(q, std::string(o.as_string()))) {
                        problem = "must be a list of the options";
                        break;
                    }
                    if (seen.insert(std::string(o.as_string())).second) picked.push_back(o);
                }
                if (!problem) v = std::move(picked);
            }
        }
        if (problem) errors[key] = *problem;
    }
    for (const auto& [k, v] : answers)
        if (!known.count(std::string(k))) errors[std::string(k)] = "no such question";
    return errors;
}

std::vector<std::pair<std::string, std::string>> parse_form(std::string_view body) {
    std::vector<std::pair<std::string, std::string>> out;
    while (!body.empty()) {
        auto amp = body.find('&');
        std::string_view pair = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
        if (pair.empty()) continue;
        auto eq = pair.find('=');
        auto key = http::percent_decode(pair.substr(0, eq), true);
        auto value = http::percent_decode(
            eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
        if (key && value) out.emplace_back(std::move(*key), std::move(*value));
    }
    return out;
}

json::object answers_from_form(const json::array& questions,
                               const std::vector<std::pair<std::string, std::string>>& form) {
    json::object answers;
    for (const auto& qv : questions) {
        const json::object& q = qv.as_object();
        std::string key = str(q, "key");
        bool multi = str(q, "type") == "multi_choice";
        json::array many;
        for (const auto& [k, v] : form) {
            if (k != key) continue;
            if (multi)
                many.push_back(json::string(v));
            else
                answers[key] = v;
        }
        if (multi && !many.empty()) answers[key] = std::move(many);
    }
    return answers;
}

std::string brief_page(const std::string& title, const json::array& questions,
                       const json::object& answers, const std::optional<std::string>& token,
                       const std::optional<std::string>& note, i18n::Lang lang) {
    auto t = [lang](std::string_view english) { return escape(texts::tr(english, lang)); };
    std::string out =
        secret_page_head(title, lang) +
        "body { font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: "
        "#1a1b1e; background: #f1f3f5; margin: 0; }\n"
        "main { max-width: 720px; margin: 24px auto; background: #fff; padding: 32px 36px; "
        "border-radius: 10px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }\n"
        "h1 { font-size: 24px; margin: 0 0 8px; } .lead { color: #555; margin: 0 0 24px; }\n"
        ".q { margin: 0 0 22px; } .q label.t { display: block; font-weight: 600; margin: 0 0 4px; "
        "}\n"
        ".help { color: #666; font-size: 14px; margin: 0 0 6px; } .req { color: #c92a2a; }\n"
        "input[type=text], input[type=url], textarea { width: 100%; box-sizing: border-box; "
        "font: inherit; padding: 8px 10px; border: 1px solid #ced4da; border-radius: 6px; }\n"
        "textarea { min-height: 110px; } .opt { display: block; margin: 2px 0; }\n"
        ".err { color: #c92a2a; font-size: 14px; }\n"
        "button { font: inherit; background: #1c7ed6; color: #fff; border: 0; border-radius: 6px; "
        "padding: 10px 22px; cursor: pointer; }\n"
        "#status { color: #666; margin-left: 12px; font-size: 14px; }\n"
        ".done { background: #e6fcf5; border: 1px solid #63e6be; padding: 12px 16px; "
        "border-radius: "
        "6px; margin: 0 0 20px; }\n"
        "dt { font-weight: 600; margin-top: 14px; } dd { margin: 4px 0 0; white-space: pre-wrap; "
        "}\n"
        "@media (max-width: 640px) { main { margin: 0; border-radius: 0; padding: 20px; } }\n"
        "</style></head><body><main>\n<h1>" +
        escape(title) + "</h1>\n";
    if (note) out += "<p class=\"done\">" + escape(*note) + "</p>\n";
    if (!token) {
        out += "<dl>\n";
        for (const auto& qv : questions) {
            const json::object& q = qv.as_object();
            auto it = answers.find(str(q, "key"));
            out += "<dt>" + escape(str(q, "label")) + "</dt><dd>" +
                   (it == answers.end() ? std::string("—") : escape(answer_text(it->value()))) +
                   "</dd>\n";
        }
        out += "</dl>\n</main></body></html>\n";
        return out;
    }
    out += "<p class=\"lead\">" +
           t("Answers are saved as you type: you may close the page and come back by the same "
             "link. Fields with an asterisk are required.") +
           "</p>\n<form id=\"brief\" method=\"post\" action=\"/b/" + escape(*token) +
           "/submit\" data-answers=\"/b/" + escape(*token) + "/answers\"";
    // The script is static (CSP: no inline script): its status lines come with the form.
    for (auto [attr, text] : {std::pair{"saving", "Saving…"},
                              {"saved", "Saved"},
                              {"partly", "Saved, except the fields marked below"},
                              {"offline", "No connection; the answers will be saved later"},
                              {"sending", "Sending…"},
                              {"unsent", "Not sent"},
                              {"offline-send", "No connection; try again"}})
        out += std::string(" data-say-") + attr + "=\"" + t(text) + "\"";
    out += ">\n";
    for (const auto& qv : questions) {
        const json::object& q = qv.as_object();
        std::string key = str(q, "key");
        std::string type = str(q, "type");
        std::string id = "q-" + key;
        bool required = q.at("required").as_bool();
        auto it = answers.find(key);
        std::string value = it == answers.end() ? "" : answer_text(it->value());
        out += "<div class=\"q\" data-key=\"" + escape(key) + "\">";
        bool grouped = type == "choice" || type == "multi_choice";
        out += grouped ? "<span class=\"t\"><label class=\"t\">"
                       : "<label class=\"t\" for=\"" + id + "\">";
        out += escape(str(q, "label")) + (required ? " <span class=\"req\">*</span>" : "") +
               (grouped ? "</label></span>" : "</label>");
        if (!str(q, "help").empty()) out += "<p class=\"help\">" + escape(str(q, "help")) + "</p>";
        std::string name = " name=\"" + escape(key) + "\"";
        if (type == "long_text") {
            out += "<textarea id=\"" + id + "\"" + name + " maxlength=\"20000\">" + escape(value) +
                   "</textarea>";
        } else if (grouped) {
            bool multi = type == "multi_choice";
            std::set<std::string> chosen;
            if (it != answers.end()) {
                if (it->value().is_string()) chosen.insert(std::string(it->value().as_string()));
                if (it->value().is_array())
                    for (const auto& x : it->value().as_array())
                        if (x.is_string()) chosen.insert(std::string(x.as_string()));
            }
            for (const auto& o : q.at("options").as_array()) {
                std::string opt(o.as_string());
                out += std::string("<label class=\"opt\"><input type=\"") +
                       (multi ? "checkbox" : "radio") + "\"" + name + " value=\"" + escape(opt) +
                       "\"" + (chosen.count(opt) ? " checked" : "") + "> " + escape(opt) +
                       "</label>";
            }
        } else {
            std::string input_type = type == "url" || type == "file_link" ? "url" : "text";
            out += "<input type=\"" + input_type + "\" id=\"" + id + "\"" + name + " value=\"" +
                   escape(value) + "\"" + (type == "number" ? " inputmode=\"decimal\"" : "") +
                   (input_type == "url" ? " placeholder=\"https://\"" : "") +
                   " maxlength=\"2000\">";
        }
        out += "<div class=\"err\" data-error-for=\"" + escape(key) + "\"></div></div>\n";
    }
    out += "<p><button type=\"submit\">" + t("Send the brief") +
           "</button><span id=\"status\" aria-live=\"polite\"></span></p>\n</form>\n<script "
           "src=\"/p/brief.js\" defer></script>\n</main></body></html>\n";
    return out;
}

const std::string& brief_script() {
    // Autosave: collect the form a second after the last change and PUT it as JSON; on submit,
    // show field errors in place instead of a page of JSON.
    static const std::string script = R"JS('use strict';
(function () {
  var form = document.getElementById('brief');
  if (!form) return;
  var url = form.getAttribute('data-answers');
  var status = document.getElementById('status');
  var timer = null;
  function collect() {
    var answers = {};
    form.querySelectorAll('.q').forEach(function (q) {
      var key = q.getAttribute('data-key');
      var inputs = q.querySelectorAll('input, textarea');
      var boxes = q.querySelectorAll('input[type=checkbox]');
      if (boxes.length) {
        var picked = [];
        boxes.forEach(function (b) { if (b.checked) picked.push(b.value); });
        answers[key] = picked;
        return;
      }
      var radios = q.querySelectorAll('input[type=radio]');
      if (radios.length) {
        radios.forEach(function (r) { if (r.checked) answers[key] = r.value; });
        return;
      }
      if (inputs.length) answers[key] = inputs[0].value;
    });
    return answers;
  }
  function showErrors(fields) {
    form.querySelectorAll('[data-error-for]').forEach(function (e) {
      e.textContent = (fields && fields[e.getAttribute('data-error-for')]) || '';
    });
  }
  function text(name) { return form.getAttribute('data-say-' + name) || ''; }
  function say(t) { if (status) status.textContent = t; }
  function save() {
    timer = null;
    say(text('saving'));
    fetch(url, { method: 'PUT', headers: { 'Content-Type': 'application/json' },
                 body: JSON.stringify({ answers: collect() }) })
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (res) {
        // The valid answers are saved even when another one is not (it is named below).
        var fields = res.ok ? res.body.fields : res.body.error && res.body.error.fields;
        showErrors(fields);
        say(res.ok && !(fields && Object.keys(fields).length) ? text('saved') : text('partly'));
      })
      .catch(function () { say(text('offline')); });
  }
  function later() { if (timer) clearTimeout(timer); say(''); timer = setTimeout(save, 1000); }
  form.addEventListener('input', later);
  form.addEventListener('change', later);
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    if (timer) { clearTimeout(timer); timer = null; }
    say(text('sending'));
    fetch(form.getAttribute('action'), { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                        body: JSON.stringify({ answers: collect() }) })
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (res) {
        if (res.ok) { window.location.reload(); return; }
        showErrors(res.body.error && res.body.error.fields);
        say((res.body.error && res.body.error.message) || text('unsent'));
      })
      .catch(function () { say(text('offline-send')); });
  });
})();
)JS";
    return script;
}

}  // namespace retainer::briefs
