/*
 * The times between two steps of a run's records (SYN sent -> established, request sent -> first
 * byte, ...): what summary.txt's table, report.html's histograms and the metrics are computed from.
 */
#ifndef HANDSHAKE_RECORD_DURATIONS_H
#define HANDSHAKE_RECORD_DURATIONS_H

#include "ns3/run-records.h"

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

} // namespace ns3

#endif // HANDSHAKE_RECORD_DURATIONS_H
