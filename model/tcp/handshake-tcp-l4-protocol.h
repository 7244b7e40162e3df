/*
 * handshake's TCP as an ns-3 L4 protocol (IP protocol 6): the glue between Ipv4 and our sockets.
 *
 * - Demux: a hash map on the 4-tuple for connections, and a table of bound sockets keyed by
 *   (local address, port) where the all-zero address is the wildcard; a listener is a bound socket
 *   in LISTEN. Each lookup is O(1): no per-packet scan of all connections.
 * - Segments: the core encodes and decodes them (TcpSegmentEncoder, TcpSegmentDecoder; real
 *   payload bytes, the options we speak), ns-3 sees a TcpHeader (HandshakeTcpSentHeader,
 *   HandshakeTcpReceivedHeader). The pseudo-header checksum is always computed on send and always
 *   verified on receive; a bad segment is dropped, counted and traced.
 * - A segment that matches neither a connection nor a listener gets the RST the core's
 *   ResetReplyTo gives (RFC 9293 3.10.7.1); one to a listener goes to the core's TcpListener.
 * - Keys: the RFC 6528 ISN key and the RFC 6056 port key are drawn from one random stream,
 *   assignable with AssignStreams, so a fixed RngRun gives the same ISNs and ports.
 *
 * Address handling lives in ToBytes()/ToIpv4() and Send(): IPv6 can follow by adding the
 * Ipv6 variants there.
 */
#ifndef HANDSHAKE_TCP_L4_PROTOCOL_H
#define HANDSHAKE_TCP_L4_PROTOCOL_H

#include "handshake-tcp-received-header.h"
#include "handshake-tcp-sent-header.h"

#include "tcp-four-tuple.h"
#include "tcp-isn-generator.h"
#include "tcp-port-allocator.h"
#include "tcp-actions.h"
#include "tcp-segment.h"
#include "tcp-syn-cookie.h"
#include "tcp-time-wait.h"

#include "ns3/address.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"
#include "ns3/tcp-header.h"
#include "ns3/traced-callback.h"

#include <memory>
#include <optional>
#include <unordered_map>

namespace ns3
{

class HandshakeTcpSocket;
class Socket;

class HandshakeTcpL4Protocol : public IpL4Protocol
{
  public:
    static TypeId GetTypeId();
    static const uint8_t PROT_NUMBER; //!< 6

    /** Why a segment was dropped without reaching the core ("Drop" trace source). */
    enum DropReason
    {
        SYN_QUEUE_FULL,    //!< a listener's SYN queue was at its limit
        ACCEPT_QUEUE_FULL, //!< a listener's accept queue was at its limit (handshake ACK dropped)
        NO_ENDPOINT,       //!< neither connection nor listener (a RST answered unless it was a RST)
        NOT_ACCEPTED,      //!< the application's accept callback refused the SYN
        LISTEN_IGNORED,    //!< RFC 9293 3.10.7.2: a segment to a listener that is neither SYN nor ACK
        MALFORMED_HEADER,  //!< a header ns-3's TcpHeader cannot parse safely (see ReadSegment)
        CONNECTION_LIMIT,  //!< a SYN or cookie ACK to a listener while MaxConnections are open
    };
    static const char* ToString(DropReason reason);

    /** What became of a SYN cookie (RFC 4987 3.6; "SynCookie" trace source). */
    enum SynCookieEvent
    {
        COOKIE_SENT,     //!< a SYN was answered statelessly, the cookie as our ISN
        COOKIE_ACCEPTED, //!< an ACK returned a valid cookie: the connection was opened
        COOKIE_REJECTED, //!< an ACK to a listener that had sent cookies did not return one (RST)
    };
    static const char* ToString(SynCookieEvent event);

    /** A resource cap that was reached ("Overflow" trace source, GetOverflows). */
    enum OverflowKind
    {
        CONNECTIONS,    //!< MaxConnections: a connect failed (ERROR_AGAIN) or a SYN was dropped
        TIME_WAIT,      //!< MaxTimeWait: a connection entering TIME_WAIT was closed at once
        SEND_BUFFER,    //!< SndBufSize: an application's Send did not fit (ERROR_MSGSIZE)
        RECEIVE_BUFFER, //!< RcvBufSize: text beyond the receive window was dropped
    };
    static const char* ToString(OverflowKind kind);

