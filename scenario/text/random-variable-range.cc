#include "random-variable-range.h"

#include "ns3/string.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <string>

namespace ns3
{

namespace
{

constexpr double INF = std::numeric_limits<double>::infinity();

/** A numeric attribute, whatever its value type (read as text, as ns-3 allows for any attribute). */
double
Get(Ptr<RandomVariableStream> stream, const std::string& name)
{
    StringValue value;
    stream->GetAttribute(name, value);
    return std::strtod(value.Get().c_str(), nullptr);
}

/** ns-3's optional upper Bound: 0 means none. */
double
UpperBound(Ptr<RandomVariableStream> stream)
{
    double bound = Get(stream, "Bound");
    return bound > 0 ? bound : INF;
}

} // namespace

std::optional<RandomVariableRange>
RandomVariableRange::Of(Ptr<RandomVariableStream> stream)
{
    const std::string type = stream->GetInstanceTypeId().GetName();
    if (type == "ns3::ConstantRandomVariable")
    {
        double c = Get(stream, "Constant");
        return RandomVariableRange{c, c};
    }
    if (type == "ns3::TriangularRandomVariable")
    {
        // ns-3 derives the mode from the mean: mode = 3 Mean - Min - Max, and a mode outside
        // [Min, Max] draws outside it too (Min=1, Mean=2, Max=10 drew -1.6).
        double a = Get(stream, "Min");
        double b = Get(stream, "Max");
        double mode = 3 * Get(stream, "Mean") - a - b;
        return RandomVariableRange{std::min({a, b, mode}), std::max({a, b, mode})};
    }
    if (type == "ns3::UniformRandomVariable" || type == "ns3::SequentialRandomVariable")
    {
        double a = Get(stream, "Min");
        double b = Get(stream, "Max");
        return RandomVariableRange{std::min(a, b), std::max(a, b)};
    }
    if (type == "ns3::ExponentialRandomVariable" || type == "ns3::WeibullRandomVariable")
    {
        return RandomVariableRange{0, UpperBound(stream)};
    }
    if (type == "ns3::ParetoRandomVariable")
    {
        return RandomVariableRange{Get(stream, "Scale"), UpperBound(stream)};
    }
    if (type == "ns3::NormalRandomVariable")
    {
        // Draws farther than Bound from the mean are drawn again (default 1e307: none).
        double mean = Get(stream, "Mean");
        double bound = Get(stream, "Bound");
        return bound >= 1e300 ? RandomVariableRange{-INF, INF}
                              : RandomVariableRange{mean - bound, mean + bound};
    }
    if (type == "ns3::LogNormalRandomVariable" || type == "ns3::GammaRandomVariable" ||
        type == "ns3::ErlangRandomVariable")
    {
        return RandomVariableRange{0, INF};
    }
    if (type == "ns3::ZipfRandomVariable")
    {
        return RandomVariableRange{1, std::max(1.0, Get(stream, "N"))};
    }
    if (type == "ns3::ZetaRandomVariable")
    {
        return RandomVariableRange{1, INF};
    }
    return std::nullopt;
}

} // namespace ns3
