#include "server-load-monitor.h"

#include "ns3/handshake-tcp-l4-protocol.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/object-vector.h"
#include "ns3/simulator.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-state.h"

#include <sstream>

namespace ns3
{

namespace
{

const uint8_t TCP_PROTOCOL = 6;

/** A SYN without ACK, judged from the flags byte of the TCP header at the front of \p segment. */
bool
IsSyn(Ptr<const Packet> segment)
{
    const uint32_t flagsOffset = 13; // RFC 9293 3.1: ports, seq, ack, data offset, then flags
    uint8_t header[flagsOffset + 1];
    if (segment->GetSize() <= flagsOffset ||
        segment->CopyData(header, sizeof(header)) != sizeof(header))
    {
        return false;
    }
    return (header[flagsOffset] & (TcpHeader::SYN | TcpHeader::ACK)) == TcpHeader::SYN;
}

} // namespace

uint32_t
ServerLoadMonitor::Server::HalfOpen() const
{
    return static_cast<uint32_t>(halfOpen.size() + stockHalfOpen.size());
}

uint32_t
ServerLoadMonitor::Server::Connections() const
{
    return connections + static_cast<uint32_t>(stockChildren.size());
}

void
ServerLoadMonitor::Grew(uint32_t server)
{
    Server& s = m_servers[server];
    if (!s.peakCheckPending)
    {
        s.peakCheckPending = true;
        Simulator::ScheduleNow(&ServerLoadMonitor::UpdatePeaks, this, server);
    }
}

void
ServerLoadMonitor::UpdatePeaks(uint32_t server)
{
    Server& s = m_servers[server];
    s.peakCheckPending = false;
    s.peakHalfOpen = std::max(s.peakHalfOpen, s.HalfOpen());
    s.peakConnections = std::max(s.peakConnections, s.Connections());
}

void
ServerLoadMonitor::Install(NodeContainer servers)
{
    m_servers.resize(servers.GetN());
    for (uint32_t i = 0; i < servers.GetN(); ++i)
    {
        m_servers[i].node = servers.Get(i);
        servers.Get(i)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "LocalDeliver",
            Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
                [this, i](const Ipv4Header& header, Ptr<const Packet> packet, uint32_t) {
                    Delivered(i, header, packet);
                }));
        if (servers.Get(i)->GetObject<HandshakeTcpL4Protocol>())
        {
            HookOurTcp(i);
        }
    }
}

void
ServerLoadMonitor::HookOurTcp(uint32_t server)
{
    using handshake::TcpState;
    Ptr<HandshakeTcpL4Protocol> tcp = m_servers[server].node->GetObject<HandshakeTcpL4Protocol>();
    tcp->TraceConnectWithoutContext("ConnectionCreated",
                                    Callback<void, uint64_t, const Address&, const Address&>(
                                        [this, server](uint64_t, const Address&, const Address&) {
                                            ++m_servers[server].connections;
                                            Grew(server);
                                        }));
    tcp->TraceConnectWithoutContext(
        "StateTransition",
        Callback<void, uint64_t, TcpState, TcpState>(
            [this, server](uint64_t id, TcpState from, TcpState to) {
                OurStateChanged(server, id, from == TcpState::SYN_RCVD, to == TcpState::SYN_RCVD);
            }));
    tcp->TraceConnectWithoutContext("Outcome",
                                    Callback<void, uint64_t, handshake::TcpOutcome>(
                                        [this, server](uint64_t id, handshake::TcpOutcome) {
                                            m_servers[server].halfOpen.erase(id);
                                            --m_servers[server].connections;
                                        }));
}

void
ServerLoadMonitor::OurStateChanged(uint32_t server, uint64_t id, bool fromSynRcvd, bool toSynRcvd)
{
    Server& s = m_servers[server];
    if (fromSynRcvd)
    {
        s.halfOpen.erase(id);
    }
    if (toSynRcvd)
    {
        s.halfOpen.insert(id);
        Grew(server);
    }
}

void
ServerLoadMonitor::Delivered(uint32_t server, const Ipv4Header& header, Ptr<const Packet> packet)
{
    if (header.GetProtocol() != TCP_PROTOCOL || !IsSyn(packet))
    {
        return;
    }
    Server& s = m_servers[server];
    ++s.synsReceived;
    // Before the TCP sees this SYN: a stock listener forks its child after, with our "Tx" callback.
    if (!s.stockHooked && s.node->GetObject<TcpL4Protocol>())
    {
        HookStockListeners(server);
    }
}