    typedef void (*PacketHeaderCallback)(Ptr<const Packet> packet, const TcpHeader& header);
    typedef void (*DropCallback)(Ptr<const Packet> packet, const TcpHeader& header, DropReason why);
    typedef void (*SynCookieCallback)(Ptr<const Packet> packet,
                                      const TcpHeader& header,
                                      SynCookieEvent event);
    typedef void (*OverflowCallback)(OverflowKind kind, uint64_t connectionId);
    typedef void (*ConnectionCreatedCallback)(uint64_t connectionId,
                                              const Address& local,
                                              const Address& remote);

    HandshakeTcpL4Protocol();
    ~HandshakeTcpL4Protocol() override;

    void SetNode(Ptr<Node> node);
    Ptr<Node> GetNode() const;

    /** A new socket of this protocol (what HandshakeTcpSocketFactory hands to applications). */
    Ptr<Socket> CreateSocket();

    /** Fixes the random stream the ISN and port keys come from; returns the number used (1). */
    int64_t AssignStreams(int64_t stream);

    // ---- IpL4Protocol ----------------------------------------------------------------------
    int GetProtocolNumber() const override;
    RxStatus Receive(Ptr<Packet> p, const Ipv4Header& header, Ptr<Ipv4Interface> iface) override;
    RxStatus Receive(Ptr<Packet> p, const Ipv6Header& header, Ptr<Ipv6Interface> iface) override;
    void SetDownTarget(DownTargetCallback cb) override;
    void SetDownTarget6(DownTargetCallback6 cb) override;
    DownTargetCallback GetDownTarget() const override;
    DownTargetCallback6 GetDownTarget6() const override;

    // ---- for HandshakeTcpSocket ------------------------------------------------------------
    /** Reserves (address, port) for a socket; false when taken (EADDRINUSE). */
    bool Bind(const handshake::TcpAddressBytes& address, uint16_t port, Ptr<HandshakeTcpSocket> s);
    void Unbind(const handshake::TcpAddressBytes& address, uint16_t port);
    /** An RFC 6056 ephemeral port for a connection from \p local to \p remote:\p remotePort. */
    std::optional<uint16_t> AllocateEphemeralPort(const handshake::TcpAddressBytes& local,
                                                  const handshake::TcpAddressBytes& remote,
                                                  uint16_t remotePort);
    /** Ephemeral port for a wildcard bind or a listener without a port (no peer known). */
    std::optional<uint16_t> AllocateEphemeralPort(const handshake::TcpAddressBytes& local);
    /** True when MaxConnections connections (any state but CLOSED) exist on this node. */
    bool ConnectionLimitReached() const;
    /** Connections of this node in TIME_WAIT now. */
    uint32_t GetTimeWaitCount() const { return m_timeWaitCount; }
    /** True when one more connection in TIME_WAIT would pass MaxTimeWait. */
    bool TimeWaitLimitReached() const { return m_timeWaitCount > m_maxTimeWait; }
    /** Counts and traces a cap that was reached (0: no connection concerned). */
    void NotifyOverflow(OverflowKind kind, uint64_t connectionId);
    uint64_t GetOverflows(OverflowKind kind) const { return m_overflows[kind]; }
    /** Enters a connection into the 4-tuple demux; false when the tuple is already in use. */
    bool AddConnection(const handshake::TcpFourTuple& tuple, Ptr<HandshakeTcpSocket> socket);
    void RemoveConnection(const handshake::TcpFourTuple& tuple);
    bool HasConnection(const handshake::TcpFourTuple& tuple) const;
    /**
     * The event of a connection's time-wait timeout (HandshakeTcpSocket's TIME_WAIT timer): it
     * comes here, so that it outlives a socket whose TIME_WAIT this node then keeps as a
     * TcpTimeWait. \p deadline is not in the past.
     */
    EventId ScheduleTimeWaitTimeout(const handshake::TcpFourTuple& tuple,
                                    uint64_t connectionId,
                                    Time deadline);
    /** Connections whose TIME_WAIT this node keeps as a small TcpTimeWait, their sockets freed. */
    uint32_t GetCompactTimeWaitCount() const { return static_cast<uint32_t>(m_timeWait.size()); }
    /** RFC 6528 ISN for \p tuple now. */
    uint32_t GenerateIsn(const handshake::TcpFourTuple& tuple);
    /** The node's SYN cookie maker and checker (RFC 4987 3.6; one secret key per node). */
    const handshake::TcpSynCookie& SynCookies();
    /** Counts and traces a SYN cookie event. */
    void NotifySynCookie(Ptr<const Packet> packet,
                         const HandshakeTcpReceivedHeader& header,
                         SynCookieEvent event);
    /** The local address the routing table picks for \p destination; nothing when no route. */
    std::optional<handshake::TcpAddressBytes> SourceAddressFor(
        const handshake::TcpAddressBytes& destination) const;
    /** Sends a segment for \p tuple: \p packet holds its payload, to which \p header is added. */
    void Send(Ptr<Packet> packet, const HandshakeTcpSentHeader& header, const handshake::TcpFourTuple& tuple);
    /** Encodes \p segment (HandshakeTcpSentHeader) and sends it for \p tuple. */
    void SendSegment(const handshake::TcpSegment& segment, const handshake::TcpFourTuple& tuple);
    /** Counts and traces a segment dropped for \p why. */
    void NotifyDrop(Ptr<const Packet> packet, const HandshakeTcpReceivedHeader& header, DropReason why);
    /** A node-wide unique connection id for traces and records. */
    uint64_t NextConnectionId();
    /**
     * Node-wide copies of the sockets' lifecycle traces, so that
     * Config::Connect("/NodeList/ * /$ns3::HandshakeTcpL4Protocol/StateTransition", ...) sees
     * every connection, including those created later.
     */
    void NotifyConnectionCreated(uint64_t id, const handshake::TcpFourTuple& tuple);
    void NotifyStateTransition(uint64_t id, handshake::TcpState from, handshake::TcpState to);
    void NotifyOutcome(uint64_t id, handshake::TcpOutcome outcome);
    void NotifyRetransmission(uint64_t id, uint32_t seq);
    void NotifyRtoExpired(uint64_t id, uint32_t backoff);

