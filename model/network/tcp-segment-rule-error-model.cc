#include "tcp-segment-rule-error-model.h"

#include "ns3/ipv4-header.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/ppp-header.h"
#include "ns3/string.h"
#include "ns3/tcp-header.h"
#include "ns3/trace-source-accessor.h"

#include <functional>
#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpSegmentRuleErrorModel");
NS_OBJECT_ENSURE_REGISTERED(TcpSegmentRuleErrorModel);

namespace
{

constexpr uint8_t TCP_PROTOCOL = 6;
/** RFC 1661 2 / RFC 1332: the PPP protocol field of an IPv4 datagram, as ns-3's PppHeader writes it. */
constexpr uint8_t PPP_IPV4[2] = {0x00, 0x21};
constexpr uint32_t MIN_IPV4_TCP = 40; //!< IPv4 and TCP headers without options

} // namespace

TypeId
TcpSegmentRuleErrorModel::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpSegmentRuleErrorModel")
            .SetParent<ErrorModel>()
            .SetGroupName("Handshake")
            .AddConstructor<TcpSegmentRuleErrorModel>()
            .AddAttribute("Rules",
                          "TCP segments to drop: RULE[,RULE...], RULE = [client:N/]DIR:WHAT[#K] "
                          "(DIR c2s or s2c; WHAT syn, synack, fin, rst, data=X or ack=A)",
                          StringValue(""),
                          MakeStringAccessor(&TcpSegmentRuleErrorModel::SetRulesText,
                                             &TcpSegmentRuleErrorModel::GetRulesText),
                          MakeStringChecker())
            .AddTraceSource("Drop",
                            "A segment dropped, with the rule that picked it and its connection",
                            MakeTraceSourceAccessor(&TcpSegmentRuleErrorModel::m_dropTrace),
                            "ns3::TcpSegmentRuleErrorModel::DropTracedCallback");
    return tid;
}

bool
TcpSegmentRuleErrorModel::Key::operator==(const Key& other) const
{
    return lowAddress == other.lowAddress && highAddress == other.highAddress &&
           lowPort == other.lowPort && highPort == other.highPort;
}

size_t
TcpSegmentRuleErrorModel::KeyHash::operator()(const Key& key) const
{
    uint64_t addresses = (uint64_t(key.lowAddress) << 32) | key.highAddress;
    uint64_t ports = (uint64_t(key.lowPort) << 16) | key.highPort;
    return std::hash<uint64_t>()(addresses * 0x9E3779B97F4A7C15ULL ^ ports);
}

void
TcpSegmentRuleErrorModel::SetRules(const std::vector<TcpSegmentRule>& rules)
{
    m_rules = rules;
    m_connections.clear();
}

const std::vector<TcpSegmentRule>&
TcpSegmentRuleErrorModel::GetRules() const
{
    return m_rules;
}

bool
TcpSegmentRuleErrorModel::SetRulesText(std::string text)
{
    std::vector<TcpSegmentRule> rules;
    std::string error = TcpSegmentRule::ParseList(text, &rules);
    if (!error.empty())
    {
        NS_LOG_WARN("Rules: " << error);
        return false;
    }
    SetRules(rules);
    return true;
}

std::string
TcpSegmentRuleErrorModel::GetRulesText() const
{
    return TcpSegmentRule::JoinText(m_rules);
}

void
TcpSegmentRuleErrorModel::AddClient(Ipv4Address address, uint32_t index)
{
    m_clients[address.Get()] = index;
}

TcpSegmentRuleErrorModel::Connection*
TcpSegmentRuleErrorModel::Find(uint32_t from,
                               uint16_t fromPort,
                               uint32_t to,
                               uint16_t toPort,
                               uint8_t flags,
                               uint32_t seq,
                               uint32_t ackNumber)
{
    bool fromLow = std::make_pair(from, fromPort) < std::make_pair(to, toPort);
    Key key = fromLow ? Key{from, to, fromPort, toPort} : Key{to, from, toPort, fromPort};
    auto it = m_connections.find(key);
    const bool syn = flags & TcpHeader::SYN;
    const bool hasAck = flags & TcpHeader::ACK;
    if (syn)
    {
        // The SYN's sender is the client (RFC 9293 3.5); a SYN-ACK acknowledges the client's ISN + 1.
        uint32_t client = hasAck ? to : from;
        uint16_t clientPort = hasAck ? toPort : fromPort;
        uint32_t clientIsn = hasAck ? ackNumber - 1 : seq;
        // Only a SYN with another ISN starts a new incarnation of a 4-tuple; a SYN-ACK that does not
        // acknowledge the known SYN (an old duplicate) is counted on the connection as it is.
        bool known = it != m_connections.end() && it->second.clientAddress == client &&
                     it->second.clientPort == clientPort && (hasAck || it->second.clientIsn == clientIsn);
        if (!known)
        {
            // A new connection, or a new incarnation of the 4-tuple: fresh counts.
            Connection connection;
            connection.clientAddress = client;
            connection.clientPort = clientPort;
            connection.serverAddress = hasAck ? from : to;
            connection.serverPort = hasAck ? fromPort : toPort;
            connection.clientIsn = clientIsn;
            auto index = m_clients.find(client);
            if (index != m_clients.end())
            {
                connection.client = index->second;
            }
            connection.matches.assign(m_rules.size(), 0);
            it = m_connections.insert_or_assign(key, std::move(connection)).first;
        }
        if (hasAck)
        {
            it->second.serverIsn = seq;
        }
        return &it->second;
    }
    if (it == m_connections.end())
    {
        return nullptr;
    }
    Connection& connection = it->second;
    if (hasAck && !connection.serverIsn && from == connection.clientAddress && fromPort == connection.clientPort)
    {
        // Seen from the client's side of the path only: its first ACK acknowledges the server's ISN + 1.
        connection.serverIsn = ackNumber - 1;
    }
    return &connection;
}

