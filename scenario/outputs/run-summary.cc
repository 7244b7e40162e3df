#include "run-summary.h"

#include "ns3/record-durations.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iterator>
#include <map>
#include <sstream>

namespace ns3
{

namespace
{

void
Row(std::ostringstream& os, const std::string& name, const std::vector<double>& values, const char* unit)
{
    os << "  " << std::left << std::setw(26) << name;
    auto p = Percentiles::Of(values);
    if (!p)
    {
        os << "(none)\n";
        return;
    }
    os << std::right << std::fixed << std::setprecision(1) << std::setw(10) << p->p50 << std::setw(10)
       << p->p90 << std::setw(10) << p->p99 << "  " << unit << "  (n=" << p->count << ")\n";
}

template <typename Record>
std::string
CountByOutcome(const std::vector<Record>& records)
{
    std::map<std::string, size_t> counts;
    for (const auto& record : records)
    {
        counts[record.outcome]++;
    }
    std::ostringstream os;
    for (const auto& [outcome, count] : counts)
    {
        os << (os.tellp() > 0 ? ", " : "") << outcome << " " << count;
    }
    return os.str();
}

} // namespace

std::vector<RunSummary::Sample>
RunSummary::Samples(const std::vector<ConnectionRecord>& connections,
                    const std::vector<TransactionRecord>& transactions)
{
    using C = ConnectionRecord;
    using T = TransactionRecord;
    std::vector<double> retransmissions;
    retransmissions.reserve(connections.size());
    for (const auto& c : connections)
    {
        retransmissions.push_back(c.retransmissions);
    }
    std::vector<Sample> samples;
    if (AnyDnsLookup(transactions))
    {
        // The first step of the seeds' request flow, when it is simulated (--dns=on).
        samples.push_back({"DNS (query->answer)", "requests",
                           "DNS answer - query sent (lookups that sent one; cache hits left out)", "ms",
                           DnsLookupsMs(transactions)});
    }
    std::vector<Sample> rest{
        {"handshake (SYN->ESTAB)", "connections", "established - SYN sent", "ms",
         RecordDurationsMs(connections, &C::synSent, &C::established)},
        {"time to first byte", "requests", "first response byte - request sent", "ms",
         RecordDurationsMs(transactions, &T::requestSent, &T::firstByte)},
        {"transfer (first->last)", "requests", "last response byte - first response byte", "ms",
         RecordDurationsMs(transactions, &T::firstByte, &T::lastByte)},
        // The same definitions as the metrics (doc/metrics.rst): TIME_WAIT is not in the teardown.
        {"teardown (1st FIN->done)", "connections",
         "both sides in TIME_WAIT or CLOSED - first FIN sent by either side (closed normally)", "ms",
         TeardownsMs(connections)},
        {"TIME_WAIT, client", "connections", "client CLOSED - client entered TIME_WAIT (--drain)", "ms",
         RecordDurationsMs(connections, &C::timeWaitEntered, &C::closed)},
        {"TIME_WAIT, server", "connections", "server CLOSED - server entered TIME_WAIT", "ms",
         RecordDurationsMs(connections, &C::serverTimeWaitEntered, &C::serverClosed)},
        {"retransmissions/conn", "connections", "segments the client sent again", "segments",
         std::move(retransmissions)},
    };
    samples.insert(samples.end(), std::make_move_iterator(rest.begin()), std::make_move_iterator(rest.end()));
    return samples;
}

std::string
RunSummary::Format(const std::string& title,
                   const std::vector<ConnectionRecord>& connections,
                   const std::vector<TransactionRecord>& transactions,
                   uint32_t timeWaitAtEnd)
{
    std::ostringstream os;
    os << title << "\n";
    os << "  connections " << connections.size() << ": " << CountByOutcome(connections) << "\n";
    os << "  requests " << transactions.size() << ": " << CountByOutcome(transactions) << "\n";
    os << "  " << std::left << std::setw(26) << "" << std::right << std::setw(10) << "p50"
       << std::setw(10) << "p90" << std::setw(10) << "p99" << "\n";
    for (const auto& sample : Samples(connections, transactions))
    {
        Row(os, sample.name, sample.values, sample.unit.c_str());
    }
    os << "  TIME_WAIT at end          " << timeWaitAtEnd << "\n";
    return os.str();
}

std::string
RunSummary::DescribeRunEnd(const RunEndRecord& end,
                           const std::vector<ConnectionRecord>& connections,
                           const std::vector<TransactionRecord>& transactions)
{
    size_t open = std::count_if(connections.begin(), connections.end(),
                                [](const ConnectionRecord& c) { return c.openAtEnd; });
    size_t unfinished = std::count_if(transactions.begin(), transactions.end(),
                                      [](const TransactionRecord& t) { return t.outcome == "unfinished"; });
    std::ostringstream os;
    os << std::fixed << std::setprecision(3) << "run ended at ";
    if (end.reason == "limit")
    {
        os << "the " << std::setprecision(0) << end.limit << " s time limit" << std::setprecision(3);
    }
    else
    {
        os << end.time << " s";
    }
    os << ": ";
    if (end.workDone)
    {
        os << "every request had its outcome at " << *end.workDone << " s";
    }
    else
    {
        os << unfinished << " of " << transactions.size()
           << " requests were still under way (recorded unfinished)";
    }
    if (end.reason == "ended")
    {
        os << " and every connection had ended";
    }
    else if (end.reason == "grace")
    {
        os << "; " << std::setprecision(0) << end.grace << " s later " << open
           << (open == 1 ? " connection was" : " connections were") << " still open";
    }
    else
    {
        os << "; " << open << (open == 1 ? " connection was" : " connections were") << " open";
    }
    return os.str();
}

std::string
RunSummary::DescribeOpenConnection(const ConnectionRecord& c)
{
    std::ostringstream os;
    os << "connection " << c.id << " " << c.clientAddress << ":" << c.clientPort << " -> "
       << c.serverAddress << ":" << c.serverPort << " " << c.finalState << " ("
       << (c.stateSource == "tcp" ? "the TCP's trace" : "as the wire shows it") << ")";
    return os.str();
}

std::string
RunSummary::FormatRunEnd(const RunEndRecord& end,
                         const std::vector<ConnectionRecord>& connections,
                         const std::vector<TransactionRecord>& transactions)
{
    std::ostringstream list;
    size_t open = 0;
    for (const auto& c : connections)
    {
        if (c.openAtEnd && ++open <= OPEN_CONNECTIONS_LISTED)
        {
            list << "    " << DescribeOpenConnection(c) << "\n";
        }
    }
    if (open > OPEN_CONNECTIONS_LISTED)
    {
        list << "    ... and " << open - OPEN_CONNECTIONS_LISTED
             << " more (results.sqlite: connections with open_at_end = 1)\n";
    }
    return "  " + DescribeRunEnd(end, connections, transactions) + (open ? ":\n" : "\n") + list.str();
}

std::string
RunSummary::FormatSettings(const std::vector<SettingRecord>& settings,
                           const std::string& handshakeVersion,
                           const std::string& ns3Version)
{
    std::vector<std::string> sources; // in the order they first appear
    std::map<std::string, std::string> bySource;
    for (const SettingRecord& setting : settings)
    {
        if (setting.source == "default" || setting.source.rfind("profile ", 0) == 0 || setting.name == "out")
        {
            continue; // --out: where this very file is; a profile's values: --profile says them
        }
        std::string& line = bySource[setting.source];
        if (line.empty())
        {
            sources.push_back(setting.source);
        }
        line += (line.empty() ? "" : ", ") + setting.name + "=" + setting.value;
    }
    std::ostringstream os;
    os << "  settings:";
    for (size_t i = 0; i < sources.size(); ++i)
    {
        os << (i ? "; " : " ") << bySource[sources[i]] << " (" << sources[i] << ")";
    }
    os << (sources.empty() ? " all defaults" : "") << "\n";
    os << "  built from: handshake " << handshakeVersion << ", ns-3 " << ns3Version << "\n";
    return os.str();
}

std::string
RunSummary::FormatServers(const std::vector<ServerRecord>& servers)
{
    uint64_t syns = 0;
    uint32_t peakHalfOpen = 0;
    uint32_t peakConnections = 0;
    std::optional<uint64_t> synQueueDrops;
    std::optional<uint64_t> acceptQueueDrops;
    std::optional<uint64_t> cookiesSent;
    std::optional<uint64_t> cookiesValidated;
    auto add = [](std::optional<uint64_t>& sum, const std::optional<uint64_t>& value) {
        if (value)
        {
            sum = sum.value_or(0) + *value;
        }
    };
    for (const auto& server : servers)
    {
        syns += server.synsReceived;
        peakHalfOpen = std::max(peakHalfOpen, server.peakHalfOpen);
        peakConnections = std::max(peakConnections, server.peakConnections);
        add(synQueueDrops, server.synQueueDrops);
        add(acceptQueueDrops, server.acceptQueueDrops);
        add(cookiesSent, server.cookiesSent);
        add(cookiesValidated, server.cookiesValidated);
    }
    std::ostringstream os;
    os << "  servers: SYNs received " << syns;
    auto item = [&os](const char* name, const std::optional<uint64_t>& value) {
        if (value)
        {
            os << ", " << name << " " << *value;
        }
    };
    item("SYN queue full", synQueueDrops);
    item("accept queue full", acceptQueueDrops);
    item("SYN cookies sent", cookiesSent);
    item("SYN cookies validated", cookiesValidated);
    os << "; peak half-open " << peakHalfOpen << ", peak connections " << peakConnections << "\n";
    return os.str();
}

std::string
RunSummary::FormatSynFlood(const SynFloodRecord& flood)
{
    std::ostringstream os;
    os << "  SYN flood at " << flood.target << ": " << flood.rate << " SYN/s from " << std::fixed
       << std::setprecision(3) << flood.start << " s to ";
    if (flood.stop)
    {
        os << *flood.stop << " s";
    }
    else
    {
        os << "the end";
    }
    os << ", " << flood.synsSent << " sent, " << flood.repliesDropped << " replies dropped at the attacker\n";
    return os.str();
}

} // namespace ns3
