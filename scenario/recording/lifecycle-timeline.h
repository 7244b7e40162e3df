/*
 * The connection timeline of two hosts, drawn the way shared/seeds/ draw it: for each segment, its
 * time, direction, flags, seq/ack (absolute and relative to each side's ISN), payload length, and
 * the TCP state of each side before and after it. States come from handshake's TCP
 * (HandshakeTcpL4Protocol's "StateTransition" trace), segments from IPv4's send/deliver traces.
 */
#ifndef HANDSHAKE_LIFECYCLE_TIMELINE_H
#define HANDSHAKE_LIFECYCLE_TIMELINE_H

#include "ns3/ipv4-header.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-state.h"

#include <array>
#include <string>
#include <vector>

namespace ns3
{

class LifecycleTimeline
{
  public:
    struct Row
    {
        Time time;            //!< when the segment arrived (rows are in order of arrival)
        bool fromClient;
        std::string flags;    //!< "SYN", "SYN,ACK", "FIN,ACK", ...
        uint32_t seq;
        uint32_t ack;
        uint32_t relativeSeq; //!< seq - sender's ISN
        uint32_t relativeAck; //!< ack - receiver's ISN (0 when the ACK flag is off)
        uint32_t length;
        std::string payload;  //!< first line of the payload, e.g. "GET /bytes/1000 HTTP/1.1"
        bool lost{false};     //!< never arrived; time is when it was dropped (MarkLost), else when sent
        std::string lostBy;   //!< what dropped it (MarkLost), e.g. "c2s:syn"; empty if not known
        /** The client's state before the segment, then each state it entered (none: no change);
         *  empty for the receiver of a lost segment. */
        std::vector<handshake::TcpState> clientStates;
        std::vector<handshake::TcpState> serverStates;
    };

    /** Follows the one TCP connection between \p client and \p server (both running our TCP). */
    void Attach(Ptr<Node> client, Ptr<Node> server);
    /**
     * Marks lost the oldest segment not yet arrived that the client (\p fromClient) or the server
     * sent with \p header's numbers and flags, and names what dropped it, e.g. a --drop rule
     * (TcpSegmentRuleErrorModel's Drop trace). Call when it is dropped.
     */
    void MarkLost(bool fromClient, const TcpHeader& header, const std::string& by);
    /**
     * The rows, after the run, in order of arrival; a segment that never arrived is a row marked
     * lost, at the time MarkLost was called for it (where the link dropped it) or else its send time.
     * States are compared per simulator event: a segment's receiver goes from its state before the
     * arrival's event to its state after it (so a reply sent in that event shows no change of its
     * own), and a sender from its state before the send's event to its state after it.
     */
    std::vector<Row> Rows() const;
    /** The table as text, one line per segment (a lost one marked LOST), then each side's final state. */
    std::string Format() const;

  private:
    enum Side
    {
        CLIENT,
        SERVER
    };

    struct Segment
    {
        Row row;
        Side sender;
        uint64_t sentIn;             //!< simulator event of the send
        uint64_t deliveredIn{0};     //!< simulator event of the arrival
        bool delivered{false};
    };

    void OnState(Side side, uint64_t id, handshake::TcpState to);
    void OnSend(Side side, const Ipv4Header& header, Ptr<const Packet> packet);
    void OnDeliver(Side side, const Ipv4Header& header, Ptr<const Packet> packet);
    /** The side's state after every change made in simulator events before \p event. */
    handshake::TcpState StateBefore(Side side, uint64_t event) const;
    /** The side's state after every change made in simulator events up to \p event. */
    handshake::TcpState StateAfter(Side side, uint64_t event) const;
    /** \p first, then every state \p side entered during \p event. */
    std::vector<handshake::TcpState> Path(Side side, handshake::TcpState first, uint64_t event) const;
    /** True when \p side received a segment, or sent one before \p index, in \p event. */
    bool EarlierSegmentInEvent(Side side, uint64_t event, size_t index) const;

    std::array<std::vector<std::pair<uint64_t, handshake::TcpState>>, 2> m_states; //!< (event, new)
    std::array<uint32_t, 2> m_isn{0, 0};
    std::array<bool, 2> m_isnKnown{false, false};
    std::vector<Segment> m_segments;
};

} // namespace ns3

#endif // HANDSHAKE_LIFECYCLE_TIMELINE_H
