/*
 * The connection timeline of two hosts, drawn the way shared/seeds/ tell it: one row per event, in
 * time order: a side sends a segment (or sends it again), the other side receives it, the link drops
 * it, or a side changes state without a segment (the listener opens, TIME_WAIT's 2 MSL expire).
 * Each row has the segment's flags, seq/ack (absolute and relative to each side's ISN) and payload
 * length, and both sides' TCP states at that moment, the acting side's with the changes the event
 * made. States come from handshake's TCP (HandshakeTcpL4Protocol's "StateTransition" trace),
 * segments from IPv4's send/deliver traces. DNS messages over UDP port 53 (a lookup before the
 * handshake, doc/dns.rst) are rows too: "DNS query" or "DNS resp", the message's ID in the seq
 * column, the question or the answer as the payload.
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
    /** What happened in a row. */
    enum class Event
    {
        SEND,    //!< the acting side sent the segment
        RESEND,  //!< the acting side sent the segment again (same numbers, flags and length)
        RECEIVE, //!< the acting side received the segment
        DROP,    //!< the link dropped the segment (MarkLost); nobody acts
        STATE    //!< the acting side changed state without a segment (listen, a timer)
    };

    struct Row
    {
        Time time;
        Event event{Event::SEND};
        bool clientActs{false}; //!< the acting side (DROP: the segment's sender)
        bool fromClient{false}; //!< the segment's direction (STATE: as clientActs)
        std::string flags;    //!< "SYN", "SYN,ACK", "FIN,ACK", ...; empty for STATE
        uint32_t seq{0};
        uint32_t ack{0};
        uint32_t relativeSeq{0}; //!< seq - sender's ISN
        uint32_t relativeAck{0}; //!< ack - receiver's ISN (0 when the ACK flag is off)
        uint32_t length{0};
        std::string payload;  //!< first line of the payload, e.g. "GET /bytes/1000 HTTP/1.1"
        bool neverArrives{false}; //!< SEND/RESEND of a segment that did not arrive by the end
        bool dns{false};      //!< a DNS message (flags "DNS query" or "DNS resp", seq its ID)
        std::string lostBy;   //!< DROP: what dropped it (MarkLost), e.g. "c2s:syn"
        /** Each side's state at the row: the acting side's state before the event, then each state
         *  it entered in it (shown once per event); the other side's current state. */
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
    /** The rows, after the run, in the order the events happened. */
    std::vector<Row> Rows() const;
    /** The table as text, one line per row (a drop marked LOST), then each side's final state. */
    std::string Format() const;

  private:
    enum Side
    {
        CLIENT,
        SERVER
    };

    struct Segment
    {
        Row row;                     //!< the segment's fields
        Side sender{CLIENT};
        Time sentAt;
        uint64_t sentIn{0};          //!< simulator event of the send
        bool resent{false};          //!< an earlier segment of the sender had the same numbers
        Time arrivedAt;
        uint64_t arrivedIn{0};       //!< simulator event of the arrival
        bool delivered{false};
        bool dropped{false};         //!< MarkLost
        Time droppedAt;
        uint64_t droppedIn{0};
    };

    void OnState(Side side, uint64_t id, handshake::TcpState to);
    void OnSend(Side side, const Ipv4Header& header, Ptr<const Packet> packet);
    void OnDeliver(Side side, const Ipv4Header& header, Ptr<const Packet> packet);
    /** A DNS message over UDP port 53 sent by \p side; false when \p packet is not one. */
    bool OnDnsSend(Side side, Ptr<const Packet> packet);
    void OnDnsDeliver(Side side, Ptr<const Packet> packet);
    /** The side's state after every change made in simulator events before \p event. */
    handshake::TcpState StateBefore(Side side, uint64_t event) const;
    /** The side's state after every change made in simulator events up to \p event. */
    handshake::TcpState StateAfter(Side side, uint64_t event) const;
    /** \p first, then every state \p side entered during \p event. */
    std::vector<handshake::TcpState> Path(Side side, handshake::TcpState first, uint64_t event) const;

    std::array<std::vector<std::pair<uint64_t, handshake::TcpState>>, 2> m_states; //!< (event, new)
    std::array<std::vector<Time>, 2> m_stateTimes; //!< when each of m_states happened
    std::array<uint32_t, 2> m_isn{0, 0};
    std::array<bool, 2> m_isnKnown{false, false};
    std::vector<Segment> m_segments;
};

} // namespace ns3

#endif // HANDSHAKE_LIFECYCLE_TIMELINE_H
