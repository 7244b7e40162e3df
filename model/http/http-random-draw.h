/*
 * A draw of a random variable that must be a size or a time, i.e. finite and >= 0 (an HTTP body's
 * bytes, a think time, a server delay). A draw outside that is an error, never a silent clamp to 0
 * (issue 20): the run stops with a message naming the attribute, the value drawn and the fix.
 * handshake-sim checks its distributions' support before the run (DistributionFlag), so there it
 * cannot happen; a program of one's own that sets, e.g., a Normal ResponseSize learns it here.
 */
#ifndef HANDSHAKE_HTTP_RANDOM_DRAW_H
#define HANDSHAKE_HTTP_RANDOM_DRAW_H

#include "ns3/random-variable-stream.h"

#include <string>

namespace ns3
{

class HttpRandomDraw
{
  public:
    /** The next value of \p variable; aborts naming \p attribute when it is negative or not finite. */
    static double NonNegative(Ptr<RandomVariableStream> variable, const std::string& attribute);
    /** The message for a draw of \p value from \p attribute (empty when it is valid). */
    static std::string Problem(double value, const std::string& attribute);
};

} // namespace ns3

#endif // HANDSHAKE_HTTP_RANDOM_DRAW_H
