#include "connection-recorder.h"

#include "ns3/callback.h"
#include "ns3/handshake-tcp-l4-protocol.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/node-list.h"
#include "ns3/object-vector.h"
#include "ns3/simulator.h"

#include <sstream>

namespace ns3
{

namespace
{

/** a < b in sequence space (RFC 9293 3.4). */
bool
SeqLess(uint32_t a, uint32_t b)
{
    return static_cast<int32_t>(a - b) < 0;
}

/**
 * The records' outcome names (shared/DESIGN.md) for the TCP's own outcomes. \p lastState is the
 * state the connection left for CLOSED.
 */
const char*
OutcomeName(handshake::TcpOutcome outcome, handshake::TcpState lastState)
{
    switch (outcome)
    {
    case handshake::TcpOutcome::CLOSED_NORMALLY:
        return "closed";
    case handshake::TcpOutcome::ABORTED:
        // The application gave up: before any answer (a connect timeout, RFC 9293 3.10.4 deletes
        // the TCB silently) that is a timeout; later the TCP sent a RST (3.10.5).
        return lastState == handshake::TcpState::SYN_SENT ? "timeout" : "reset";
    case handshake::TcpOutcome::RESET:
        return "reset";
    case handshake::TcpOutcome::TIMED_OUT:
        return "timeout";
    case handshake::TcpOutcome::REFUSED:
        return "refused";
    case handshake::TcpOutcome::LOST:
        // The client's own host crashed (HandshakeTcpL4Protocol::Crash): the connection broke
        // without a FIN exchange, which the records' outcomes call a reset.
        return "reset";
    }
    return "unfinished";
}

/** Stock ns-3 TCP's state as ours names it (the same RFC 9293 3.3.2 states). */
handshake::TcpState
StateOf(TcpSocket::TcpStates_t state)
{
    using handshake::TcpState;
    switch (state)
    {
    case TcpSocket::LISTEN:
        return TcpState::LISTEN;
    case TcpSocket::SYN_SENT:
        return TcpState::SYN_SENT;
    case TcpSocket::SYN_RCVD:
        return TcpState::SYN_RCVD;
    case TcpSocket::ESTABLISHED:
        return TcpState::ESTABLISHED;
    case TcpSocket::CLOSE_WAIT:
        return TcpState::CLOSE_WAIT;
    case TcpSocket::LAST_ACK:
        return TcpState::LAST_ACK;
    case TcpSocket::FIN_WAIT_1:
        return TcpState::FIN_WAIT_1;
    case TcpSocket::FIN_WAIT_2:
        return TcpState::FIN_WAIT_2;
    case TcpSocket::CLOSING:
        return TcpState::CLOSING;
    case TcpSocket::TIME_WAIT:
        return TcpState::TIME_WAIT;
    default:
        return TcpState::CLOSED;
    }
}

/** The local port of a stock socket's endpoint; 0 once the TCP has freed it. */
uint16_t
LocalPort(const Ptr<TcpSocketBase>& socket)
{
    Address local;
    socket->GetSockName(local);
    return InetSocketAddress::IsMatchingType(local) ? InetSocketAddress::ConvertFrom(local).GetPort() : 0;
}

uint64_t
TcpKey(uint32_t node, uint64_t id)
{
    return (uint64_t(node) << 40) | id;
}

std::string
AddressText(uint32_t address)
{
    std::ostringstream os;
    os << Ipv4Address(address);
    return os.str();
}

} // namespace

bool
ConnectionRecorder::Key::operator==(const Key& other) const
{
    return client == other.client && server == other.server && clientPort == other.clientPort &&
           serverPort == other.serverPort;
}

size_t
ConnectionRecorder::KeyHash::operator()(const Key& key) const
{
    uint64_t a = (uint64_t(key.client) << 32) | key.server;
    uint64_t b = (uint64_t(key.clientPort) << 16) | key.serverPort;
    return std::hash<uint64_t>()(a * 0x9E3779B97F4A7C15ULL ^ b);
}

void
ConnectionRecorder::Install(const NodeContainer& clients, const std::vector<uint32_t>& sampled)
{
    for (uint32_t index : sampled)
    {
        m_sampledNodes.insert(clients.Get(index)->GetId());
    }
    for (auto it = clients.Begin(); it != clients.End(); ++it)
    {
        uint32_t node = (*it)->GetId();
        Ptr<Ipv4L3Protocol> ipv4 = (*it)->GetObject<Ipv4L3Protocol>();
        if (ipv4->GetNInterfaces() > 1)
        {
            m_clientNodes[ipv4->GetAddress(1, 0).GetLocal().Get()] = node;
        }
        ipv4->TraceConnectWithoutContext(
            "SendOutgoing",
            Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
                [this, node](const Ipv4Header& h, Ptr<const Packet> p, uint32_t i) { Sent(node, h, p, i); }));
        ipv4->TraceConnectWithoutContext(
            "LocalDeliver",
            Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
                [this, node](const Ipv4Header& h, Ptr<const Packet> p, uint32_t i) { Received(node, h, p, i); }));
        if (!m_wireOnly)
        {
            InstallTcpTraces(*it);
        }
    }
}