void
ServerLoadMonitor::HookStockListeners(uint32_t server)
{
    Server& s = m_servers[server];
    ObjectVectorValue sockets;
    s.node->GetObject<TcpL4Protocol>()->GetAttribute("SocketList", sockets);
    for (auto it = sockets.Begin(); it != sockets.End(); ++it)
    {
        it->second->TraceConnectWithoutContext(
            "Tx",
            Callback<void, Ptr<const Packet>, const TcpHeader&, Ptr<const TcpSocketBase>>(
                [this, server](Ptr<const Packet>,
                               const TcpHeader& header,
                               Ptr<const TcpSocketBase> socket) {
                    StockSent(server, header, socket);
                }));
        s.stockHooked = true;
    }
}

void
ServerLoadMonitor::StockSent(uint32_t server,
                             const TcpHeader& header,
                             Ptr<const TcpSocketBase> socket)
{
    Server& s = m_servers[server];
    const TcpSocketBase* child = PeekPointer(socket);
    if (header.GetFlags() != (TcpHeader::SYN | TcpHeader::ACK) || s.stockChildren.count(child))
    {
        return;
    }
    // The first SYN-ACK of a child forked by a listener: it is in SYN_RCVD
    // (TcpSocketBase::CompleteFork).
    s.stockChildren.insert(child);
    s.stockHalfOpen.insert(child);
    Grew(server);
    ConstCast<TcpSocketBase>(socket)->TraceConnectWithoutContext(
        "State",
        Callback<void, TcpSocket::TcpStates_t, TcpSocket::TcpStates_t>(
            [this, server, child](TcpSocket::TcpStates_t from, TcpSocket::TcpStates_t to) {
                StockStateChanged(server, child, from, to);
            }));
}

void
ServerLoadMonitor::StockStateChanged(uint32_t server,
                                     const TcpSocketBase* socket,
                                     TcpSocket::TcpStates_t from,
                                     TcpSocket::TcpStates_t to)
{
    Server& s = m_servers[server];
    if (from == TcpSocket::SYN_RCVD)
    {
        s.stockHalfOpen.erase(socket);
    }
    if (to == TcpSocket::CLOSED)
    {
        s.stockHalfOpen.erase(socket);
        s.stockChildren.erase(socket);
    }
}

void
ServerLoadMonitor::SampleEvery(uint32_t server, Time interval)
{
    Simulator::ScheduleNow(&ServerLoadMonitor::Sample, this, server, interval);
}

void
ServerLoadMonitor::Sample(uint32_t server, Time interval)
{
    const Server& s = m_servers.at(server);
    m_samples.push_back({server, Simulator::Now().GetSeconds(), s.HalfOpen(), s.Connections()});
    Simulator::Schedule(interval, &ServerLoadMonitor::Sample, this, server, interval);
}

std::vector<ServerRecord>
ServerLoadMonitor::Records() const
{
    std::vector<ServerRecord> records;
    for (uint32_t i = 0; i < m_servers.size(); ++i)
    {
        const Server& s = m_servers[i];
        ServerRecord r;
        r.id = i;
        std::ostringstream address;
        address << s.node->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
        r.address = address.str();
        r.synsReceived = s.synsReceived;
        if (Ptr<HandshakeTcpL4Protocol> tcp = s.node->GetObject<HandshakeTcpL4Protocol>())
        {
            r.synQueueDrops = tcp->GetDrops(HandshakeTcpL4Protocol::SYN_QUEUE_FULL);
            r.acceptQueueDrops = tcp->GetDrops(HandshakeTcpL4Protocol::ACCEPT_QUEUE_FULL);
            r.cookiesSent = tcp->GetSynCookies(HandshakeTcpL4Protocol::COOKIE_SENT);
            r.cookiesValidated = tcp->GetSynCookies(HandshakeTcpL4Protocol::COOKIE_ACCEPTED);
        }
        r.peakHalfOpen = s.peakHalfOpen;
        r.peakConnections = s.peakConnections;
        r.halfOpenAtEnd = s.HalfOpen();
        r.connectionsAtEnd = s.Connections();
        records.push_back(std::move(r));
    }
    return records;
}

const std::vector<ServerLoadSample>&
ServerLoadMonitor::Samples() const
{
    return m_samples;
}

uint32_t
ServerLoadMonitor::HalfOpen(uint32_t server) const
{
    return m_servers.at(server).HalfOpen();
}

uint32_t
ServerLoadMonitor::Connections(uint32_t server) const
{
    return m_servers.at(server).Connections();
}

} // namespace ns3
