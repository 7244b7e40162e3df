#include "handshake-tcp-l4-protocol.h"

#include "handshake-tcp-socket-factory.h"
#include "handshake-tcp-socket.h"
#include "handshake-tcp-socket-prototype.h"
#include "handshake-tcp-time.h"
#include "tcp-header-check.h"
#include "tcp-segment-decoder.h"
#include "tcp-reset-reply.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/pointer.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HandshakeTcpL4Protocol");
NS_OBJECT_ENSURE_REGISTERED(HandshakeTcpL4Protocol);

using handshake::TcpAddressBytes;
using handshake::TcpFourTuple;
using handshake::TcpSegment;

const uint8_t HandshakeTcpL4Protocol::PROT_NUMBER = 6;

TypeId
HandshakeTcpL4Protocol::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::HandshakeTcpL4Protocol")
            .SetParent<IpL4Protocol>()
            .SetGroupName("Handshake")
            .AddConstructor<HandshakeTcpL4Protocol>()
            .AddAttribute("EphemeralPortMin",
                          "Lowest ephemeral port (RFC 6056 2.1: IANA dynamic range 49152-65535).",
                          UintegerValue(handshake::TcpPortAllocator::DEFAULT_MIN),
                          MakeUintegerAccessor(&HandshakeTcpL4Protocol::m_portMin),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("EphemeralPortMax",
                          "Highest ephemeral port (RFC 6056 2.1).",
                          UintegerValue(handshake::TcpPortAllocator::DEFAULT_MAX),
                          MakeUintegerAccessor(&HandshakeTcpL4Protocol::m_portMax),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("KeyStream",
                          "The random stream of the RFC 6528 ISN and RFC 6056 port keys "
                          "(AssignStreams sets it; fixed RngRun => same keys).",
                          StringValue("ns3::UniformRandomVariable"),
                          MakePointerAccessor(&HandshakeTcpL4Protocol::m_random),
                          MakePointerChecker<UniformRandomVariable>())
            .AddAttribute("MaxConnections",
                          "Connections this node keeps at most, TIME_WAIT included (a connect "
                          "beyond fails with ERROR_AGAIN, a SYN to a listener is dropped; "
                          "'Overflow' trace). SYN cookies sent while full cost nothing.",
                          UintegerValue(1048576),
                          MakeUintegerAccessor(&HandshakeTcpL4Protocol::m_maxConnections),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("MaxTimeWait",
                          "Connections in TIME_WAIT this node keeps at most; a connection that "
                          "would pass it is closed at once instead (as Linux's "
                          "net.ipv4.tcp_max_tw_buckets, 262144 on large hosts; 'Overflow' trace).",
                          UintegerValue(262144),
                          MakeUintegerAccessor(&HandshakeTcpL4Protocol::m_maxTimeWait),
                          MakeUintegerChecker<uint32_t>())
            .AddTraceSource("Overflow",
                            "A resource cap was reached (kind, connection id or 0): "
                            "MaxConnections, MaxTimeWait, a socket's SndBufSize or RcvBufSize.",
                            MakeTraceSourceAccessor(&HandshakeTcpL4Protocol::m_overflowTrace),
                            "ns3::HandshakeTcpL4Protocol::OverflowCallback")
            .AddTraceSource("BadChecksumDrop",
                            "A segment whose TCP checksum failed was dropped.",
                            MakeTraceSourceAccessor(&HandshakeTcpL4Protocol::m_badChecksumTrace),
                            "ns3::HandshakeTcpL4Protocol::PacketHeaderCallback")
            .AddTraceSource("Drop",
                            "A segment was dropped before reaching a connection (reason given).",
                            MakeTraceSourceAccessor(&HandshakeTcpL4Protocol::m_dropTrace),
                            "ns3::HandshakeTcpL4Protocol::DropCallback")
            .AddTraceSource("SynCookie",
                            "A SYN cookie was sent, accepted or rejected (RFC 4987 3.6; see the "
                            "listener's SynCookies attribute).",
                            MakeTraceSourceAccessor(&HandshakeTcpL4Protocol::m_synCookieTrace),
                            "ns3::HandshakeTcpL4Protocol::SynCookieCallback")
            .AddTraceSource("ConnectionCreated",
                            "A connection of this node got its id and 4-tuple, before its first "
                            "segment (id, local and remote InetSocketAddress).",
                            MakeTraceSourceAccessor(&HandshakeTcpL4Protocol::m_createdTrace),
                            "ns3::HandshakeTcpL4Protocol::ConnectionCreatedCallback")
            .AddTraceSource("StateTransition",
                            "A connection of this node changed state (id, old, new).",
                            MakeTraceSourceAccessor(&HandshakeTcpL4Protocol::m_stateTrace),
                            "ns3::HandshakeTcpSocket::StateTransitionCallback")
            .AddTraceSource("Outcome",
                            "A connection of this node ended (id, outcome).",
                            MakeTraceSourceAccessor(&HandshakeTcpL4Protocol::m_outcomeTrace),
                            "ns3::HandshakeTcpSocket::OutcomeCallback")
            .AddTraceSource("Retransmission",
                            "A connection of this node sent a segment again (id, seq).",
                            MakeTraceSourceAccessor(&HandshakeTcpL4Protocol::m_retransmissionTrace),
                            "ns3::HandshakeTcpSocket::ConnectionValueCallback")
            .AddTraceSource("RtoExpired",
                            "A connection's retransmission timer fired (id, backoff count).",
                            MakeTraceSourceAccessor(&HandshakeTcpL4Protocol::m_rtoTrace),
                            "ns3::HandshakeTcpSocket::ConnectionValueCallback");
    return tid;
}

const char*
HandshakeTcpL4Protocol::ToString(DropReason reason)
{
    switch (reason)
    {
    case SYN_QUEUE_FULL:
        return "SYN_QUEUE_FULL";
    case ACCEPT_QUEUE_FULL:
        return "ACCEPT_QUEUE_FULL";
    case NO_ENDPOINT:
        return "NO_ENDPOINT";
    case NOT_ACCEPTED:
        return "NOT_ACCEPTED";
    case LISTEN_IGNORED:
        return "LISTEN_IGNORED";
    case MALFORMED_HEADER:
        return "MALFORMED_HEADER";
    case CONNECTION_LIMIT:
        return "CONNECTION_LIMIT";
    }
    return "?";
}

HandshakeTcpL4Protocol::HandshakeTcpL4Protocol()
{
    NS_LOG_FUNCTION(this);
}

HandshakeTcpL4Protocol::~HandshakeTcpL4Protocol()
{
    NS_LOG_FUNCTION(this);
}

void
HandshakeTcpL4Protocol::SetNode(Ptr<Node> node)
{
    m_node = node;
}

Ptr<Node>
HandshakeTcpL4Protocol::GetNode() const
{
    return m_node;
}

void
HandshakeTcpL4Protocol::NotifyNewAggregate()
{
    NS_LOG_FUNCTION(this);
    // As ns-3's TcpL4Protocol does: once on a node with IPv4, put our socket factory next to it
    // (so TcpSocketFactory users get our sockets) and register with Ipv4 for protocol 6.
    Ptr<Node> node = this->GetObject<Node>();
    Ptr<Ipv4> ipv4 = this->GetObject<Ipv4>();
    if (!m_node && node && ipv4)
    {
        SetNode(node);
        Ptr<HandshakeTcpSocketFactory> factory = CreateObject<HandshakeTcpSocketFactory>();
        factory->SetTcp(this);
        node->AggregateObject(factory);
    }
    if (ipv4 && m_downTarget.IsNull())
    {
        ipv4->Insert(this);
        SetDownTarget(MakeCallback(&Ipv4::Send, ipv4));
    }
    IpL4Protocol::NotifyNewAggregate();
}

void
HandshakeTcpL4Protocol::DoDispose()
{
    NS_LOG_FUNCTION(this);
    // Sockets hold a Ptr to us and we to them: break the cycles.
    m_connections.clear();
    for (auto& entry : m_timeWait)
    {
        Simulator::Cancel(entry.second.timeout);
    }
    m_timeWait.clear();
    m_bound.clear();
    m_node = nullptr;
    m_downTarget.Nullify();
    m_downTarget6.Nullify();
    IpL4Protocol::DoDispose();
}

int
HandshakeTcpL4Protocol::GetProtocolNumber() const
{
    return PROT_NUMBER;
}

Ptr<Socket>
HandshakeTcpL4Protocol::CreateSocket()
{
    NS_LOG_FUNCTION(this);
    Ptr<HandshakeTcpSocket> socket = HandshakeTcpSocketPrototype::Create();
    socket->SetNode(m_node);
    socket->SetTcp(this);
    return socket;
}

int64_t
HandshakeTcpL4Protocol::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

void
HandshakeTcpL4Protocol::EnsureKeys()
{
    if (m_isn)
    {
        return;
    }
    // RFC 6528 3: the secret key should be at least 128 bits; one for ISNs, one for ports.
    auto draw = [this]() {
        handshake::SipHashKey key;
        for (auto& byte : key)
        {
            byte = static_cast<uint8_t>(m_random->GetInteger(0, 255));
        }
        return key;
    };
    m_isn = std::make_unique<handshake::TcpIsnGenerator>(draw());
    m_ports = std::make_unique<handshake::TcpPortAllocator>(draw(), m_portMin, m_portMax);
    m_cookies = std::make_unique<handshake::TcpSynCookie>(draw()); // drawn last: same ISNs, ports
}

const handshake::TcpSynCookie&
HandshakeTcpL4Protocol::SynCookies()
{
    EnsureKeys();
    return *m_cookies;
}

void
HandshakeTcpL4Protocol::NotifySynCookie(Ptr<const Packet> packet,
                                        const HandshakeTcpReceivedHeader& header,
                                        SynCookieEvent event)
{
    NS_LOG_LOGIC("SYN cookie " << ToString(event) << " " << header.Get());
    m_synCookies[event]++;
    if (!m_synCookieTrace.IsEmpty())
    {
        m_synCookieTrace(packet, header.Get(), event);
    }
}

uint64_t
HandshakeTcpL4Protocol::GetSynCookies(SynCookieEvent event) const
{
    return m_synCookies[event];
}

const char*
HandshakeTcpL4Protocol::ToString(SynCookieEvent event)
{
    switch (event)
    {
    case COOKIE_SENT:
        return "COOKIE_SENT";
    case COOKIE_ACCEPTED:
        return "COOKIE_ACCEPTED";
    case COOKIE_REJECTED:
        return "COOKIE_REJECTED";
    }
    return "?";
}

uint32_t
HandshakeTcpL4Protocol::GenerateIsn(const TcpFourTuple& tuple)
{
    EnsureKeys();
    return m_isn->Generate(tuple, handshake::TcpTime(Simulator::Now().GetNanoSeconds()));
}

uint64_t
HandshakeTcpL4Protocol::NextConnectionId()
{
    return m_nextConnectionId++;
}

void
HandshakeTcpL4Protocol::NotifyConnectionCreated(uint64_t id, const TcpFourTuple& tuple)
{
    if (m_createdTrace.IsEmpty())
    {
        return;
    }
    m_createdTrace(id,
                   InetSocketAddress(ToIpv4(tuple.localAddress), tuple.localPort),
                   InetSocketAddress(ToIpv4(tuple.remoteAddress), tuple.remotePort));
}

void
HandshakeTcpL4Protocol::NotifyStateTransition(uint64_t id,
                                              handshake::TcpState from,
                                              handshake::TcpState to)
{
    m_timeWaitCount += to == handshake::TcpState::TIME_WAIT ? 1 : 0;
    m_timeWaitCount -= from == handshake::TcpState::TIME_WAIT ? 1 : 0;
    m_stateTrace(id, from, to);
}

bool
HandshakeTcpL4Protocol::ConnectionLimitReached() const
{
    return m_connections.size() + m_timeWait.size() >= m_maxConnections;
}

void
HandshakeTcpL4Protocol::NotifyOverflow(OverflowKind kind, uint64_t connectionId)
{
    NS_LOG_LOGIC("overflow " << ToString(kind) << " connection " << connectionId);
    m_overflows[kind]++;
    m_overflowTrace(kind, connectionId);
}

const char*
HandshakeTcpL4Protocol::ToString(OverflowKind kind)
{
    switch (kind)
    {
    case CONNECTIONS:
        return "CONNECTIONS";
    case TIME_WAIT:
        return "TIME_WAIT";
    case SEND_BUFFER:
        return "SEND_BUFFER";
    case RECEIVE_BUFFER:
        return "RECEIVE_BUFFER";
    }
    return "?";
}

void
HandshakeTcpL4Protocol::NotifyOutcome(uint64_t id, handshake::TcpOutcome outcome)
{
    m_outcomeTrace(id, outcome);
}

void
HandshakeTcpL4Protocol::NotifyRetransmission(uint64_t id, uint32_t seq)
{
    m_retransmissionTrace(id, seq);
}

void
HandshakeTcpL4Protocol::NotifyRtoExpired(uint64_t id, uint32_t backoff)
{
    m_rtoTrace(id, backoff);
}

// ---- addresses: the one place that knows IPv4 ------------------------------------------------

TcpAddressBytes
HandshakeTcpL4Protocol::ToBytes(Ipv4Address address)
{
    TcpAddressBytes bytes;
    bytes.length = 4;
    address.Serialize(bytes.bytes.data());
    return bytes;
}

Ipv4Address
HandshakeTcpL4Protocol::ToIpv4(const TcpAddressBytes& address)
{
    NS_ASSERT_MSG(address.length == 4, "IPv6 is not supported yet");
    return Ipv4Address::Deserialize(address.bytes.data());
}

std::optional<TcpAddressBytes>
HandshakeTcpL4Protocol::SourceAddressFor(const TcpAddressBytes& destination) const
{
    Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
    if (!ipv4 || !ipv4->GetRoutingProtocol())
    {
        return std::nullopt;
    }
    Ipv4Header header;
    header.SetDestination(ToIpv4(destination));
    header.SetProtocol(PROT_NUMBER);
    Socket::SocketErrno error;
    Ptr<Ipv4Route> route =
        ipv4->GetRoutingProtocol()->RouteOutput(Ptr<Packet>(), header, nullptr, error);
    if (!route)
    {
        return std::nullopt;
    }
    return ToBytes(route->GetSource());
}

void
HandshakeTcpL4Protocol::Send(Ptr<Packet> packet,
                             const HandshakeTcpSentHeader& header,
                             const TcpFourTuple& tuple)
{
    Ipv4Address source = ToIpv4(tuple.localAddress);
    Ipv4Address destination = ToIpv4(tuple.remoteAddress);
    // The header carries its checksum, always computed whatever ChecksumEnabled says: our
    // segments are meant to be real on the wire (shared/DESIGN.md).
    packet->AddHeader(header); // the payload becomes the segment

    Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
    Ptr<Ipv4Route> route;
    if (ipv4->GetRoutingProtocol())
    {
        Ipv4Header ipHeader;
        ipHeader.SetSource(source);
        ipHeader.SetDestination(destination);
        ipHeader.SetProtocol(PROT_NUMBER);
        Socket::SocketErrno error;
        route = ipv4->GetRoutingProtocol()->RouteOutput(packet, ipHeader, nullptr, error);
    }
    m_downTarget(packet, source, destination, PROT_NUMBER, route);
}

void
HandshakeTcpL4Protocol::SendSegment(const TcpSegment& segment, const TcpFourTuple& tuple)
{
    HandshakeTcpSentHeader header(segment, tuple);
    Send(Create<Packet>(segment.payload.data(), static_cast<uint32_t>(segment.payload.size())),
         header,
         tuple);
}

// ---- conversions -------------------------------------------------------------------------------

HandshakeTcpL4Protocol::HeaderCheck
HandshakeTcpL4Protocol::ReadSegment(Ptr<Packet> packet,
                                    Ipv4Address source,
                                    Ipv4Address destination,
                                    TcpSegment& segment,
                                    HandshakeTcpReceivedHeader& header)
{
    // One copy of the segment, decoded and summed by the core (tcp-segment-decoder.h), instead of
    // ns-3's TcpHeader: its Deserialize builds an ns-3 object per option and sums the segment a
    // byte at a time (issue [bench]), and reads past the packet's end, aborts or loops on bytes
    // the core refuses (doc/fuzzing.rst).
    std::vector<uint8_t> wire(packet->GetSize());
    packet->CopyData(wire.data(), static_cast<uint32_t>(wire.size()));
    uint8_t headerBytes[handshake::TcpHeaderCheck::MAX_HEADER_BYTES];
    std::copy_n(wire.begin(), std::min(wire.size(), sizeof headerBytes), headerBytes);
    uint32_t headerLength = 0;
    switch (handshake::TcpSegmentDecoder::Decode(std::move(wire),
                                                 source.Get(),
                                                 destination.Get(),
                                                 segment,
                                                 headerLength))
    {
    case handshake::TcpSegmentDecoder::Verdict::MALFORMED:
        header = HandshakeTcpReceivedHeader();
        return HeaderCheck::MALFORMED;
    case handshake::TcpSegmentDecoder::Verdict::BAD_CHECKSUM:
        // Always verified (see Send): a bad segment never reaches a connection.
        header = HandshakeTcpReceivedHeader::WithBadChecksum(packet, source, destination);
        return HeaderCheck::BAD_CHECKSUM;
    case handshake::TcpSegmentDecoder::Verdict::OK:
        break;
    }
    header = HandshakeTcpReceivedHeader(headerBytes, headerLength);
    // RFC 9293 3.1: the data begins at the data offset (after End of Option List too, where ns-3
    // counts the padding only up to the next 32-bit word).
    packet->RemoveAtStart(headerLength);
    return HeaderCheck::OK;
}

// ---- receive path ------------------------------------------------------------------------------

IpL4Protocol::RxStatus
HandshakeTcpL4Protocol::Receive(Ptr<Packet> packet,
                                const Ipv4Header& ipHeader,
                                Ptr<Ipv4Interface> /* incomingInterface */)
{
    TcpSegment segment;
    HandshakeTcpReceivedHeader header;
    switch (ReadSegment(packet, ipHeader.GetSource(), ipHeader.GetDestination(), segment, header))
    {
    case HeaderCheck::OK:
        break;
    case HeaderCheck::BAD_CHECKSUM:
        NS_LOG_INFO("bad checksum from " << ipHeader.GetSource() << ": dropped");
        ++m_badChecksumDrops;
        m_badChecksumTrace(packet, header.Get());
        return IpL4Protocol::RX_CSUM_FAILED;
    case HeaderCheck::MALFORMED:
        NotifyDrop(packet, header, MALFORMED_HEADER);
        return IpL4Protocol::RX_CSUM_FAILED;
    }

    TcpFourTuple tuple;
    tuple.localAddress = ToBytes(ipHeader.GetDestination());
    tuple.localPort = segment.destinationPort;
    tuple.remoteAddress = ToBytes(ipHeader.GetSource());
    tuple.remotePort = segment.sourcePort;
    NS_LOG_LOGIC(ipHeader.GetSource() << " > " << ipHeader.GetDestination() << " "
                                      << segment.Describe());

    auto connection = m_connections.find(tuple);
    if (connection != m_connections.end())
    {
        Ptr<HandshakeTcpSocket> socket = connection->second; // may leave the map while processing
        socket->ReceiveSegment(segment, packet, header);
        if (socket->GetReferenceCount() == 2) // held by the demux and by `socket` only
        {
            CompactTimeWait(tuple, socket);
        }
        return IpL4Protocol::RX_OK;
    }
    auto timeWait = m_timeWait.find(tuple);
    if (timeWait != m_timeWait.end())
    {
        ReceiveInTimeWait(timeWait, segment);
        return IpL4Protocol::RX_OK;
    }
    if (Ptr<HandshakeTcpSocket> listener = FindListener(tuple.localAddress, tuple.localPort))
    {
        listener->ReceiveOnListener(segment, tuple, packet, header);
        return IpL4Protocol::RX_OK;
    }
    NotifyDrop(packet, header, NO_ENDPOINT);
    SendReset(segment, tuple);
    return IpL4Protocol::RX_ENDPOINT_CLOSED;
}

IpL4Protocol::RxStatus
HandshakeTcpL4Protocol::Receive(Ptr<Packet> /* p */,
                                const Ipv6Header& /* header */,
                                Ptr<Ipv6Interface> /* iface */)
{
    // IPv6 is not supported yet; we never register with Ipv6 (see NotifyNewAggregate).
    return IpL4Protocol::RX_ENDPOINT_UNREACH;
}

void
HandshakeTcpL4Protocol::SendReset(const TcpSegment& incoming, const TcpFourTuple& tuple)
{
    auto rst = handshake::ResetReplyTo(incoming);
    if (!rst)
    {
        return;
    }
    NS_LOG_INFO("no connection or listener for " << incoming.Describe() << ": " << rst->Describe());
    ++m_resetsSent;
    SendSegment(*rst, tuple);
}

void
HandshakeTcpL4Protocol::NotifyDrop(Ptr<const Packet> packet,
                                   const HandshakeTcpReceivedHeader& header,
                                   DropReason why)
{
    NS_LOG_INFO("drop " << ToString(why));
    ++m_drops[why];
    if (!m_dropTrace.IsEmpty())
    {
        m_dropTrace(packet, header.Get(), why);
    }
}

uint64_t
HandshakeTcpL4Protocol::GetDrops(DropReason why) const
{
    return m_drops[why];
}

// ---- host crash --------------------------------------------------------------------------------

uint32_t
HandshakeTcpL4Protocol::Crash()
{
    // Connections first, in the order they were made (not the hash tables' order): a child in a
    // SYN queue then leaves its listener as it would on a RST. Listeners and bound ports after.
    // A connection in TIME_WAIT without its socket is one with no socket here.
    struct Forgotten
    {
        uint64_t id;
        Ptr<HandshakeTcpSocket> socket;
        TcpFourTuple tuple;
    };
    std::vector<Forgotten> connections;
    for (const auto& entry : m_connections)
    {
        connections.push_back({entry.second->GetConnectionId(), entry.second, entry.first});
    }
    for (const auto& entry : m_timeWait)
    {
        connections.push_back({entry.second.connectionId, nullptr, entry.first});
    }
    std::sort(connections.begin(), connections.end(), [](const auto& a, const auto& b) {
        return a.id < b.id;
    });
    std::vector<Ptr<HandshakeTcpSocket>> bound;
    for (const auto& entry : m_bound)
    {
        bound.push_back(entry.second);
    }
    NS_LOG_INFO("crash: forgetting " << connections.size() << " connections and " << bound.size()
                                     << " bound sockets");
    ++m_crashes;
    for (const auto& connection : connections)
    {
        if (connection.socket)
        {
            connection.socket->Forget();
        }
        else if (auto entry = m_timeWait.find(connection.tuple); entry != m_timeWait.end())
        {
            EndTimeWait(entry, handshake::TcpOutcome::LOST);
        }
    }
    for (const auto& socket : bound)
    {
        socket->Forget(); // a no-op for a connected socket already forgotten above
    }
    return static_cast<uint32_t>(connections.size());
}

// ---- TIME_WAIT without a socket ----------------------------------------------------------------

EventId
HandshakeTcpL4Protocol::ScheduleTimeWaitTimeout(const TcpFourTuple& tuple,
                                                uint64_t connectionId,
                                                Time deadline)
{
    return Simulator::Schedule(deadline - Simulator::Now(),
                               &HandshakeTcpL4Protocol::OnTimeWaitTimeout,
                               this,
                               tuple,
                               connectionId);
}

void
HandshakeTcpL4Protocol::CompactTimeWait(const TcpFourTuple& tuple, Ptr<HandshakeTcpSocket>& socket)
{
    EventId timeout;
    std::optional<handshake::TcpTimeWait> state = socket->DetachTimeWait(timeout);
    if (!state)
    {
        return;
    }
    NS_LOG_LOGIC("connection " << socket->GetConnectionId() << ": TIME_WAIT without its socket");
    m_timeWait.emplace(tuple, TimeWaitEntry{*state, socket->GetConnectionId(), timeout});
    m_connections.erase(tuple);
    socket = nullptr; // the last reference: the socket and its connection go
}

void
HandshakeTcpL4Protocol::ReceiveInTimeWait(TimeWaitTable::iterator entry, const TcpSegment& segment)
{
    Time now = Simulator::Now();
    handshake::TcpTimeWait::Reply reply =
        entry->second.state.OnSegment(segment, handshake::TcpTime(now.GetNanoSeconds()));
    if (reply.ack)
    {
        SendSegment(*reply.ack, entry->first);
    }
    if (reply.closed)
    {
        EndTimeWait(entry, handshake::TcpOutcome::CLOSED_NORMALLY);
    }
    // A restart moves the deadline later: the event, due earlier, schedules itself again.
}

void
HandshakeTcpL4Protocol::OnTimeWaitTimeout(TcpFourTuple tuple, uint64_t connectionId)
{
    auto entry = m_timeWait.find(tuple);
    if (entry == m_timeWait.end() || entry->second.connectionId != connectionId)
    {
        // Still the socket's: its connection decides (a stale firing is ignored there).
        auto connection = m_connections.find(tuple);
        if (connection != m_connections.end() &&
            connection->second->GetConnectionId() == connectionId)
        {
            Ptr<HandshakeTcpSocket> socket = connection->second;
            socket->OnTimerFired(handshake::TcpTimerKind::TIME_WAIT);
        }
        return;
    }
    Time due = handshake::ToTime(entry->second.state.Deadline());
    if (due > Simulator::Now())
    {
        entry->second.timeout = ScheduleTimeWaitTimeout(tuple, connectionId, due);
        return;
    }
    entry->second.timeout = EventId();
    EndTimeWait(entry, handshake::TcpOutcome::CLOSED_NORMALLY); // RFC 9293 3.10.8
}

void
HandshakeTcpL4Protocol::EndTimeWait(TimeWaitTable::iterator entry, handshake::TcpOutcome outcome)
{
    uint64_t id = entry->second.connectionId;
    Simulator::Cancel(entry->second.timeout);
    m_timeWait.erase(entry);
    NS_LOG_INFO("connection " << id << " TIME_WAIT -> CLOSED: " << handshake::ToString(outcome));
    NotifyStateTransition(id, handshake::TcpState::TIME_WAIT, handshake::TcpState::CLOSED);
    NotifyOutcome(id, outcome);
}

// ---- demux tables ------------------------------------------------------------------------------

size_t
HandshakeTcpL4Protocol::BoundKeyHash::operator()(const BoundKey& k) const
{
    TcpFourTuple t;
    t.localAddress = k.address;
    t.localPort = k.port;
    return handshake::TcpFourTupleHash()(t);
}

Ptr<HandshakeTcpSocket>
HandshakeTcpL4Protocol::FindListener(const TcpAddressBytes& address, uint16_t port) const
{
    // The exact address first, then the wildcard: two hash lookups.
    for (const TcpAddressBytes& candidate : {address, TcpAddressBytes{{}, address.length}})
    {
        auto it = m_bound.find(BoundKey{candidate, port});
        if (it != m_bound.end() && it->second->IsListening())
        {
            return it->second;
        }
    }
    return nullptr;
}

bool
HandshakeTcpL4Protocol::PortBound(const TcpAddressBytes& address, uint16_t port) const
{
    TcpAddressBytes any{{}, address.length};
    return m_bound.count(BoundKey{any, port}) > 0 || m_bound.count(BoundKey{address, port}) > 0;
}

bool
HandshakeTcpL4Protocol::Bind(const TcpAddressBytes& address,
                             uint16_t port,
                             Ptr<HandshakeTcpSocket> socket)
{
    // A wildcard bind conflicts with any bind of that port; specific ones with the same or the
    // wildcard (no SO_REUSEADDR). Checking every address of the node would be O(addresses):
    // we check the two keys that matter for demux.
    if (PortBound(address, port))
    {
        return false;
    }
    if (address.IsAny())
    {
        for (uint32_t i = 0; m_node && i < m_node->GetObject<Ipv4>()->GetNInterfaces(); ++i)
        {
            Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
            for (uint32_t j = 0; j < ipv4->GetNAddresses(i); ++j)
            {
                if (m_bound.count(BoundKey{ToBytes(ipv4->GetAddress(i, j).GetLocal()), port}))
                {
                    return false;
                }
            }
        }
    }
    m_bound.emplace(BoundKey{address, port}, socket);
    return true;
}

void
HandshakeTcpL4Protocol::Unbind(const TcpAddressBytes& address, uint16_t port)
{
    m_bound.erase(BoundKey{address, port});
}

std::optional<uint16_t>
HandshakeTcpL4Protocol::AllocateEphemeralPort(const TcpAddressBytes& local,
                                              const TcpAddressBytes& remote,
                                              uint16_t remotePort)
{
    EnsureKeys();
    TcpFourTuple tuple;
    tuple.localAddress = local;
    tuple.remoteAddress = remote;
    tuple.remotePort = remotePort;
    return m_ports->Allocate(local, remote, remotePort, [&](uint16_t port) {
        tuple.localPort = port;
        return PortBound(local, port) || HasConnection(tuple);
    });
}

std::optional<uint16_t>
HandshakeTcpL4Protocol::AllocateEphemeralPort(const TcpAddressBytes& local)
{
    return AllocateEphemeralPort(local, TcpAddressBytes{{}, local.length}, 0);
}

bool
HandshakeTcpL4Protocol::AddConnection(const TcpFourTuple& tuple, Ptr<HandshakeTcpSocket> socket)
{
    return m_timeWait.count(tuple) == 0 && m_connections.emplace(tuple, socket).second;
}

void
HandshakeTcpL4Protocol::RemoveConnection(const TcpFourTuple& tuple)
{
    m_connections.erase(tuple);
}

bool
HandshakeTcpL4Protocol::HasConnection(const TcpFourTuple& tuple) const
{
    return m_connections.count(tuple) > 0 || m_timeWait.count(tuple) > 0;
}

void
HandshakeTcpL4Protocol::SetDownTarget(DownTargetCallback callback)
{
    m_downTarget = callback;
}

void
HandshakeTcpL4Protocol::SetDownTarget6(DownTargetCallback6 callback)
{
    m_downTarget6 = callback;
}

IpL4Protocol::DownTargetCallback
HandshakeTcpL4Protocol::GetDownTarget() const
{
    return m_downTarget;
}

IpL4Protocol::DownTargetCallback6
HandshakeTcpL4Protocol::GetDownTarget6() const
{
    return m_downTarget6;
}

} // namespace ns3