void
ConnectionRecorder::UseWireOnly()
{
    m_wireOnly = true;
}

void
ConnectionRecorder::InstallServers(const NodeContainer& servers)
{
    for (auto it = servers.Begin(); it != servers.End(); ++it)
    {
        Ptr<Ipv4L3Protocol> ipv4 = (*it)->GetObject<Ipv4L3Protocol>();
        ipv4->TraceConnectWithoutContext(
            "SendOutgoing",
            Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
                [this](const Ipv4Header& h, Ptr<const Packet> p, uint32_t) { ServerSent(h, p); }));
        uint32_t node = (*it)->GetId();
        ipv4->TraceConnectWithoutContext(
            "LocalDeliver",
            Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
                [this, node](const Ipv4Header& h, Ptr<const Packet> p, uint32_t) {
                    ServerReceived(node, h, p);
                }));
        InstallServerTcpTraces(*it);
    }
}

void
ConnectionRecorder::InstallServerTcpTraces(Ptr<Node> node)
{
    Ptr<HandshakeTcpL4Protocol> tcp = node->GetObject<HandshakeTcpL4Protocol>();
    if (!tcp)
    {
        return; // stock TCP: its children are found by their first SYN-ACK (ServerReceived)
    }
    uint32_t id = node->GetId();
    tcp->TraceConnectWithoutContext(
        "ConnectionCreated",
        Callback<void, uint64_t, const Address&, const Address&>(
            [this, id](uint64_t c, const Address& local, const Address& remote) {
                TcpCreated(id, c, local, remote, true);
            }));
    tcp->TraceConnectWithoutContext(
        "StateTransition",
        Callback<void, uint64_t, State, State>(
            [this, id](uint64_t c, State from, State to) { TcpState(id, c, from, to); }));
}

void
ConnectionRecorder::ServerReceived(uint32_t node, const Ipv4Header& header, Ptr<const Packet> packet)
{
    TcpWireHeader tcp;
    if (header.GetProtocol() != 6 || !tcp.Read(packet) ||
        (tcp.GetFlags() & (TcpHeader::SYN | TcpHeader::ACK)) != TcpHeader::SYN)
    {
        return;
    }
    Key key{header.GetSource().Get(), header.GetDestination().Get(), tcp.GetSourcePort(), tcp.GetDestinationPort()};
    auto client = m_clientNodes.find(key.client);
    auto it = m_index.find(key);
    if (client != m_clientNodes.end() &&
        (it == m_index.end() ||
         (m_connections[it->second].serverSideOnly && m_connections[it->second].iss != tcp.GetSequenceNumber())))
    {
        OpenServerSide(key, tcp.GetSequenceNumber(), client->second); // a client on another rank
    }
    if (m_stockServersHooked.count(node))
    {
        return;
    }
    Ptr<TcpL4Protocol> stock = NodeList::GetNode(node)->GetObject<TcpL4Protocol>();
    if (!stock)
    {
        return;
    }
    // Before the TCP sees this first SYN: a listener forks its children after, and each child
    // inherits the listener's "Tx" callbacks (TcpSocketBase's copy keeps its TracedCallbacks).
    m_stockServersHooked.insert(node);
    ObjectVectorValue sockets;
    stock->GetAttribute("SocketList", sockets);
    for (auto it = sockets.Begin(); it != sockets.End(); ++it)
    {
        it->second->TraceConnectWithoutContext(
            "Tx",
            Callback<void, Ptr<const Packet>, const TcpHeader&, Ptr<const TcpSocketBase>>(
                [this](Ptr<const Packet>, const TcpHeader& h, Ptr<const TcpSocketBase> socket) {
                    StockServerSent(h, socket);
                }));
    }
}

