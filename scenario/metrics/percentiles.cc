#include "percentiles.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

double
Percentiles::NearestRank(const std::vector<double>& sorted, double q)
{
    size_t rank = static_cast<size_t>(std::ceil(q * sorted.size()));
    return sorted[std::min(sorted.size(), std::max<size_t>(rank, 1)) - 1];
}

std::optional<Percentiles>
Percentiles::Of(std::vector<double> values)
{
    if (values.empty())
    {
        return std::nullopt;
    }
    std::sort(values.begin(), values.end());
    return Percentiles{NearestRank(values, 0.5), NearestRank(values, 0.9), NearestRank(values, 0.99),
                       values.size()};
}

} // namespace ns3
