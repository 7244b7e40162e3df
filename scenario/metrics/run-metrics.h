/*
 * The metrics of one run, defined and computed here only: results.sqlite's `metrics` table (one row
 * per metric, with its unit and description), which scripts/sweep reads into its campaign database
 * and its tables and plots. Durations are in milliseconds over the records where both times exist,
 * rounded to the nanosecond (6 decimals, as round(x, 6) in Python: the same pairs of times as
 * summary.txt, without the float noise of a difference); percentiles are Percentiles' nearest rank.
 */
#ifndef HANDSHAKE_RUN_METRICS_H
#define HANDSHAKE_RUN_METRICS_H

#include "ns3/run-records.h"

#include <optional>
#include <vector>

namespace ns3
{

class RunMetrics
{
  public:
    /** The records a run's metrics are computed from. */
    struct Input
    {
        const std::vector<ConnectionRecord>& connections;
        const std::vector<TransactionRecord>& transactions;
        const std::vector<ServerRecord>& servers;
        double simulatedSeconds;
    };

    /** The run's own metrics in order: counts, durations (mean, p50, p90), retransmissions, time,
     *  servers. Components append theirs (ScenarioComponent::AddMetrics). */
    static std::vector<MetricRecord> Compute(const Input& input);
    /** flood_syns_sent: the spoofed SYNs of --syn-flood (SynFloodComponent); empty without one. */
    static MetricRecord SynFloodMetric(const std::optional<SynFloodRecord>& flood);

    /** \p value rounded to 6 decimals, correctly (its exact decimal expansion, ties to even). */
    static double RoundToMicro(double value);
};

} // namespace ns3

#endif // HANDSHAKE_RUN_METRICS_H