void
ConnectionRecorder::StockServerSent(const TcpHeader& header, Ptr<const TcpSocketBase> socket)
{
    if (header.GetFlags() != (TcpHeader::SYN | TcpHeader::ACK))
    {
        return;
    }
    Ptr<TcpSocketBase> child = ConstCast<TcpSocketBase>(socket);
    Address local;
    Address peer;
    if (child->GetSockName(local) != 0 || child->GetPeerName(peer) != 0 ||
        !InetSocketAddress::IsMatchingType(local) || !InetSocketAddress::IsMatchingType(peer))
    {
        return;
    }
    InetSocketAddress l = InetSocketAddress::ConvertFrom(local);
    InetSocketAddress p = InetSocketAddress::ConvertFrom(peer);
    auto it = m_index.find(Key{p.GetIpv4().Get(), l.GetIpv4().Get(), p.GetPort(), l.GetPort()});
    if (it == m_index.end() || m_connections[it->second].serverHooked)
    {
        return; // not a client's connection, or a retransmitted SYN-ACK
    }
    size_t index = it->second;
    child->TraceConnectWithoutContext(
        "State",
        Callback<void, TcpSocket::TcpStates_t, TcpSocket::TcpStates_t>(
            [this, index](TcpSocket::TcpStates_t from, TcpSocket::TcpStates_t to) {
                ApplyServerState(m_connections[index], StateOf(from), StateOf(to));
            }));
    // TcpSocketBase::CompleteFork has just set the child's state, before this first SYN-ACK.
    ApplyServerState(m_connections[index], State::LISTEN, State::SYN_RCVD);
}

void
ConnectionRecorder::ServerSent(const Ipv4Header& header, Ptr<const Packet> packet)
{
    if (header.GetProtocol() != 6)
    {
        return;
    }
    TcpWireHeader tcp;
    if (!tcp.Read(packet))
    {
        return;
    }
    Key key{header.GetDestination().Get(), header.GetSource().Get(), tcp.GetDestinationPort(), tcp.GetSourcePort()};
    auto it = m_index.find(key);
    if (it == m_index.end())
    {
        return; // not a connection a client opened (a SYN flood's SYN-ACK, say)
    }
    Connection& c = m_connections[it->second];
    uint8_t flags = tcp.GetFlags();
    uint32_t seq = tcp.GetSequenceNumber();
    uint32_t length = packet->GetSize() - tcp.GetHeaderLength();
    uint32_t end = seq + length + ((flags & TcpHeader::SYN) ? 1 : 0) + ((flags & TcpHeader::FIN) ? 1 : 0);
    if ((flags & TcpHeader::FIN) && !c.record.serverFinSent)
    {
        c.record.serverFinSent = Simulator::Now().GetSeconds();
    }
    if (c.serverSent && end != seq && !SeqLess(c.serverHighestSent, end))
    {
        c.record.serverRetransmissions++; // all of its sequence space was sent before
    }
    if (!c.serverSent || SeqLess(c.serverHighestSent, end))
    {
        c.serverHighestSent = end;
        c.serverSent = true;
    }
}

void
ConnectionRecorder::InstallTcpTraces(Ptr<Node> node)
{
    Ptr<HandshakeTcpL4Protocol> tcp = node->GetObject<HandshakeTcpL4Protocol>();
    if (!tcp)
    {
        // Stock ns-3 TCP: no node-wide trace; each connection's socket is found at its first SYN.
        if (Ptr<TcpL4Protocol> stock = node->GetObject<TcpL4Protocol>())
        {
            m_stockTcp[node->GetId()] = stock;
        }
        return;
    }
    m_tcpTraced = true;
    uint32_t id = node->GetId();
    tcp->TraceConnectWithoutContext(
        "ConnectionCreated",
        Callback<void, uint64_t, const Address&, const Address&>(
            [this, id](uint64_t c, const Address& local, const Address& remote) {
                TcpCreated(id, c, local, remote, false);
            }));
    tcp->TraceConnectWithoutContext(
        "StateTransition",
        Callback<void, uint64_t, State, State>(
            [this, id](uint64_t c, State from, State to) { TcpState(id, c, from, to); }));
    tcp->TraceConnectWithoutContext(
        "Outcome",
        Callback<void, uint64_t, handshake::TcpOutcome>(
            [this, id](uint64_t c, handshake::TcpOutcome outcome) { TcpOutcome(id, c, outcome); }));
}

