#include "tcp-segment-rule.h"

#include "decimal-number.h"

#include "ns3/tcp-header.h"

#include <algorithm>
#include <limits>

namespace ns3
{

namespace
{

constexpr uint64_t MAX_U32 = std::numeric_limits<uint32_t>::max();

} // namespace

std::string
TcpSegmentRule::Parse(const std::string& text, TcpSegmentRule* rule)
{
    const std::string quoted = "'" + text + "': ";
    TcpSegmentRule parsed;
    parsed.m_text = text;
    std::string rest = text;
    if (rest.rfind("client:", 0) == 0)
    {
        auto slash = rest.find('/');
        uint32_t client = 0;
        if (slash == std::string::npos || !ParseDecimalNumber(rest.substr(7, slash - 7), 0, 999999999, &client))
        {
            return quoted + "client:N/ needs N, a client number (0 is the first), and a /";
        }
        parsed.m_client = client;
        rest = rest.substr(slash + 1);
    }
    auto hash = rest.find('#');
    if (hash != std::string::npos)
    {
        if (!ParseDecimalNumber(rest.substr(hash + 1), 1, MAX_U32, &parsed.m_occurrence))
        {
            return quoted + "#K needs K, a whole number from 1 (the K-th matching segment)";
        }
        rest = rest.substr(0, hash);
    }
    if (rest.rfind("c2s:", 0) != 0 && rest.rfind("s2c:", 0) != 0)
    {
        return quoted + "not [client:N/]DIR:WHAT[#K] with DIR c2s or s2c";
    }
    parsed.m_clientToServer = rest[0] == 'c';
    std::string what = rest.substr(4);
    const std::pair<const char*, What> names[] = {{"syn", SYN}, {"synack", SYN_ACK}, {"fin", FIN}, {"rst", RST}};
    auto name = std::find_if(std::begin(names), std::end(names), [&](const auto& n) { return what == n.first; });
    if (name != std::end(names))
    {
        parsed.m_what = name->second;
    }
    else if (what.rfind("data=", 0) == 0 || what.rfind("ack=", 0) == 0)
    {
        bool data = what[0] == 'd';
        parsed.m_what = data ? DATA : ACK;
        // Relative numbers start at 1: byte 1 is the first after the SYN, and an ACK of a
        // synchronized connection acknowledges the SYN at least (RFC 9293 3.4).
        if (!ParseDecimalNumber(what.substr(data ? 5 : 4), 1, MAX_U32, &parsed.m_value))
        {
            return quoted + (data ? "data=X" : "ack=A") + " needs a relative number from 1 to " +
                   std::to_string(MAX_U32);
        }
    }
    else
    {
        return quoted + "WHAT must be one of syn, synack, fin, rst, data=X, ack=A";
    }
    *rule = parsed;
    return "";
}

std::string
TcpSegmentRule::ParseList(const std::string& text, std::vector<TcpSegmentRule>* rules)
{
    rules->clear();
    if (text.empty())
    {
        return "";
    }
    std::vector<TcpSegmentRule> parsed;
    size_t start = 0;
    while (true)
    {
        size_t comma = text.find(',', start);
        std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (item.empty())
        {
            return "'" + text + "': an empty rule (RULE[,RULE...], no blank between commas)";
        }
        TcpSegmentRule rule;
        std::string error = Parse(item, &rule);
        if (!error.empty())
        {
            return error;
        }
        parsed.push_back(rule);
        if (comma == std::string::npos)
        {
            break;
        }
        start = comma + 1;
    }
    *rules = parsed;
    return "";
}

std::string
TcpSegmentRule::JoinText(const std::vector<TcpSegmentRule>& rules)
{
    std::string text;
    for (const auto& rule : rules)
    {
        text += (text.empty() ? "" : ",") + rule.GetText();
    }
    return text;
}

bool
TcpSegmentRule::Matches(uint8_t flags,
                        uint32_t relativeSeq,
                        uint32_t payloadLength,
                        std::optional<uint32_t> relativeAck) const
{
    const bool syn = flags & TcpHeader::SYN;
    const bool ack = flags & TcpHeader::ACK;
    switch (m_what)
    {
    case SYN:
        return syn && !ack;
    case SYN_ACK:
        return syn && ack;
    case FIN:
        return flags & TcpHeader::FIN;
    case RST:
        return flags & TcpHeader::RST;
    case DATA:
        // Covers X when relativeSeq <= X < relativeSeq + length, modulo 2^32 (RFC 9293 3.4).
        return payloadLength > 0 && uint32_t(m_value - relativeSeq) < payloadLength;
    case ACK:
        return ack && payloadLength == 0 && !(flags & (TcpHeader::SYN | TcpHeader::FIN | TcpHeader::RST)) &&
               relativeAck == m_value;
    }
    return false;
}

bool
TcpSegmentRule::ClientToServer() const
{
    return m_clientToServer;
}

TcpSegmentRule::What
TcpSegmentRule::GetWhat() const
{
    return m_what;
}

uint32_t
TcpSegmentRule::GetValue() const
{
    return m_value;
}

uint32_t
TcpSegmentRule::GetOccurrence() const
{
    return m_occurrence;
}

std::optional<uint32_t>
TcpSegmentRule::GetClient() const
{
    return m_client;
}

const std::string&
TcpSegmentRule::GetText() const
{
    return m_text;
}

} // namespace ns3
