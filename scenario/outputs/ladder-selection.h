/*
 * Which connections report.html draws as ladder diagrams (--ladder): a list of selectors, each
 * naming why a connection is drawn, so that the trouble of a run is drawn and not only its first
 * connections. Only connections with recorded segments (the capture's sampled clients) can be
 * drawn; `scripts/report ladder --conn=ID` draws any of them afterwards.
 */
#ifndef HANDSHAKE_LADDER_SELECTION_H
#define HANDSHAKE_LADDER_SELECTION_H

#include "ns3/run-records.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

class LadderSelection
{
  public:
    /** --ladder's default: the first two, the slowest, the most retransmitted, a reset and a
     *  timed-out one, and one of each other outcome. */
    static constexpr const char* DEFAULT = "first:2,slowest,retransmitted,reset,timeout,outcomes";
    /** At most this many ladders are drawn, whatever the selectors ask. */
    static constexpr size_t MAX_LADDERS = 16;
    /** What --ladder accepts, for its help and its errors. */
    static constexpr const char* SYNTAX =
        "a comma-separated list of first[:N], slowest[:N], retransmitted[:N], reset[:N], timeout[:N], "
        "outcomes, conn:ID, or none";

    /** A connection to draw, and why (e.g. "slowest, reset"). */
    struct Choice
    {
        uint64_t id{0};
        std::string reason;
    };

    LadderSelection();
    /** Parses \p text ("first:2,conn:17"); "" on success, else what is wrong. */
    std::string Parse(const std::string& text);

    /**
     * The connections to draw, in the selectors' order, each once (its reasons joined). A conn:ID
     * is listed even without segments (the report says so); the others choose among connections
     * with segments.
     */
    std::vector<Choice> Choose(const std::vector<ConnectionRecord>& connections,
                               const std::vector<SegmentRecord>& segments) const;

  private:
    struct Selector
    {
        std::string kind; //!< first, slowest, retransmitted, reset, timeout, outcomes, conn
        uint64_t number;  //!< N, or the connection's id for conn
    };

    std::vector<Selector> m_selectors;
};

} // namespace ns3

#endif // HANDSHAKE_LADDER_SELECTION_H