void
ConnectionRecorder::TcpCreated(uint32_t node,
                               uint64_t id,
                               const Address& local,
                               const Address& remote,
                               bool server)
{
    InetSocketAddress l = InetSocketAddress::ConvertFrom(local);
    InetSocketAddress r = InetSocketAddress::ConvertFrom(remote);
    if (!server)
    {
        // Bound to its record when its first SYN leaves (Open); transitions before are kept.
        Key key{l.GetIpv4().Get(), r.GetIpv4().Get(), l.GetPort(), r.GetPort()};
        m_tcpIds[TcpKey(node, id)] = TcpBinding{key, false, -1, {}};
        m_clientTcpIds[key] = TcpKey(node, id);
        return;
    }
    // A server's connection is created by the client's SYN, which opened the record.
    Key key{r.GetIpv4().Get(), l.GetIpv4().Get(), r.GetPort(), l.GetPort()};
    auto it = m_index.find(key);
    if (it != m_index.end() && !m_connections[it->second].serverHooked)
    {
        m_tcpIds[TcpKey(node, id)] = TcpBinding{key, true, int64_t(it->second), {}};
    }
}

ConnectionRecorder::Connection*
ConnectionRecorder::TcpConnection(uint32_t node, uint64_t id)
{
    auto binding = m_tcpIds.find(TcpKey(node, id));
    // Not bound: a connection the client did not open (it accepted it), or whose SYN never left.
    return binding == m_tcpIds.end() || binding->second.index < 0
               ? nullptr
               : &m_connections[binding->second.index];
}

void
ConnectionRecorder::TcpState(uint32_t node, uint64_t id, State from, State to)
{
    auto binding = m_tcpIds.find(TcpKey(node, id));
    if (binding == m_tcpIds.end())
    {
        return;
    }
    TcpBinding& b = binding->second;
    if (b.index < 0)
    {
        b.early.emplace_back(from, to); // CLOSED -> SYN_SENT before the SYN leaves
        return;
    }
    if (!b.server)
    {
        ApplyTcpState(m_connections[b.index], from, to);
        return;
    }
    ApplyServerState(m_connections[b.index], from, to);
    if (to == State::CLOSED)
    {
        m_tcpIds.erase(binding); // the server's last word on it
    }
}

void
ConnectionRecorder::ApplyTcpState(Connection& c, State from, State to)
{
    c.tcpTraced = true;
    c.tcpLastState = from;
    c.tcpState = to;
    double now = Simulator::Now().GetSeconds();
    if (c.instantTime != now)
    {
        c.instantTime = now;
        c.instantStart = from;
    }
    if (c.lastRow >= 0 && c.lastRowTime == now)
    {
        m_segments[c.lastRow].stateAfter = handshake::ToString(to); // the class comment: "after"
    }
    AddState(c, false, from, to, true);
    if (to == State::ESTABLISHED && !c.record.established)
    {
        c.record.established = now;
    }
    if (to == State::TIME_WAIT && !c.record.timeWaitEntered)
    {
        c.record.timeWaitEntered = now;
    }
    if (to == State::CLOSED && from != State::CLOSED)
    {
        c.record.closed = now; // RFC 9293 3.3.2: after TIME_WAIT's 2 MSL, or LAST_ACK's ACK
        ++m_tcpClosed;
        End(c); // e.g. retries exhausted with nothing on the wire to show it
    }
}

void
ConnectionRecorder::HookStockSocket(size_t index, uint32_t node, uint16_t port)
{
    auto tcp = m_stockTcp.find(node);
    if (tcp == m_stockTcp.end())
    {
        return;
    }
    ObjectVectorValue sockets;
    tcp->second->GetAttribute("SocketList", sockets);
    for (auto it = sockets.Begin(); it != sockets.End(); ++it)
    {
        Ptr<TcpSocketBase> socket = DynamicCast<TcpSocketBase>(it->second);
        if (socket && LocalPort(socket) == port)
        {
            m_connections[index].stockSocket = socket;
            m_connections[index].tcpHooked = true;
            socket->TraceConnectWithoutContext(
                "State",
                Callback<void, TcpSocket::TcpStates_t, TcpSocket::TcpStates_t>(
                    [this, index](TcpSocket::TcpStates_t from, TcpSocket::TcpStates_t to) {
                        ApplyTcpState(m_connections[index], StateOf(from), StateOf(to));
                    }));
            return;
        }
    }
}

