#include "modules/dashboard/payload_json.hpp"

#include <cmath>
#include <future>
#include <set>

#include "core/json_writer.hpp"

namespace retainer::dashboard {
namespace {

void write_person_ref(json::Writer& w, const Input& in, std::optional<std::int64_t> id,
                      bool photo) {
    if (!id) {
        w.null();
        return;
    }
    auto p = in.people.find(*id);
    w.begin_object().member("id", *id);
    w.member("name", p != in.people.end() ? std::string_view(p->second.name) : std::string_view());
    if (photo) {
        w.key("photo_url");
        if (p != in.people.end())
            w.value(p->second.photo_url);
        else
            w.null();
    }
    w.end_object();
}

/// The client objects of [first, last), comma-separated, as they appear in the clients array.
void write_clients(json::Writer& w, const Input& in, const ClientFigures* first,
                   const ClientFigures* last, bool costs) {
    for (const ClientFigures* cp = first; cp != last; ++cp) {
        const ClientFigures& c = *cp;
        const ClientInput& ci = *c.client;
        w.begin_object().member("id", ci.id).member("name", ci.name);
        w.key("account_manager");
        write_person_ref(w, in, ci.account_manager_id, false);
        w.key("recommendations")
            .begin_object()
            .member("count", ci.recommendations)
            .member("approved_on_time", ci.recommendations_approved_on_time)
            .member("overdue", ci.recommendations_overdue)
            .end_object();
        w.key("calls")
            .begin_object()
            .member("count", ci.calls)
            .member("minutes", (ci.call_seconds + 59) / 60)
            .end_object();
        w.member("last_contact_on", ci.last_contact_on);
        w.key("services").begin_array();
        for (const ServiceFigures& f : c.services) {
            const ServiceInput& s = *f.service;
            w.begin_object()
                .member("id", s.id)
                .member("name", s.name)
                .member("service_type_id", s.service_type_id);
            w.key("specialist");
            write_person_ref(w, in, s.specialist_id, true);
            w.member("account_manager_id", s.account_manager_id)
                .member("monthly_fee_kopecks", s.terms.monthly_fee_kopecks)
                .member("fee_kopecks", f.current.fee_kopecks)
                .member("documents_url", s.documents_url)
                .member("status", s.status)
                .member("starts_on", s.terms.starts_on.to_string());
            w.key("ends_on");
            if (s.terms.ends_on)
                w.value(s.terms.ends_on->to_string());
            else
                w.null();
            w.member("planned_minutes", f.current.planned_minutes)
                .member("actual_minutes", f.current.actual_minutes)
                .member("expected_minutes", f.current.expected_minutes)
                .member("elapsed_share", f.current.elapsed_share)
                .member("previous_planned_minutes", f.previous.planned_minutes)
                .member("previous_actual_minutes", f.previous.actual_minutes)
                .member("previous_light", workload::to_string(f.previous.light))
                .member("overrun_percent", overrun_percent(f.current))
                .member("light", workload::to_string(f.current.light))
                .member("projected_minutes", f.current.projected_minutes)
                .member("projected_light", workload::to_string(f.current.projected_light));
            if (costs) {
                w.member("labour_cost_kopecks", f.labour_cost_kopecks)
                    .member("margin_kopecks", f.margin_kopecks);
            } else {
                w.key("labour_cost_kopecks").null().key("margin_kopecks").null();
            }
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
}

}  // namespace

std::string to_json(const Input& in, const Dashboard& d, const std::vector<ServiceType>& types,
                    bool costs) {
    std::string out;
    out.reserve(4096 + static_cast<std::size_t>(d.totals.services) * 900 +
                static_cast<std::size_t>(d.totals.clients) * 300);
    json::Writer w(out);
    w.begin_object();
    w.member("period", d.period.to_string());
    w.member("previous_period", d.period.previous().to_string());
    w.member("today", d.today.to_string());
    w.member("elapsed_share", d.elapsed_share);
    w.member("costs_visible", costs);
    w.key("totals").begin_object();
    w.member("turnover_kopecks", d.totals.turnover_kopecks);
    w.member("clients", d.totals.clients);
    w.member("services", d.totals.services);
    w.member("planned_minutes", d.totals.planned_minutes);
    w.member("actual_minutes", d.totals.actual_minutes);
    if (costs) {
        w.member("labour_cost_kopecks", d.totals.labour_cost_kopecks);
        w.member("margin_kopecks", d.totals.margin_kopecks);
    } else {
        w.key("labour_cost_kopecks").null();
        w.key("margin_kopecks").null();
    }
    w.end_object();

    std::set<std::int64_t> shown;
    for (const ClientFigures& c : d.clients) {
        if (c.client->account_manager_id) shown.insert(*c.client->account_manager_id);
        for (const ServiceFigures& s : c.services) {
            if (s.service->specialist_id) shown.insert(*s.service->specialist_id);
            if (s.service->account_manager_id) shown.insert(*s.service->account_manager_id);
        }
    }
    w.key("employees").begin_array();
    for (std::int64_t id : shown) {
        auto p = in.people.find(id);
        if (p == in.people.end()) continue;
        w.begin_object()
            .member("id", id)
            .member("name", p->second.name)
            .member("role", p->second.role)
            .member("photo_url", p->second.photo_url)
            .member("group_id", p->second.group_id)
            .end_object();
    }
    w.end_array();
    w.key("service_types").begin_array();
    for (const auto& t : types) {
        w.begin_object()
            .member("id", t.id)
            .member("code", t.code)
            .member("name", t.name)
            .member("name_en", t.name_en)
            .member("direction", t.direction)
            .end_object();
    }
    w.end_array();

    // The clients are most of the payload: two halves are written on two threads and joined.
    const ClientFigures* begin = d.clients.data();
    const ClientFigures* end = begin + d.clients.size();
    const ClientFigures* middle = begin + d.clients.size() / 2;
    std::string second_half;
    auto writer =
        std::async(d.clients.size() > 500 ? std::launch::async : std::launch::deferred, [&] {
            second_half.reserve(out.capacity() / 2);
            json::Writer w2(second_half);
            write_clients(w2, in, middle, end, costs);
        });
    std::string first_half;
    first_half.reserve(out.capacity() / 2);
    {
        json::Writer w1(first_half);
        write_clients(w1, in, begin, middle, costs);
    }
    writer.get();
    w.key("clients").begin_array();
    if (!first_half.empty()) w.raw(first_half);
    if (!second_half.empty()) w.raw(second_half);
    w.end_array();
    w.end_object();
    return out;
}

}  // namespace retainer::dashboard
