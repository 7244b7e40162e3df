#include "tcp-conversation.h"

#include <map>
#include <tuple>

namespace handshake::test
{

std::vector<TcpConversation>
TcpConversation::Split(const std::vector<DecodedPacket>& packets)
{
    std::vector<TcpConversation> conversations;
    std::map<std::tuple<std::string, uint16_t, std::string, uint16_t>, size_t> index;
    for (const auto& p : packets)
    {
        if (!p.isTcp)
        {
            continue;
        }
        // The same key for both directions: the lower endpoint first.
        auto a = std::make_tuple(p.src, p.srcPort);
        auto b = std::make_tuple(p.dst, p.dstPort);
        auto key = a < b ? std::tuple_cat(a, b) : std::tuple_cat(b, a);
        auto [it, inserted] = index.emplace(key, conversations.size());
        if (inserted)
        {
            conversations.emplace_back();
            conversations.back().m_initiator = p.src;
            conversations.back().m_initiatorPort = p.srcPort;
        }
        conversations[it->second].m_packets.push_back(p);
    }
    return conversations;
}

std::string
TcpConversation::Name() const
{
    const auto& p = m_packets.front();
    return p.src + ":" + std::to_string(p.srcPort) + " <-> " + p.dst + ":" + std::to_string(p.dstPort);
}

bool
TcpConversation::FromInitiator(const DecodedPacket& p) const
{
    return p.src == m_initiator && p.srcPort == m_initiatorPort;
}

std::string
TcpConversation::CheckHandshake() const
{
    using P = DecodedPacket;
    const auto& syn = m_packets.front();
    if (!(syn.Has(P::SYN) && !syn.Has(P::ACK)))
    {
        return Name() + ": first packet is not a SYN: " + syn.Describe();
    }
    // Retransmissions of the SYN (same seq) and of the SYN-ACK may appear on lossy links; what
    // matters is the order SYN, SYN-ACK, ACK and that each acknowledges the one before.
    size_t i = 1;
    while (i < m_packets.size() && FromInitiator(m_packets[i]) && m_packets[i].Has(P::SYN) &&
           m_packets[i].seq == syn.seq)
    {
        ++i;
    }
    if (i == m_packets.size())
    {
        return Name() + ": no answer to the SYN";
    }
    const auto& synAck = m_packets[i];
    if (!(synAck.Has(P::SYN | P::ACK) && !FromInitiator(synAck) && synAck.ack == syn.seq + 1))
    {
        return Name() + ": the packet after the SYN is not its SYN-ACK: " + synAck.Describe();
    }
    for (++i; i < m_packets.size(); ++i)
    {
        const auto& p = m_packets[i];
        if (!FromInitiator(p))
        {
            continue; // e.g. a retransmitted SYN-ACK
        }
        if (p.Has(P::SYN) && !p.Has(P::ACK) && p.seq == syn.seq)
        {
            continue; // the SYN again: the SYN-ACK was lost after this capture point saw it
        }
        if (p.Has(P::ACK) && !p.Has(P::SYN) && !p.Has(P::RST) && p.ack == synAck.seq + 1)
        {
            return "";
        }
        return Name() + ": the initiator's answer to the SYN-ACK is not its ACK: " + p.Describe();
    }
    return Name() + ": the SYN-ACK is never acknowledged";
}

std::string
TcpConversation::CheckFin(bool initiatorSide, bool requireAck) const
{
    const char* side = initiatorSide ? "initiator" : "responder";
    for (size_t i = 0; i < m_packets.size(); ++i)
    {
        const auto& fin = m_packets[i];
        if (!fin.Has(DecodedPacket::FIN) || FromInitiator(fin) != initiatorSide)
        {
            continue;
        }
        if (!requireAck)
        {
            return "";
        }
        // The FIN occupies one sequence number after its payload (RFC 9293 3.4).
        uint32_t finEnd = fin.seq + fin.payloadLength + 1;
        for (size_t j = i + 1; j < m_packets.size(); ++j)
        {
            const auto& reply = m_packets[j];
            if (FromInitiator(reply) != initiatorSide && reply.Has(DecodedPacket::ACK) &&
                static_cast<int32_t>(reply.ack - finEnd) >= 0)
            {
                return "";
            }
        }
        return Name() + ": the " + side + "'s FIN is never acknowledged: " + fin.Describe();
    }
    return Name() + ": no FIN from the " + side;
}

std::string
TcpConversation::CheckTeardown(bool requireAcks) const
{
    std::string initiator = CheckFin(true, requireAcks);
    std::string responder = CheckFin(false, requireAcks);
    return initiator.empty() ? responder : (responder.empty() ? initiator : initiator + "; " + responder);
}

} // namespace handshake::test