void
ConnectionRecorder::ApplyServerState(Connection& c, State from, State to)
{
    c.serverHooked = true;
    c.serverState = to;
    double now = Simulator::Now().GetSeconds();
    if (to == State::TIME_WAIT && !c.record.serverTimeWaitEntered)
    {
        c.record.serverTimeWaitEntered = now;
    }
    if (to == State::CLOSED && from != State::CLOSED && !c.record.serverClosed)
    {
        c.record.serverClosed = now;
    }
    AddState(c, true, from, to, true);
}

void
ConnectionRecorder::AddState(const Connection& c, bool server, State from, State to, bool fromTcp)
{
    if (c.sampled)
    {
        m_states.push_back(StateRecord{c.record.id,
                                       server ? "server" : "client",
                                       Simulator::Now().GetSeconds(),
                                       handshake::ToString(from),
                                       handshake::ToString(to),
                                       fromTcp ? "tcp" : "wire"});
    }
}

void
ConnectionRecorder::Settle()
{
    for (auto& c : m_connections)
    {
        if (!c.ended && c.stockSocket && LocalPort(c.stockSocket) == 0)
        {
            // TcpSocketBase::DeallocateEndPoint without CloseAndNotify: its retries ran out
            // (RFC 9293 3.8.3's R2 reached: the connection is closed).
            c.tcpTraced = true;
            c.tcpLastState = c.tcpState;
            c.tcpState = State::CLOSED;
            c.record.outcome = "timeout";
            End(c);
        }
    }
}

void
ConnectionRecorder::End(Connection& c)
{
    if (!c.ended)
    {
        c.ended = true;
        ++m_ended;
    }
    c.stockSocket = nullptr;
}

void
ConnectionRecorder::TcpOutcome(uint32_t node, uint64_t id, handshake::TcpOutcome outcome)
{
    Connection* c = TcpConnection(node, id);
    if (c)
    {
        c->tcpOutcome = OutcomeName(outcome, c->tcpLastState);
    }
    auto binding = m_tcpIds.find(TcpKey(node, id));
    if (binding != m_tcpIds.end())
    {
        auto latest = m_clientTcpIds.find(binding->second.key);
        if (latest != m_clientTcpIds.end() && latest->second == TcpKey(node, id))
        {
            m_clientTcpIds.erase(latest);
        }
        m_tcpIds.erase(binding); // the last word on a connection (after its CLOSED state)
    }
}

ConnectionRecorder::Connection&
ConnectionRecorder::Add(const Key& key, uint32_t iss, uint32_t clientNode)
{
    Connection c;
    c.record.id = m_connections.size() + 1;
    c.record.clientAddress = AddressText(key.client);
    c.record.clientPort = key.clientPort;
    c.record.serverAddress = AddressText(key.server);
    c.record.serverPort = key.serverPort;
    c.iss = iss;
    c.sampled = m_sampledNodes.count(clientNode) > 0;
    m_index[key] = m_connections.size();
    // The latest connection of that client end: what transactions and drops are recorded against.
    m_byClientPort[(uint64_t(key.client) << 16) | key.clientPort] = c.record.id;
    m_connections.push_back(std::move(c));
    return m_connections.back();
}

