/*
 * The times between two steps of a run's records (SYN sent -> established, request sent -> first
 * byte, ...): what summary.txt's table, report.html's histograms and the metrics are computed from.
 */
#ifndef HANDSHAKE_RECORD_DURATIONS_H
#define HANDSHAKE_RECORD_DURATIONS_H

#include "ns3/run-records.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace ns3
{

/** (to - from) in milliseconds over the \p records where both times exist, in the records' order. */
template <typename Record>
std::vector<double>
RecordDurationsMs(const std::vector<Record>& records, RecordTime Record::*from, RecordTime Record::*to)
{
    std::vector<double> values;
    for (const auto& record : records)
    {
        if (record.*from && record.*to)
        {
            values.push_back((*(record.*to) - *(record.*from)) * 1000.0);
        }
    }
    return values;
}

/** Whether any request of the run looked its host name up (--dns=on). */
inline bool
AnyDnsLookup(const std::vector<TransactionRecord>& transactions)
{
    return std::any_of(transactions.begin(), transactions.end(),
                       [](const TransactionRecord& t) { return t.dnsStart.has_value(); });
}

/** DNS lookup times in ms, query sent -> answer (or failure), of the requests whose lookup sent a
 *  query: the resolver's cache hits (no packet, no time) are left out. */
inline std::vector<double>
DnsLookupsMs(const std::vector<TransactionRecord>& transactions)
{
    std::vector<double> values;
    for (const auto& t : transactions)
    {
        if (t.dnsStart && t.dnsEnd && !t.dnsCached)
        {
            values.push_back((*t.dnsEnd - *t.dnsStart) * 1000.0);
        }
    }
    return values;
}

/**
 * When one side of a connection was done with the close exchange: it entered TIME_WAIT (\p timeWait),
 * or else it reached CLOSED (\p closed: LAST_ACK's FIN acknowledged). Empty when neither is known.
 */
inline RecordTime
CloseExchangeDone(const RecordTime& timeWait, const RecordTime& closed)
{
    return timeWait ? timeWait : closed;
}

/**
 * The teardown of \p c in ms (doc/metrics.rst): from the first FIN either side sent (its host's send
 * time) to when both sides were done with the close exchange (CloseExchangeDone), so TIME_WAIT is not
 * in it, whichever side closed first and whatever the mode. Empty unless the connection closed
 * normally and each of these times is known.
 */
inline std::optional<double>
TeardownMs(const ConnectionRecord& c)
{
    RecordTime first = c.finSent;
    if (c.serverFinSent && (!first || *c.serverFinSent < *first))
    {
        first = c.serverFinSent;
    }
    RecordTime client = CloseExchangeDone(c.timeWaitEntered, c.closed);
    RecordTime server = CloseExchangeDone(c.serverTimeWaitEntered, c.serverClosed);
    if (c.outcome != "closed" || !first || !client || !server)
    {
        return std::nullopt;
    }
    return (std::max(*client, *server) - *first) * 1000.0;
}

/** TeardownMs over the \p connections that have one, in their order. */
inline std::vector<double>
TeardownsMs(const std::vector<ConnectionRecord>& connections)
{
    std::vector<double> values;
    for (const auto& c : connections)
    {
        if (auto teardown = TeardownMs(c))
        {
            values.push_back(*teardown);
        }
    }
    return values;
}

} // namespace ns3

#endif // HANDSHAKE_RECORD_DURATIONS_H
