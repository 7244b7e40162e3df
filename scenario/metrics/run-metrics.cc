#include "run-metrics.h"

#include "ns3/percentiles.h"
#include "ns3/record-durations.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <string>

namespace ns3
{

namespace
{

const char* const CONNECTION_OUTCOMES[] = {"closed", "reset", "refused", "timeout", "unfinished"};

/** \p values rounded (RunMetrics::RoundToMicro) and sorted. */
std::vector<double>
Rounded(std::vector<double> values)
{
    for (double& value : values)
    {
        value = RunMetrics::RoundToMicro(value);
    }
    std::sort(values.begin(), values.end());
    return values;
}

/** to - from in ms, rounded, over the records with both times; sorted. */
template <typename Record>
std::vector<double>
Values(const std::vector<Record>& records, RecordTime Record::*from, RecordTime Record::*to)
{
    return Rounded(RecordDurationsMs(records, from, to));
}

/** Connections for which \p holds. */
template <typename Predicate>
double
CountIf(const std::vector<ConnectionRecord>& connections, Predicate holds)
{
    return double(std::count_if(connections.begin(), connections.end(), holds));
}

class MetricList
{
  public:
    void Count(const std::string& name, std::optional<double> value, const std::string& description)
    {
        m_metrics.push_back({name, value, true, "", description});
    }

    void Real(const std::string& name,
              std::optional<double> value,
              const std::string& unit,
              const std::string& description)
    {
        m_metrics.push_back({name, value, false, unit, description});
    }

    /** name_mean, name_p50, name_p90 of sorted \p values. */
    void Times(const std::string& name, const std::string& text, const std::vector<double>& values)
    {
        std::optional<double> mean;
        std::optional<double> p50;
        std::optional<double> p90;
        if (!values.empty())
        {
            mean = RunMetrics::RoundToMicro(std::accumulate(values.begin(), values.end(), 0.0) /
                                            values.size());
            p50 = Percentiles::NearestRank(values, 0.5);
            p90 = Percentiles::NearestRank(values, 0.9);
        }
        Real(name + "_mean", mean, "ms", text + " (mean)");
        Real(name + "_p50", p50, "ms", text + " (p50)");
        Real(name + "_p90", p90, "ms", text + " (p90)");
    }

    std::vector<MetricRecord> Take()
    {
        return std::move(m_metrics);
    }