ConnectionRecorder::Connection*
ConnectionRecorder::Open(const Key& key, const TcpWireHeader& syn, uint32_t node)
{
    Connection& c = Add(key, syn.GetSequenceNumber(), node);
    c.record.synSent = Simulator::Now().GetSeconds();
    c.highestSent = c.iss; // nothing sent yet: the SYN itself goes through OnSent
    size_t index = m_connections.size() - 1;
    if (m_wireOnly)
    {
        return &m_connections.back();
    }
    auto tcpId = m_clientTcpIds.find(key);
    auto binding = tcpId == m_clientTcpIds.end() ? m_tcpIds.end() : m_tcpIds.find(tcpId->second);
    if (binding != m_tcpIds.end() && binding->second.index < 0)
    {
        // Our TCP: the connection's id, and the states it entered before this SYN left (at this
        // instant: the connect call).
        binding->second.index = index;
        m_connections[index].tcpHooked = true;
        for (const auto& [from, to] : binding->second.early)
        {
            ApplyTcpState(m_connections[index], from, to);
        }
        binding->second.early.clear();
    }
    HookStockSocket(index, node, key.clientPort);
    return &m_connections.back();
}

void
ConnectionRecorder::OpenServerSide(const Key& key, uint32_t iss, uint32_t clientNode)
{
    // Found by its key as a client's record is (the server's segments and states), and by its
    // client end (a loss at this rank's end of the client's link: DropPlan's lookup).
    Add(key, iss, clientNode).serverSideOnly = true;
    ++m_serverSidesOnly;
}

void
ConnectionRecorder::Sent(uint32_t node, const Ipv4Header& header, Ptr<const Packet> packet, uint32_t)
{
    if (header.GetProtocol() != 6)
    {
        return;
    }
    TcpWireHeader tcp;
    if (!tcp.Read(packet))
    {
        return;
    }
    uint32_t length = packet->GetSize() - tcp.GetHeaderLength();
    Key key{header.GetSource().Get(), header.GetDestination().Get(), tcp.GetSourcePort(), tcp.GetDestinationPort()};
    auto it = m_index.find(key);
    Connection* c = it == m_index.end() ? nullptr : &m_connections[it->second];
    bool newSyn = (tcp.GetFlags() & (TcpHeader::SYN | TcpHeader::ACK)) == TcpHeader::SYN &&
                  (!c || (c->ended && tcp.GetSequenceNumber() != c->iss));
    if (newSyn)
    {
        c = Open(key, tcp, node); // an active open (or a new one reusing an ended 4-tuple)
    }
    if (!c)
    {
        return; // a segment of a connection the client did not open (e.g. it is a server too)
    }
    State before = c->state;
    OnSent(*c, tcp, length);
    Segment(*c, true, tcp, length, before);
}

void
ConnectionRecorder::Received(uint32_t, const Ipv4Header& header, Ptr<const Packet> packet, uint32_t)
{
    if (header.GetProtocol() != 6)
    {
        return;
    }
    TcpWireHeader tcp;
    if (!tcp.Read(packet))
    {
        return;
    }
    uint32_t length = packet->GetSize() - tcp.GetHeaderLength();
    Key key{header.GetDestination().Get(), header.GetSource().Get(), tcp.GetDestinationPort(), tcp.GetSourcePort()};
    auto it = m_index.find(key);
    if (it == m_index.end())
    {
        return;
    }
    Connection& c = m_connections[it->second];
    State before = c.state;
    OnReceived(c, tcp);
    Segment(c, false, tcp, length, before);
}

void
ConnectionRecorder::OnSent(Connection& c, const TcpWireHeader& tcp, uint32_t length)
{
    uint8_t flags = tcp.GetFlags();
    uint32_t seq = tcp.GetSequenceNumber();
    uint32_t end = seq + length + ((flags & TcpHeader::SYN) ? 1 : 0) + ((flags & TcpHeader::FIN) ? 1 : 0);
    if (end != seq && !SeqLess(c.highestSent, end))
    {
        c.record.retransmissions++; // all of its sequence space was sent before (SYN and FIN too)
    }
    if (SeqLess(c.highestSent, end))
    {
        c.highestSent = end;
    }
    if (flags & TcpHeader::RST)
    {
        if (c.tcpTraced && c.tcpState == State::CLOSED)
        {
            // The TCP had closed the connection already: this RST answers a stray segment (RFC
            // 9293 3.10.7.1, e.g. a late SYN-ACK) and is not how the connection ended.
            return;
        }
        if (c.state == State::ESTABLISHED && !c.handshakeAcked && c.record.established)
        {
            // A RST, not the handshake's ACK, answers the SYN-ACK: it came after the client had
            // given up (its host no longer knows the connection, RFC 9293 3.10.7.1). No handshake.
            c.record.established.reset();
            Enter(c, State::CLOSED, "timeout");
            return;
        }
        Enter(c, State::CLOSED, "reset");
        return;
    }
    if (c.state == State::ESTABLISHED)
    {
        c.handshakeAcked = true;
    }
    if (c.state == State::CLOSED && !c.ended && (flags & TcpHeader::SYN))
    {
        Enter(c, State::SYN_SENT); // RFC 9293 3.5: the active open, CLOSED -> SYN_SENT
    }
    if ((flags & TcpHeader::FIN) && !c.finSent)
    {
        c.finSent = true;
        c.finSeq = seq + length;
        c.record.finSent = Simulator::Now().GetSeconds();
        Enter(c, c.state == State::CLOSE_WAIT ? State::LAST_ACK : State::FIN_WAIT_1);
    }
}

