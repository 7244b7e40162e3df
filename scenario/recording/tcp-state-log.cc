#include "tcp-state-log.h"

#include "ns3/handshake-tcp-l4-protocol.h"
#include "ns3/inet-socket-address.h"

#include <sstream>

namespace ns3
{

namespace
{

std::string
Endpoint(const Address& address)
{
    InetSocketAddress inet = InetSocketAddress::ConvertFrom(address);
    std::ostringstream text;
    text << inet.GetIpv4() << ":" << inet.GetPort();
    return text.str();
}

} // namespace

uint32_t
TcpStateLog::Install(const NodeContainer& nodes)
{
    using handshake::TcpOutcome;
    using handshake::TcpState;
    uint32_t installed = 0;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<HandshakeTcpL4Protocol> tcp = (*it)->GetObject<HandshakeTcpL4Protocol>();
        if (!tcp)
        {
            continue;
        }
        ++installed;
        uint32_t node = (*it)->GetId();
        tcp->TraceConnectWithoutContext(
            "ConnectionCreated",
            Callback<void, uint64_t, const Address&, const Address&>(
                [this, node](uint64_t id, const Address& local, const Address& remote) {
                    Connection& c = Find(node, id);
                    c.local = Endpoint(local);
                    c.remote = Endpoint(remote);
                }));
        tcp->TraceConnectWithoutContext("StateTransition",
                                        Callback<void, uint64_t, TcpState, TcpState>(
                                            [this, node](uint64_t id, TcpState from, TcpState to) {
                                                Connection& c = Find(node, id);
                                                if (c.states.empty())
                                                {
                                                    c.states.push_back(from);
                                                }
                                                c.states.push_back(to);
                                            }));
        tcp->TraceConnectWithoutContext(
            "Outcome",
            Callback<void, uint64_t, TcpOutcome>([this, node](uint64_t id, TcpOutcome outcome) {
                Find(node, id).outcome = handshake::ToString(outcome);
            }));
        tcp->TraceConnectWithoutContext(
            "Retransmission",
            Callback<void, uint64_t, uint32_t>(
                [this, node](uint64_t id, uint32_t) { ++Find(node, id).retransmissions; }));
        tcp->TraceConnectWithoutContext(
            "RtoExpired",
            Callback<void, uint64_t, uint32_t>(
                [this, node](uint64_t id, uint32_t) { ++Find(node, id).rtoExpiries; }));
        tcp->TraceConnectWithoutContext(
            "BadChecksumDrop",
            Callback<void, Ptr<const Packet>, const TcpHeader&>(
                [this](Ptr<const Packet>, const TcpHeader&) { ++m_badChecksums; }));
        tcp->TraceConnectWithoutContext(
            "Drop",
            Callback<void, Ptr<const Packet>, const TcpHeader&, HandshakeTcpL4Protocol::DropReason>(
                [this](Ptr<const Packet>,
                       const TcpHeader&,
                       HandshakeTcpL4Protocol::DropReason why) {
                    ++m_drops[HandshakeTcpL4Protocol::ToString(why)];
                }));
    }
    return installed;
}

TcpStateLog::Connection&
TcpStateLog::Find(uint32_t node, uint64_t id)
{
    auto [it, added] = m_index.emplace(std::make_pair(node, id), m_connections.size());
    if (added)
    {
        Connection c;
        c.node = node;
        c.id = id;
        m_connections.push_back(c);
    }
    return m_connections[it->second];
}

const std::vector<TcpStateLog::Connection>&
TcpStateLog::Connections() const
{
    return m_connections;
}

uint32_t
TcpStateLog::OpenConnections() const
{
    uint32_t open = 0;
    for (const auto& c : m_connections)
    {
        open += (c.states.empty() || c.states.back() != handshake::TcpState::CLOSED) ? 1 : 0;
    }
    return open;
}

uint64_t
TcpStateLog::BadChecksumDrops() const
{
    return m_badChecksums;
}

const std::map<std::string, uint64_t>&
TcpStateLog::Drops() const
{
    return m_drops;
}

std::string
TcpStateLog::Format() const
{
    std::ostringstream text;
    for (const auto& c : m_connections)
    {
        text << "conn " << c.node << "/" << c.id << " " << c.local << " " << c.remote << " states=";
        for (size_t i = 0; i < c.states.size(); ++i)
        {
            text << (i ? "," : "") << handshake::ToString(c.states[i]);
        }
        text << " outcome=" << (c.outcome.empty() ? "none" : c.outcome)
             << " retransmissions=" << c.retransmissions << " rto=" << c.rtoExpiries << "\n";
    }
    for (const auto& [reason, count] : m_drops)
    {
        text << "drop " << reason << " " << count << "\n";
    }
    text << "bad-checksum-drops " << m_badChecksums << "\n";
    return text.str();
}

} // namespace ns3