    // ---- host crash --------------------------------------------------------------------------
    /**
     * The node crashes (RFC 9293 3.5.1: "a failure or reboot that resulted in loss of memory"):
     * every connection ends at once with outcome LOST (traced as any outcome), every listener and
     * bound port is released, and no segment is sent. Afterwards this node answers segments of
     * those connections, and SYNs to ports nobody listens on again, with a RST (3.10.7.1), so the
     * peers find out as RFC 9293 figures 9 and 10 show. Applications hear of it through their
     * sockets' error callbacks; the node may listen and connect again at once (a reboot).
     * Returns the number of connections forgotten.
     */
    uint32_t Crash();
    /** Calls of Crash so far. */
    uint64_t GetCrashes() const { return m_crashes; }

    // ---- conversions (static: tested without a node) -----------------------------------------
    static handshake::TcpAddressBytes ToBytes(Ipv4Address address);
    static Ipv4Address ToIpv4(const handshake::TcpAddressBytes& address);
    /** What ReadSegment made of a received packet. */
    enum class HeaderCheck
    {
        OK,           //!< decoded; the header was removed from the packet
        BAD_CHECKSUM, //!< the pseudo-header checksum failed; the packet is untouched
        MALFORMED,    //!< not parsed at all (too short, bad data offset or option length)
    };
    /**
     * The receive side's parsing (handshake::TcpSegmentDecoder): verifies the checksum against
     * the IPv4 pseudo-header of \p source -> \p destination, decodes the segment into
     * \p segment, keeps the header's bytes in \p header for the traces and removes them from
     * \p packet, which is left holding the payload. Bytes that ns-3 3.37's TcpHeader::Deserialize
     * would mishandle (read past the packet's end, skip the checksum, abort, loop, misparse an
     * option) are MALFORMED, the packet untouched (doc/fuzzing.rst), so that \p header is always
     * safe to turn into a TcpHeader.
     */
    static HeaderCheck ReadSegment(Ptr<Packet> packet,
                                   Ipv4Address source,
                                   Ipv4Address destination,
                                   handshake::TcpSegment& segment,
                                   HandshakeTcpReceivedHeader& header);

    // ---- counters ----------------------------------------------------------------------------
    uint64_t GetBadChecksumDrops() const { return m_badChecksumDrops; }
    uint64_t GetDrops(DropReason why) const;
    uint64_t GetResetsSent() const { return m_resetsSent; }
    uint64_t GetSynCookies(SynCookieEvent event) const;