  private:
    std::vector<MetricRecord> m_metrics;
};

/** Sum of the counts a server's TCP keeps; empty when none keeps it. */
std::optional<double>
Sum(const std::vector<ServerRecord>& servers, std::optional<uint64_t> ServerRecord::*count)
{
    std::optional<double> sum;
    for (const auto& server : servers)
    {
        if (server.*count)
        {
            sum = sum.value_or(0) + double(*(server.*count));
        }
    }
    return sum;
}

/** Largest of a per-server peak; empty without servers. */
std::optional<double>
Max(const std::vector<ServerRecord>& servers, uint32_t ServerRecord::*peak)
{
    std::optional<double> max;
    for (const auto& server : servers)
    {
        max = std::max(max.value_or(0), double(server.*peak));
    }
    return max;
}

} // namespace

double
RunMetrics::RoundToMicro(double value)
{
    // glibc's printf expands the double exactly before rounding, as Python's round() does.
    char text[64];
    std::snprintf(text, sizeof(text), "%.6f", value);
    return std::strtod(text, nullptr);
}

std::vector<MetricRecord>
RunMetrics::Compute(const Input& in)
{
    using C = ConnectionRecord;
    using T = TransactionRecord;
    MetricList m;
    m.Count("connections", in.connections.size(), "TCP connections the clients opened");
    for (const char* outcome : CONNECTION_OUTCOMES)
    {
        auto n = std::count_if(in.connections.begin(), in.connections.end(),
                               [outcome](const C& c) { return c.outcome == outcome; });
        m.Count(std::string("conn_") + outcome, n, std::string("connections with outcome ") + outcome);
    }
    auto ok = std::count_if(in.transactions.begin(), in.transactions.end(),
                            [](const T& t) { return t.outcome == "ok"; });
    m.Count("requests", in.transactions.size(), "HTTP requests");
    m.Count("requests_ok", ok, "HTTP requests with outcome ok");
    m.Count("requests_failed", in.transactions.size() - ok, "HTTP requests with any other outcome");

    // Empty (no data) in a run that does not simulate the lookup (--dns=off).
    const bool dns = AnyDnsLookup(in.transactions);
    auto dnsCount = [&in, dns](auto predicate) {
        return dns ? std::optional<double>(std::count_if(in.transactions.begin(), in.transactions.end(), predicate))
                   : std::nullopt;
    };
    m.Count("dns_lookups", dnsCount([](const T& t) { return t.dnsStart && !t.dnsCached; }),
            "requests whose DNS lookup sent a query (--dns=on)");
    m.Count("dns_cache_hits", dnsCount([](const T& t) { return t.dnsCached; }),
            "requests whose DNS lookup the resolver's cache answered, no packet (--dns=on)");
    m.Count("requests_dns_failed", dnsCount([](const T& t) { return t.outcome == "dns-failed"; }),
            "HTTP requests whose host name could not be resolved (--dns=on)");
    m.Times("dns", "DNS lookup time, query sent -> answer (lookups that sent a query; --dns=on)",
            Rounded(DnsLookupsMs(in.transactions)));
    m.Times("handshake", "handshake time, SYN sent -> ESTABLISHED",
            Values(in.connections, &C::synSent, &C::established));
    m.Times("ttfb", "time to first byte, request sent -> first response byte",
            Values(in.transactions, &T::requestSent, &T::firstByte));
    m.Times("completion", "request completion time, first attempt's connect -> last response byte",
            Values(in.transactions, &T::connectCalled, &T::lastByte));
    m.Times("teardown",
            "teardown time, first FIN sent by either side -> both sides in TIME_WAIT or CLOSED "
            "(connections closed normally; TIME_WAIT not included)",
            Rounded(TeardownsMs(in.connections)));
    m.Times("time_wait",
            "time in TIME_WAIT, client side, TIME_WAIT entered -> CLOSED (empty unless the run lasts "
            "past 2 MSL: --drain)",
            Values(in.connections, &C::timeWaitEntered, &C::closed));
    m.Times("server_time_wait",
            "time in TIME_WAIT, server side, TIME_WAIT entered -> CLOSED (servers that closed first; "
            "empty unless the run lasts past 2 MSL)",
            Values(in.connections, &C::serverTimeWaitEntered, &C::serverClosed));
    m.Count("fin_first_client", CountIf(in.connections, [](const C& c) {
                return c.finSent && (!c.serverFinSent || *c.finSent <= *c.serverFinSent);
            }),
            "connections whose client sent the first FIN");
    m.Count("fin_first_server", CountIf(in.connections, [](const C& c) {
                return c.serverFinSent && (!c.finSent || *c.serverFinSent < *c.finSent);
            }),
            "connections whose server sent the first FIN");
    m.Count("time_wait_client", CountIf(in.connections, [](const C& c) { return bool(c.timeWaitEntered); }),
            "connections whose client entered TIME_WAIT");
    m.Count("time_wait_server",
            CountIf(in.connections, [](const C& c) { return bool(c.serverTimeWaitEntered); }),
            "connections whose server entered TIME_WAIT");

    std::optional<double> retransmissions;
    if (!in.connections.empty())
    {
        double sum = 0;
        for (const auto& c : in.connections)
        {
            sum += c.retransmissions;
        }
        retransmissions = sum / in.connections.size();
    }
    m.Real("retrans_per_conn", retransmissions, "segments",
           "retransmitted segments per connection (mean)");
    // As results.sqlite's runs.simulated_seconds holds it (6 decimals).
    m.Real("simulated_seconds", RoundToMicro(in.simulatedSeconds), "s",
           "simulated time at the end of the run");

    m.Count("peak_half_open", Max(in.servers, &ServerRecord::peakHalfOpen),
            "most connections in SYN_RCVD at once on a server (largest over servers)");
    m.Count("peak_server_connections", Max(in.servers, &ServerRecord::peakConnections),
            "most connections at once on a server (largest over servers)");
    m.Count("syn_queue_drops", Sum(in.servers, &ServerRecord::synQueueDrops),
            "SYNs dropped with a full SYN queue, all servers (our TCP only)");
    m.Count("syn_cookies_sent", Sum(in.servers, &ServerRecord::cookiesSent),
            "SYN-ACKs carrying a SYN cookie, all servers (our TCP with cookies)");
    return m.Take();
}

MetricRecord
RunMetrics::SynFloodMetric(const std::optional<SynFloodRecord>& flood)
{
    MetricList m;
    m.Count("flood_syns_sent", flood ? std::optional<double>(double(flood->synsSent)) : std::nullopt,
            "spoofed SYNs the attacker sent (--syn-flood)");
    return m.Take().front();
}

} // namespace ns3
