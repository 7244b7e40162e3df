/*
 * A command-line value that is either a plain number or an ns-3 random-variable string, as the
 * handshake-sim flags --delay, --loss and --size accept (shared/DESIGN.md): "20" or
 * "ns3::UniformRandomVariable[Min=5|Max=100]".
 */
#ifndef HANDSHAKE_DISTRIBUTION_FLAG_H
#define HANDSHAKE_DISTRIBUTION_FLAG_H

#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"

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
     * \param minValue values or distribution bounds below this are rejected when known.
     * \param maxValue values above this are rejected when known (constants only; distributions are
     *        clamped by the caller if needed).
     */
    static Parsed Parse(const std::string& text,
                        double minValue = -1e300,
                        double maxValue = 1e300);

    /** Parses a plain decimal number; nullopt when the whole text is not one. */
    static std::optional<double> ParseNumber(const std::string& text);
};

} // namespace ns3

#endif // HANDSHAKE_DISTRIBUTION_FLAG_H