void
ConnectionRecorder::OnReceived(Connection& c, const TcpWireHeader& tcp)
{
    uint8_t flags = tcp.GetFlags();
    uint32_t ack = tcp.GetAckNumber();
    if (flags & TcpHeader::RST)
    {
        Enter(c, State::CLOSED, c.state == State::SYN_SENT ? "refused" : "reset");
        return;
    }
    if (c.state == State::SYN_SENT && (flags & TcpHeader::SYN))
    {
        if (c.tcpTraced && c.tcpState == State::CLOSED)
        {
            return; // our TCP had given up already: a late SYN-ACK is no handshake
        }
        bool synAck = (flags & TcpHeader::ACK) && ack == c.iss + 1;
        if (synAck)
        {
            c.record.established = Simulator::Now().GetSeconds();
        }
        Enter(c, synAck ? State::ESTABLISHED : State::SYN_RCVD); // no ACK: simultaneous open
        return;
    }
    if (c.state == State::SYN_RCVD && (flags & TcpHeader::ACK) && ack == c.iss + 1)
    {
        c.record.established = Simulator::Now().GetSeconds();
        Enter(c, State::ESTABLISHED);
    }
    if (c.finSent && !c.finAcked && (flags & TcpHeader::ACK) && !SeqLess(ack, c.finSeq + 1))
    {
        c.finAcked = true;
        if (c.state == State::LAST_ACK)
        {
            c.record.closed = Simulator::Now().GetSeconds();
            Enter(c, State::CLOSED, "closed");
            return;
        }
        Enter(c, c.state == State::CLOSING ? State::TIME_WAIT : State::FIN_WAIT_2);
    }
    if ((flags & TcpHeader::FIN) && !c.peerFin)
    {
        c.peerFin = true;
        c.record.finReceived = Simulator::Now().GetSeconds();
        if (c.state == State::ESTABLISHED)
        {
            Enter(c, State::CLOSE_WAIT);
        }
        else if (c.state == State::FIN_WAIT_1)
        {
            Enter(c, State::CLOSING); // simultaneous close (RFC 9293 3.6)
        }
        else if (c.state == State::FIN_WAIT_2)
        {
            Enter(c, State::TIME_WAIT);
        }
    }
}

void
ConnectionRecorder::Enter(Connection& c, State state, const char* outcome)
{
    if (!c.tcpHooked && state != c.state)
    {
        AddState(c, false, c.state, state, false); // no TCP trace: the wire's inference
    }
    c.state = state;
    if (state == State::TIME_WAIT)
    {
        c.record.timeWaitEntered = Simulator::Now().GetSeconds();
        c.record.outcome = "closed"; // both FINs exchanged and acknowledged
    }
    if (outcome)
    {
        c.record.outcome = outcome;
    }
    if (state == State::TIME_WAIT || state == State::CLOSED)
    {
        End(c); // TIME_WAIT only ends by its timer (RFC 9293 3.3.2): nothing left to wait for
    }
}

void
ConnectionRecorder::Segment(Connection& c, bool fromClient, const TcpWireHeader& tcp, uint32_t length, State before)
{
    if (!c.sampled)
    {
        return;
    }
    double now = Simulator::Now().GetSeconds();
    State after = c.state;
    if (c.tcpHooked)
    {
        // The TCP's own states (the class comment): the first segment of an instant shows the state
        // at its start; the state changes after it, at this instant, are added to it as they come.
        bool firstOfInstant = c.lastRowTime != now;
        before = firstOfInstant && c.instantTime == now ? c.instantStart : c.tcpState;
        after = c.tcpState;
    }
    c.lastRow = int64_t(m_segments.size());
    c.lastRowTime = now;
    m_segments.push_back(SegmentRecord{c.record.id,
                                       now,
                                       fromClient ? "client->server" : "server->client",
                                       TcpHeader::FlagsToString(tcp.GetFlags(), ","),
                                       tcp.GetSequenceNumber(),
                                       tcp.GetAckNumber(),
                                       length,
                                       handshake::ToString(before),
                                       handshake::ToString(after),
                                       c.tcpHooked ? "tcp" : "wire"});
}

