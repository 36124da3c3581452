#include "app/cli.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "core/text.hpp"
#include "modules/access/roles.hpp"
#include "modules/agency/settings.hpp"
#include "modules/demo/demo.hpp"
#include "modules/sales/insights.hpp"
#include "modules/staff/staff.hpp"
#include "platform/auth/password.hpp"
#include "platform/db/migrate.hpp"
#include "platform/http/server.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/jobs/ticker.hpp"
#include "platform/mail/mail.hpp"

namespace retainer::app {
namespace {

constexpr const char* kUsage = R"(usage:
  retainer serve   [--db URL] [--listen 127.0.0.1:8080] [--web DIR] [--public-origin URL]...
                   [--smtp smtp://host:port] [--mail-from robot@agency.ru]
                   [--trusted-proxy ADDR[/BITS]]... [--max-connections N (1000)]
                   [--max-connections-per-ip N (100)] [--job-lease SECONDS (60)]
  retainer migrate [--db URL]
  retainer demo    [--db URL] [--clients N] [--seed S]
  retainer user add --email E --role R [--name N] [--client-id ID] [--db URL]   (password on stdin)
  retainer backup  PATH [--db URL]
  retainer remind  [--db URL]                       (queue today's reminder e-mails now)
  retainer jobs probe [--seconds N (5)] [--count K (1)] [--db URL]
                                                    (enqueue probe jobs a server runs; prints ids)
  retainer routes                                   (the route table with access policies, JSON)
--db takes sqlite:PATH (default sqlite:retainer.db) or postgresql://...; RETAINER_DB sets it too.
)";

struct BadArguments : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;
    std::vector<std::string> public_origins;   // --public-origin, repeatable
    std::vector<std::string> trusted_proxies;  // --trusted-proxy, repeatable
};

Args parse(int argc, char** argv, int start, const std::vector<std::string>& known) {
    Args a;
    for (int i = start; i < argc; ++i) {
        std::string s = argv[i];
        if (s.rfind("--", 0) == 0) {
            std::string name = s.substr(2);
            std::string value;
            if (auto eq = name.find('='); eq != std::string::npos) {
                value = name.substr(eq + 1);
                name = name.substr(0, eq);
            } else {
                if (i + 1 >= argc) throw BadArguments("--" + name + " needs a value");
                value = argv[++i];
            }
            if (std::find(known.begin(), known.end(), name) == known.end())
                throw BadArguments("unknown option --" + name);
            if (name == "public-origin")
                a.public_origins.push_back(value);
            else if (name == "trusted-proxy")
                a.trusted_proxies.push_back(value);
            else
                a.options[name] = value;
        } else {
            a.positional.push_back(s);
        }
    }
    return a;
}

std::string db_url(const Args& a) {
    if (auto it = a.options.find("db"); it != a.options.end()) return it->second;
    if (const char* env = std::getenv("RETAINER_DB"); env && *env) return env;
    return "sqlite:retainer.db";
}

std::unique_ptr<db::Database> open_migrated(const Args& a, std::size_t pool = 8) {
    auto db = db::Database::open(db_url(a), pool);
    db::migrate(*db);
    return db;
}

long parse_number(const std::string& name, const std::string& value, long lo, long hi) {
    if (value.empty() || value.size() > 12 ||
        value.find_first_not_of("0123456789") != std::string::npos)
        throw BadArguments("--" + name + " must be a number");
    long v = std::stol(value);
    if (v < lo || v > hi)
        throw BadArguments("--" + name + " must be between " + std::to_string(lo) + " and " +
                           std::to_string(hi));
    return v;
}

/// --web, else web/dist next to the working directory or the executable's source tree.
std::string find_web_dir(const Args& a, const char* argv0) {
    if (auto it = a.options.find("web"); it != a.options.end()) return it->second;
    namespace fs = std::filesystem;
    std::error_code ec;
    std::vector<fs::path> candidates = {fs::current_path(ec) / "web" / "dist"};
    fs::path exe = fs::weakly_canonical(fs::path(argv0), ec).parent_path();
    for (int up = 0; up < 3 && !exe.empty(); ++up, exe = exe.parent_path())
        candidates.push_back(exe / "web" / "dist");
    for (const auto& c : candidates)
        if (fs::is_regular_file(c / "index.html", ec)) return c.string();
    return "";
}

int serve(const Args& a, const char* argv0) {
    http::ServerConfig config;
    if (auto it = a.options.find("listen");
        it != a.options.end() && !http::parse_listen(it->second, config))
        throw BadArguments("--listen must look like 127.0.0.1:8080");
    for (const auto& p : a.trusted_proxies) {
        auto block = http::parse_address_block(p);
        if (!block)
            throw BadArguments("--trusted-proxy must be an IP address or network: 10.0.0.0/8");
        config.trusted_proxies.push_back(*block);
    }
    if (auto it = a.options.find("max-connections"); it != a.options.end())
        config.max_connections =
            static_cast<std::size_t>(parse_number("max-connections", it->second, 1, 1000000));
    if (auto it = a.options.find("max-connections-per-ip"); it != a.options.end())
        config.max_connections_per_ip = static_cast<std::size_t>(
            parse_number("max-connections-per-ip", it->second, 1, 1000000));
    auto db = open_migrated(a, static_cast<std::size_t>(config.worker_threads));
    std::string web = find_web_dir(a, argv0);
    for (const auto& o : a.public_origins)
        if (o.rfind("https://", 0) != 0 && o.rfind("http://", 0) != 0)
            throw BadArguments("--public-origin must look like https://agency.ru");
    App app(*db, system_now, web, a.public_origins);
    if (web.empty())
        spdlog::warn("{}", R"({"event":"no_web_ui","hint":"build web/ or pass --web DIR"})");
    mail::SmtpConfig smtp;
    if (auto it = a.options.find("smtp"); it != a.options.end()) {
        if (it->second.rfind("smtp://", 0) != 0 && it->second.rfind("smtps://", 0) != 0)
            throw BadArguments("--smtp must look like smtp://mail.agency.ru:587");
        smtp.url = it->second;
    }
    if (auto it = a.options.find("mail-from"); it != a.options.end()) {
        if (it->second.find('@') == std::string::npos)
            throw BadArguments("--mail-from must be an e-mail address");
        smtp.from = it->second;
    }
    mail::OutboxSender outbox(*db, smtp, [](db::Connection& conn) {
        agency::Settings s = agency::read(conn);
        return mail::SmtpConfig{s.smtp_url, s.mail_from};
    });
    // Background jobs: this process claims its share from the jobs table; a job whose process
    // died is taken over when its lease runs out (docs/jobs.md).
    jobs::RunnerOptions job_options;
    if (auto it = a.options.find("job-lease"); it != a.options.end())
        job_options.lease = std::chrono::seconds(parse_number("job-lease", it->second, 1, 3600));
    jobs::Runner runner(*db, jobs::worker_name(), system_now, job_options);
    jobs::handle_probes(runner);
    sales::handle_digest_jobs(runner, *db, system_now);
    runner.start();
    // The morning reminder e-mail: scheduled every minute (one job for all processes), sent once
    // a day per person.
    jobs::Ticker ticker(
        std::chrono::seconds(60),
        {{"reminder_digests", [&db] { sales::schedule_digests(*db, system_now()); }},
         {"purge_expired_sessions", [&app] { app.accounts().purge_expired(); }}});
    http::Server server(
        config, [&app](http::Request& r) { return app.router().dispatch(r); },
        [&app](http::Request& r) { return app.router().precheck(r); });
    server.run();
    return 0;
}

int demo(const Args& a) {
    demo::DemoOptions options;
    if (auto it = a.options.find("clients"); it != a.options.end())
        options.clients = static_cast<int>(parse_number("clients", it->second, 1, 100000));
    if (auto it = a.options.find("seed"); it != a.options.end())
        options.seed = static_cast<std::uint64_t>(parse_number("seed", it->second, 0, 2000000000));
    auto started = std::chrono::steady_clock::now();
    auto db = open_migrated(a, 1);
    auto s = demo::fill_demo(*db, options, system_now());
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "demo agency (today " << s.today << "): " << s.employees << " employees, "
              << s.clients << " clients, " << s.contacts << " contacts, " << s.services
              << " services, " << s.time_entries << " time entries, " << s.recommendations
              << " recommendations, " << s.calls << " calls, " << s.deals << " deals, " << s.briefs
              << " briefs, " << s.estimates << " estimates, " << s.documents << " documents in "
              << std::fixed << std::setprecision(1) << seconds << " s\n"
              << "accounts owner@ head@ manager@ specialist@ sales@ accountant@ client@demo.local, "
                 "password demo\n";
    return 0;
}

int user_add(const Args& a) {
    auto email = a.options.find("email");
    auto role = a.options.find("role");
    if (email == a.options.end() || role == a.options.end())
        throw BadArguments("user add needs --email and --role");
    if (!access::is_role(role->second))
        throw std::runtime_error(
            "--role must be one of owner, head, manager, specialist, sales, lead_generator, "
            "quality, accountant, client");
    std::optional<std::int64_t> client_id;
    if (auto c = a.options.find("client-id"); c != a.options.end())
        client_id = parse_number("client-id", c->second, 1, 2000000000);
    if (role->second == access::kClient && !client_id)
        throw BadArguments("a client user needs --client-id");
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (password.size() < 8)
        throw std::runtime_error("the password (read from stdin) must be at least 8 characters");
    std::string mail = std::string(text::trim(email->second));
    for (auto& ch : mail) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (mail.find('@') == std::string::npos) throw BadArguments("--email must be an email address");
    std::string name =
        a.options.count("name") ? a.options.at("name") : mail.substr(0, mail.find('@'));
    auto db = open_migrated(a, 1);
    std::string now = system_now().to_rfc3339();
    std::string hash = auth::hash_password(password);
    try {
        db->transaction([&](db::Connection& conn) {
            std::int64_t id = staff::create_account(
                conn, {mail, name, role->second, client_id, hash}, now, "cli");
            std::cout << "user " << id << " created: " << mail << " (" << role->second << ")\n";
        });
    } catch (const db::ConstraintViolation&) {
        throw std::runtime_error("a user with email " + mail + " already exists");
    }
    return 0;
}

int backup(const Args& a) {
    if (a.positional.size() != 1) throw BadArguments("backup needs exactly one target PATH");
    std::string url = db_url(a);
    if (std::filesystem::exists(a.positional[0]))
        throw std::runtime_error("target " + a.positional[0] + " already exists");
    if (url.rfind("sqlite:", 0) == 0)
        db::backup_sqlite(url.substr(7), a.positional[0]);
    else
        db::backup_postgres(url, a.positional[0]);
    std::cout << "backup written to " << a.positional[0] << "\n";
    return 0;
}

int routes() {
    auto db = db::Database::open("sqlite::memory:", 1);
    db::migrate(*db);
    App app(*db, system_now, "");
    boost::json::array out;
    for (const auto& r : app.router().routes()) {
        boost::json::object o{{"method", r.method}, {"path", r.pattern}};
        switch (r.policy.mode) {
            case http::Policy::Mode::kPublic:
                o["access"] = "public";
                break;
            case http::Policy::Mode::kUnset:
                o["access"] = "unset";
                break;
            case http::Policy::Mode::kAuthenticated: {
                boost::json::array roles;
                for (const auto& role : r.policy.roles.empty() ? access::kAllRoles : r.policy.roles)
                    roles.push_back(boost::json::string(role));
                o["access"] = "roles";
                o["roles"] = roles;
            }
        }
        out.push_back(std::move(o));
    }
    std::cout << boost::json::serialize(out) << "\n";
    return 0;
}

}  // namespace

int run_cli(int argc, char** argv) {
    spdlog::set_default_logger(spdlog::stderr_logger_mt("retainer"));
    spdlog::set_pattern("%v");
    if (argc < 2) {
        std::cerr << kUsage;
        return 2;
    }
    std::string command = argv[1];
    try {
        if (command == "serve")
            return serve(
                parse(argc, argv, 2,
                      {"db", "listen", "web", "public-origin", "smtp", "mail-from", "trusted-proxy",
                       "max-connections", "max-connections-per-ip", "job-lease"}),
                argv[0]);
        if (command == "migrate") {
            auto a = parse(argc, argv, 2, {"db"});
            auto db = db::Database::open(db_url(a), 1);
            int n = db::migrate(*db);
            std::cout << "migrations applied: " << n << "\n";
            return 0;
        }
        if (command == "demo") return demo(parse(argc, argv, 2, {"db", "clients", "seed"}));
        if (command == "user") {
            if (argc < 3 || std::string(argv[2]) != "add")
                throw BadArguments("did you mean: retainer user add");
            return user_add(parse(argc, argv, 3, {"db", "email", "role", "name", "client-id"}));
        }
        if (command == "backup") return backup(parse(argc, argv, 2, {"db"}));
        if (command == "remind") {
            // For cron, or to send the morning e-mail now: the running server delivers it.
            auto a = parse(argc, argv, 2, {"db"});
            auto db = open_migrated(a, 1);
            int n = sales::queue_digests(*db, system_now(), true);
            std::cout << "reminder e-mails queued: " << n << "\n";
            return 0;
        }
        if (command == "jobs" && argc > 2 && std::string(argv[2]) == "probe") {
            // Is the job runner alive, and who runs what? Each probe job sleeps its seconds,
            // reporting progress every second, and answers with the worker that ran it.
            auto a = parse(argc, argv, 3, {"db", "seconds", "count"});
            long seconds = a.options.count("seconds")
                               ? parse_number("seconds", a.options.at("seconds"), 1, 600)
                               : 5;
            long count =
                a.options.count("count") ? parse_number("count", a.options.at("count"), 1, 100) : 1;
            auto db = open_migrated(a, 1);
            for (std::int64_t id : jobs::enqueue_probes(*db, static_cast<int>(seconds),
                                                        static_cast<int>(count), system_now()))
                std::cout << id << "\n";
            return 0;
        }
        if (command == "routes") return routes();
        if (command == "help" || command == "--help" || command == "-h") {
            std::cout << kUsage;
            return 0;
        }
        throw BadArguments("unknown command " + command);
    } catch (const BadArguments& e) {
        std::cerr << "retainer: " << e.what() << "\n" << kUsage;
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "retainer: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace retainer::app
