/*
 * The interval an ns-3 random variable's draws fall in, read from its type and attributes, so that a
 * flag such as --loss=ns3::UniformRandomVariable[Min=0|Max=5] is rejected before the run instead of
 * each draw being clamped in silence (issue 23).
 */
#ifndef HANDSHAKE_RANDOM_VARIABLE_RANGE_H
#define HANDSHAKE_RANDOM_VARIABLE_RANGE_H

#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"

#include <optional>

namespace ns3
{

class RandomVariableRange
{
  public:
    /** Closed bounds; an unbounded side is +-infinity. */
    double low;
    double high;

    /**
     * The range of \p stream's draws for ns-3's own distributions (constant, uniform, sequential,
     * triangular, exponential, Pareto, Weibull, normal, log-normal, gamma, Erlang, Zipf, zeta), with
     * their Bound attributes; nullopt for a type whose range cannot be told from its attributes
     * (deterministic and empirical ones take their values from code, not attributes).
     */
    static std::optional<RandomVariableRange> Of(Ptr<RandomVariableStream> stream);
};

} // namespace ns3

#endif // HANDSHAKE_RANDOM_VARIABLE_RANGE_H
