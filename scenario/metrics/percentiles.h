/*
 * Percentiles of a run's times, computed here and only here: summary.txt's table (RunSummary), the
 * report's histograms (SvgHistogram) and the per-run metrics all take theirs from this. Nearest-rank
 * (no interpolation), so every percentile is a value that occurred: p50 of {1, 2} is 1.
 */
#ifndef HANDSHAKE_PERCENTILES_H
#define HANDSHAKE_PERCENTILES_H

#include <cstddef>
#include <optional>
#include <vector>

namespace ns3
{

struct Percentiles
{
    double p50{0};
    double p90{0};
    double p99{0};
    size_t count{0};

    /** p50/p90/p99 of \p values (any order); nullopt when there are none. */
    static std::optional<Percentiles> Of(std::vector<double> values);

    /** The value of rank ceil(q * n), at least 1, in \p sorted (ascending, not empty); 0 < q <= 1. */
    static double NearestRank(const std::vector<double>& sorted, double q);
};

} // namespace ns3

#endif // HANDSHAKE_PERCENTILES_H