std::vector<ConnectionRecord>
ConnectionRecorder::Records() const
{
    std::vector<ConnectionRecord> records;
    records.reserve(m_connections.size() - m_serverSidesOnly);
    for (const auto& c : m_connections)
    {
        if (!c.serverSideOnly)
        {
            records.push_back(Finished(c.record, c));
        }
    }
    return records;
}

std::vector<ConnectionRecord>
ConnectionRecorder::TakeRecords()
{
    std::vector<ConnectionRecord> records;
    records.reserve(m_connections.size() - m_serverSidesOnly);
    for (auto& c : m_connections)
    {
        if (!c.serverSideOnly)
        {
            records.push_back(Finished(std::move(c.record), c));
        }
    }
    return records;
}

std::vector<RankConnection>
ConnectionRecorder::RankConnections() const
{
    std::vector<RankConnection> connections;
    connections.reserve(m_connections.size());
    for (const auto& c : m_connections)
    {
        connections.push_back({Finished(c.record, c), c.iss, c.serverSideOnly});
    }
    return connections;
}

ConnectionRecord
ConnectionRecorder::Finished(ConnectionRecord record, const Connection& c) const
{
    record.finalState = handshake::ToString(FinalState(c));
    record.stateSource = c.tcpTraced ? "tcp" : "wire";
    record.serverStateSource = c.serverHooked ? "tcp" : "";
    record.openAtEnd = !c.ended;
    if (c.tcpOutcome)
    {
        record.outcome = c.tcpOutcome;
    }
    if (record.outcome.empty())
    {
        // Never answered: given up (a stock TCP closed by its application's connect timeout
        // says so only in its State trace), or still retrying its SYN.
        bool neverAnswered = c.state == State::SYN_SENT;
        bool gaveUp = c.ended || record.retransmissions > 0;
        if (neverAnswered && gaveUp)
        {
            record.outcome = "timeout";
        }
        else
        {
            // Ended by its TCP's own CLOSED (a stock TCP in LAST_ACK taking a segment the wire
            // does not read as the ACK of its FIN): closed. Not ended: unfinished.
            record.outcome = c.ended ? "closed" : "unfinished";
        }
    }
    return record;
}

const std::vector<SegmentRecord>&
ConnectionRecorder::Segments() const
{
    return m_segments;
}

const std::vector<StateRecord>&
ConnectionRecorder::States() const
{
    return m_states;
}

std::vector<SegmentRecord>
ConnectionRecorder::TakeSegments()
{
    return std::move(m_segments);
}

std::vector<StateRecord>
ConnectionRecorder::TakeStates()
{
    return std::move(m_states);
}

uint32_t
ConnectionRecorder::TimeWaitCount() const
{
    uint32_t count = 0;
    for (const auto& c : m_connections)
    {
        count += !c.serverSideOnly && FinalState(c) == State::TIME_WAIT;
    }
    return count;
}

ConnectionRecorder::State
ConnectionRecorder::FinalState(const Connection& c) const
{
    return c.tcpTraced ? c.tcpState : c.state;
}

uint64_t
ConnectionRecorder::FindId(Ipv4Address client, uint16_t port) const
{
    auto it = m_byClientPort.find((uint64_t(client.Get()) << 16) | port);
    return it == m_byClientPort.end() ? 0 : it->second;
}

uint64_t
ConnectionRecorder::Started() const
{
    return m_connections.size() - m_serverSidesOnly;
}

uint64_t
ConnectionRecorder::Ended() const
{
    return m_ended;
}

uint64_t
ConnectionRecorder::TcpClosed() const
{
    return m_tcpClosed;
}

bool
ConnectionRecorder::TcpTraced() const
{
    return m_tcpTraced;
}

} // namespace ns3