bool
TcpSegmentRuleErrorModel::DoCorrupt(Ptr<Packet> p)
{
    if (m_rules.empty())
    {
        return false;
    }
    Ptr<Packet> copy = p->Copy();
    uint8_t head[2];
    if (copy->CopyData(head, 2) < 2)
    {
        return false;
    }
    if (head[0] == PPP_IPV4[0] && head[1] == PPP_IPV4[1])
    {
        PppHeader ppp;
        copy->RemoveHeader(ppp);
    }
    else if ((head[0] >> 4) != 4)
    {
        return false; // neither PPP carrying IPv4 nor IPv4
    }
    if (copy->GetSize() < MIN_IPV4_TCP)
    {
        return false;
    }
    Ipv4Header ip;
    copy->RemoveHeader(ip);
    if (ip.GetProtocol() != TCP_PROTOCOL || ip.GetFragmentOffset() != 0 || !ip.IsLastFragment())
    {
        return false;
    }
    TcpHeader tcp;
    copy->RemoveHeader(tcp);
    const uint8_t flags = tcp.GetFlags();
    const uint32_t seq = tcp.GetSequenceNumber().GetValue();
    const uint32_t ack = tcp.GetAckNumber().GetValue();
    const uint32_t from = ip.GetSource().Get();
    Connection* c = Find(from, tcp.GetSourcePort(), ip.GetDestination().Get(), tcp.GetDestinationPort(),
                         flags, seq, (flags & TcpHeader::ACK) ? ack : 0);
    if (!c)
    {
        return false;
    }
    const bool fromClient = from == c->clientAddress && tcp.GetSourcePort() == c->clientPort;
    const std::optional<uint32_t>& senderIsn = fromClient ? c->clientIsn : c->serverIsn;
    const std::optional<uint32_t>& receiverIsn = fromClient ? c->serverIsn : c->clientIsn;
    if (!senderIsn)
    {
        return false;
    }
    const uint32_t headerBytes = tcp.GetLength() * 4u;
    const uint32_t length = ip.GetPayloadSize() > headerBytes ? ip.GetPayloadSize() - headerBytes : 0;
    std::optional<uint32_t> relativeAck;
    if ((flags & TcpHeader::ACK) && receiverIsn)
    {
        relativeAck = ack - *receiverIsn;
    }
    std::optional<uint32_t> picked;
    for (uint32_t i = 0; i < m_rules.size(); ++i)
    {
        const TcpSegmentRule& rule = m_rules[i];
        std::optional<uint32_t> onlyClient = rule.GetClient();
        if (rule.ClientToServer() != fromClient || (onlyClient && onlyClient != c->client) ||
            !rule.Matches(flags, seq - *senderIsn, length, relativeAck))
        {
            continue;
        }
        // Every rule counts its own matches, also on a packet another rule drops.
        if (++c->matches[i] == rule.GetOccurrence() && !picked)
        {
            picked = i;
        }
    }
    if (!picked)
    {
        return false;
    }
    Dropped dropped;
    dropped.rule = m_rules[*picked].GetText();
    dropped.ruleIndex = *picked;
    dropped.clientAddress = Ipv4Address(c->clientAddress);
    dropped.clientPort = c->clientPort;
    dropped.serverAddress = Ipv4Address(c->serverAddress);
    dropped.serverPort = c->serverPort;
    dropped.clientToServer = fromClient;
    dropped.header = tcp;
    dropped.length = length;
    NS_LOG_INFO("drop " << (fromClient ? "c2s" : "s2c") << " by " << dropped.rule);
    m_dropTrace(p, dropped);
    return true;
}

void
TcpSegmentRuleErrorModel::DoReset()
{
    m_connections.clear();
}

} // namespace ns3