  protected:
    void DoDispose() override;
    void NotifyNewAggregate() override;

  private:
    struct BoundKey
    {
        handshake::TcpAddressBytes address;
        uint16_t port;
        bool operator==(const BoundKey& o) const { return port == o.port && address == o.address; }
    };
    struct BoundKeyHash
    {
        size_t operator()(const BoundKey& k) const;
    };

    /** Draws the ISN and port keys from m_random on first use (after AssignStreams). */
    void EnsureKeys();
    Ptr<HandshakeTcpSocket> FindListener(const handshake::TcpAddressBytes& address,
                                         uint16_t port) const;
    bool PortBound(const handshake::TcpAddressBytes& address, uint16_t port) const;
    void SendReset(const handshake::TcpSegment& incoming, const handshake::TcpFourTuple& tuple);

    /** A connection in TIME_WAIT without its socket (issue [bench]; Linux's tcp_timewait_sock). */
    struct TimeWaitEntry
    {
        handshake::TcpTimeWait state;
        uint64_t connectionId;
        EventId timeout; //!< may be due before state.Deadline(): then it is scheduled again
    };
    using TimeWaitTable =
        std::unordered_map<handshake::TcpFourTuple, TimeWaitEntry, handshake::TcpFourTupleHash>;
    /**
     * After a segment: when \p socket's connection is in TIME_WAIT with nothing else pending and
     * nobody but the demux holds the socket (so nobody can read it, close it or watch its own
     * traces), its TIME_WAIT goes on as a TcpTimeWait here and the socket is freed.
     */
    void CompactTimeWait(const handshake::TcpFourTuple& tuple, Ptr<HandshakeTcpSocket>& socket);
    void ReceiveInTimeWait(TimeWaitTable::iterator entry, const handshake::TcpSegment& segment);
    void OnTimeWaitTimeout(handshake::TcpFourTuple tuple, uint64_t connectionId);
    /** TIME_WAIT -> CLOSED with \p outcome, traced as a socket's end is. */
    void EndTimeWait(TimeWaitTable::iterator entry, handshake::TcpOutcome outcome);

    Ptr<Node> m_node;
    DownTargetCallback m_downTarget;
    DownTargetCallback6 m_downTarget6;
    std::unordered_map<handshake::TcpFourTuple,
                       Ptr<HandshakeTcpSocket>,
                       handshake::TcpFourTupleHash>
        m_connections;
    std::unordered_map<BoundKey, Ptr<HandshakeTcpSocket>, BoundKeyHash> m_bound;
    TimeWaitTable m_timeWait;

    Ptr<UniformRandomVariable> m_random;
    std::unique_ptr<handshake::TcpIsnGenerator> m_isn;
    std::unique_ptr<handshake::TcpPortAllocator> m_ports;
    std::unique_ptr<handshake::TcpSynCookie> m_cookies;
    uint16_t m_portMin;
    uint16_t m_portMax;
    uint64_t m_nextConnectionId{1};

    uint64_t m_badChecksumDrops{0};
    uint64_t m_drops[7]{};
    uint32_t m_maxConnections{1048576};
    uint32_t m_maxTimeWait{262144};
    uint32_t m_timeWaitCount{0};
    uint64_t m_overflows[4]{};
    TracedCallback<OverflowKind, uint64_t> m_overflowTrace;
    uint64_t m_resetsSent{0};
    uint64_t m_synCookies[3]{};
    uint64_t m_crashes{0};
    TracedCallback<Ptr<const Packet>, const TcpHeader&> m_badChecksumTrace;
    TracedCallback<Ptr<const Packet>, const TcpHeader&, DropReason> m_dropTrace;
    TracedCallback<Ptr<const Packet>, const TcpHeader&, SynCookieEvent> m_synCookieTrace;
    TracedCallback<uint64_t, const Address&, const Address&> m_createdTrace;
    TracedCallback<uint64_t, handshake::TcpState, handshake::TcpState> m_stateTrace;
    TracedCallback<uint64_t, handshake::TcpOutcome> m_outcomeTrace;
    TracedCallback<uint64_t, uint32_t> m_retransmissionTrace;
    TracedCallback<uint64_t, uint32_t> m_rtoTrace;
};

} // namespace ns3

#endif // HANDSHAKE_TCP_L4_PROTOCOL_H
