/*
 * The sender's scoreboard: every segment sent and not yet cumulatively acknowledged, with its
 * send time, how often it was sent, and whether it was SACKed or is deemed lost (RFC 6675 3,
 * RFC 8985 5.2). Loss detection (RACK-TLP or RFC 6675) marks segments lost; the connection
 * retransmits them first. Pipe() is RFC 6675's estimate of the bytes in the network.
 * Part of the sans-I/O core: no ns-3 dependency.
 */
#ifndef HANDSHAKE_TCP_RETRANSMIT_QUEUE_H
#define HANDSHAKE_TCP_RETRANSMIT_QUEUE_H

#include "tcp-config.h"
#include "tcp-segment.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace ns3
{
namespace handshake
{

struct TcpSentSegment
{
    uint32_t start{0};
    uint32_t end{0}; //!< one past the last sequence number (a FIN counts one)
    TcpTime sentAt{0};
    uint32_t timesSent{1};
    bool sacked{false};
    bool lost{false}; //!< deemed lost and not retransmitted since

    uint32_t Length() const { return end - start; }
};

class TcpRetransmitQueue
{
  public:
    /** What one ACK delivered (newly acknowledged or SACKed). */
    struct Delivery
    {
        uint32_t bytes{0};
        bool any{false};
        TcpTime newestSentAt{0}; //!< the most recently sent segment delivered
        uint32_t newestEnd{0};
        bool newestRetransmitted{false};
        bool reordered{false}; //!< a never-retransmitted segment was delivered below a SACKed one
    };

    /** A new segment [start, end) went out at \p now. */
    void OnSent(uint32_t start, uint32_t end, TcpTime now);
    /** The segment starting at \p start went out again; false if there is none. */
    bool OnRetransmitted(uint32_t start, TcpTime now);
    /** Applies a cumulative ACK and SACK blocks (RFC 2018, D-SACK blocks below \p ack ignored). */
    Delivery OnAck(uint32_t ack, const std::vector<TcpSackBlock>& sack);
    /** RFC 6675 5.1 / RFC 8985 6.3 after an RTO: every segment not SACKed is lost. */
    void MarkAllLost();
    void MarkLost(TcpSentSegment& segment);
    /** The first lost segment, in sequence order; nullptr if none. */
    const TcpSentSegment* FirstLost() const;
    void Clear();

    uint32_t Pipe() const { return m_pipe; }
    uint32_t SackedBytes() const { return m_sackedBytes; }
    uint32_t SackedSegments() const { return m_sackedSegments; }
    uint32_t LostSegments() const { return m_lostSegments; }
    bool Empty() const { return Segments().empty(); }
    /** The segments in flight; an empty shared deque while there are none (never add to it:
     *  OnSent adds). */
    std::deque<TcpSentSegment>& Segments();
    const std::deque<TcpSentSegment>& Segments() const;

  private:
    void Deliver(TcpSentSegment& segment,
                 Delivery& delivery,
                 std::optional<uint32_t> priorHighestSacked);
    void Remove(const TcpSentSegment& segment);

    /** In sequence order. Allocated on the first segment sent and released when everything
     *  sent is acknowledged: an empty std::deque already takes about 600 bytes, a half-open
     *  connection never sends data and an idle or TIME_WAIT one has nothing in flight. */
    std::unique_ptr<std::deque<TcpSentSegment>> m_storage;
    uint32_t m_pipe{0};
    uint32_t m_sackedBytes{0};
    uint32_t m_sackedSegments{0};
    uint32_t m_lostSegments{0};
    uint32_t m_highestSacked{0};
    bool m_anySacked{false};
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_RETRANSMIT_QUEUE_H
