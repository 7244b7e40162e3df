/*
 * A command-line value that is either a plain number or an ns-3 random-variable string, as the
 * handshake-sim flags --delay, --loss and --size accept (shared/DESIGN.md): "20" or
 * "ns3::UniformRandomVariable[Min=5|Max=100]".
 */
#ifndef HANDSHAKE_DISTRIBUTION_FLAG_H
#define HANDSHAKE_DISTRIBUTION_FLAG_H

#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"

#include <cmath>
#include <optional>
#include <string>

namespace ns3
{

/**
 * Parses a flag value into a random-variable stream without ever aborting the program: bad input
 * (unknown type, unknown attribute, bad attribute value, trailing junk) is reported as an error text
 * that names the problem, so the caller can print "--flag: <error>" and exit 2.
 */
class DistributionFlag
{
  public:
    /** Parse result: a stream on success, otherwise an error message. */
    struct Parsed
    {
        Ptr<RandomVariableStream> stream;
        std::string error;
    };

    /**
     * \param text "12.5" (a ConstantRandomVariable) or "ns3::SomeRandomVariable[Attr=value|...]".
     * \param minValue a value, or a distribution that can draw a value (RandomVariableRange), below
     *        this is rejected.
     * \param maxValue likewise above this; except that with \p tailAboveMax a distribution
     *        unbounded above (exponential, say) passes: \p maxValue is then a sanity bound for
     *        plain numbers and for distributions bounded above, not the parameter's domain.
     * A type whose range cannot be told (RandomVariableRange::Of) is rejected (issue 23: draws
     * outside a parameter's range are an error, not a silent clamp).
     */
    static Parsed Parse(const std::string& text,
                        double minValue = -HUGE_VAL,
                        double maxValue = HUGE_VAL,
                        bool tailAboveMax = true);

    /** Parses a plain decimal number; nullopt when the whole text is not one. */
    static std::optional<double> ParseNumber(const std::string& text);
};

} // namespace ns3

#endif // HANDSHAKE_DISTRIBUTION_FLAG_H
