// TcpSegmentRule: the text form [client:N/]DIR:WHAT[#K] of --drop, and which segments a rule names.
#include "ns3/handshake-module.h"
#include "ns3/tcp-header.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace ns3;

namespace
{

TcpSegmentRule
Rule(const std::string& text)
{
    TcpSegmentRule rule;
    std::string error = TcpSegmentRule::Parse(text, &rule);
    EXPECT_EQ(error, "") << text;
    return rule;
}

constexpr uint8_t SYN = TcpHeader::SYN;
constexpr uint8_t ACK = TcpHeader::ACK;
constexpr uint8_t FIN = TcpHeader::FIN;
constexpr uint8_t RST = TcpHeader::RST;

} // namespace

TEST(TcpSegmentRule, ParsesEachForm)
{
    TcpSegmentRule syn = Rule("c2s:syn");
    EXPECT_TRUE(syn.ClientToServer());
    EXPECT_EQ(syn.GetWhat(), TcpSegmentRule::SYN);
    EXPECT_EQ(syn.GetOccurrence(), 1u) << "#K defaults to 1";
    EXPECT_FALSE(syn.GetClient());
    EXPECT_EQ(syn.GetText(), "c2s:syn");

    EXPECT_EQ(Rule("s2c:synack").GetWhat(), TcpSegmentRule::SYN_ACK);
    EXPECT_FALSE(Rule("s2c:synack").ClientToServer());
    EXPECT_EQ(Rule("c2s:fin").GetWhat(), TcpSegmentRule::FIN);
    EXPECT_EQ(Rule("s2c:rst").GetWhat(), TcpSegmentRule::RST);

    TcpSegmentRule data = Rule("s2c:data=1#2");
    EXPECT_EQ(data.GetWhat(), TcpSegmentRule::DATA);
    EXPECT_EQ(data.GetValue(), 1u);
    EXPECT_EQ(data.GetOccurrence(), 2u);

    TcpSegmentRule ack = Rule("client:3/c2s:ack=4294967295#7");
    EXPECT_EQ(ack.GetWhat(), TcpSegmentRule::ACK);
    EXPECT_EQ(ack.GetValue(), 4294967295u);
    EXPECT_EQ(ack.GetOccurrence(), 7u);
    ASSERT_TRUE(ack.GetClient());
    EXPECT_EQ(*ack.GetClient(), 3u);
    EXPECT_EQ(*Rule("client:0/s2c:fin").GetClient(), 0u);
}

TEST(TcpSegmentRule, ParsesAListInOrder)
{
    std::vector<TcpSegmentRule> rules;
    EXPECT_EQ(TcpSegmentRule::ParseList("c2s:syn,s2c:data=1#2,client:1/c2s:ack=1", &rules), "");
    ASSERT_EQ(rules.size(), 3u);
    EXPECT_EQ(rules[1].GetText(), "s2c:data=1#2");
    EXPECT_EQ(TcpSegmentRule::JoinText(rules), "c2s:syn,s2c:data=1#2,client:1/c2s:ack=1");
    EXPECT_EQ(TcpSegmentRule::ParseList("", &rules), "");
    EXPECT_TRUE(rules.empty());
}

TEST(TcpSegmentRule, EachMalformedRuleIsNamed)
{
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"syn", "'syn': not [client:N/]DIR:WHAT[#K] with DIR c2s or s2c"},
        {"x2s:syn", "'x2s:syn': not [client:N/]DIR:WHAT[#K] with DIR c2s or s2c"},
        {"C2S:syn", "'C2S:syn': not [client:N/]DIR:WHAT[#K] with DIR c2s or s2c"},
        {"c2s:sin", "'c2s:sin': WHAT must be one of syn, synack, fin, rst, data=X, ack=A"},
        {"c2s:", "'c2s:': WHAT must be one of syn, synack, fin, rst, data=X, ack=A"},
        {"c2s:data", "'c2s:data': WHAT must be one of syn, synack, fin, rst, data=X, ack=A"},
        {"c2s:data=", "'c2s:data=': data=X needs a relative number from 1 to 4294967295"},
        {"c2s:data=0", "'c2s:data=0': data=X needs a relative number from 1 to 4294967295"},
        {"c2s:data=-1", "'c2s:data=-1': data=X needs a relative number from 1 to 4294967295"},
        {"c2s:data=4294967296", "'c2s:data=4294967296': data=X needs a relative number from 1 to 4294967295"},
        {"s2c:ack=x", "'s2c:ack=x': ack=A needs a relative number from 1 to 4294967295"},
        {"c2s:syn#0", "'c2s:syn#0': #K needs K, a whole number from 1 (the K-th matching segment)"},
        {"c2s:syn#", "'c2s:syn#': #K needs K, a whole number from 1 (the K-th matching segment)"},
        {"c2s:syn#2#3", "'c2s:syn#2#3': #K needs K, a whole number from 1 (the K-th matching segment)"},
        {"client:/c2s:syn", "'client:/c2s:syn': client:N/ needs N, a client number (0 is the first), and a /"},
        {"client:1c2s:syn", "'client:1c2s:syn': client:N/ needs N, a client number (0 is the first), and a /"},
        {"client:a/c2s:syn", "'client:a/c2s:syn': client:N/ needs N, a client number (0 is the first), and a /"},
    };
    for (const auto& [text, error] : cases)
    {
        std::vector<TcpSegmentRule> rules;
        EXPECT_EQ(TcpSegmentRule::ParseList(text, &rules), error) << text;
        EXPECT_TRUE(rules.empty()) << text;
    }
    std::vector<TcpSegmentRule> rules;
    EXPECT_EQ(TcpSegmentRule::ParseList("c2s:syn,c2s:bad", &rules),
              "'c2s:bad': WHAT must be one of syn, synack, fin, rst, data=X, ack=A")
        << "the faulty rule of a list is the one named";
    EXPECT_TRUE(rules.empty()) << "nothing kept from a list with a bad rule";
    EXPECT_EQ(TcpSegmentRule::ParseList("c2s:syn,,s2c:fin", &rules),
              "'c2s:syn,,s2c:fin': an empty rule (RULE[,RULE...], no blank between commas)");
    EXPECT_EQ(TcpSegmentRule::ParseList("c2s:syn,", &rules),
              "'c2s:syn,': an empty rule (RULE[,RULE...], no blank between commas)");
}

TEST(TcpSegmentRule, NamesSegmentsByFlags)
{
    EXPECT_TRUE(Rule("c2s:syn").Matches(SYN, 0, 0, std::nullopt));
    EXPECT_FALSE(Rule("c2s:syn").Matches(SYN | ACK, 0, 0, 1u)) << "syn is a SYN without ACK";
    EXPECT_TRUE(Rule("s2c:synack").Matches(SYN | ACK, 0, 0, 1u));
    EXPECT_FALSE(Rule("s2c:synack").Matches(SYN, 0, 0, std::nullopt));
    EXPECT_TRUE(Rule("c2s:fin").Matches(FIN | ACK, 120, 0, 1001u));
    EXPECT_TRUE(Rule("c2s:fin").Matches(FIN | ACK, 1, 100, 1u)) << "a FIN riding on data";
    EXPECT_FALSE(Rule("c2s:fin").Matches(ACK, 1, 0, 1u));
    EXPECT_TRUE(Rule("c2s:rst").Matches(RST | ACK, 1, 0, 1u));
    EXPECT_TRUE(Rule("c2s:rst").Matches(RST, 1, 0, std::nullopt));
}

TEST(TcpSegmentRule, DataCoversARelativeByte)
{
    // Bytes 1..1448 in the first segment, 1449..2896 in the second (relative seq 1 and 1449).
    TcpSegmentRule first = Rule("s2c:data=1");
    EXPECT_TRUE(first.Matches(ACK, 1, 1448, 1u));
    EXPECT_FALSE(first.Matches(ACK, 1449, 1448, 1u));
    EXPECT_FALSE(first.Matches(ACK, 1, 0, 1u)) << "no payload covers no byte";
    EXPECT_FALSE(first.Matches(SYN | ACK, 0, 0, 1u));
    TcpSegmentRule last = Rule("s2c:data=1448");
    EXPECT_TRUE(last.Matches(ACK, 1, 1448, 1u));
    EXPECT_FALSE(last.Matches(ACK, 1449, 1448, 1u));
    EXPECT_FALSE(Rule("s2c:data=1449").Matches(ACK, 1, 1448, 1u)) << "the byte just past the payload";
    EXPECT_TRUE(Rule("s2c:data=1449").Matches(ACK | FIN, 1449, 10, 1u)) << "data with a FIN on it";
    EXPECT_TRUE(Rule("s2c:data=2000").Matches(ACK, 1000, 1448, 1u)) << "a repacketized retransmission";
    // Past 2^32 bytes relative numbers wrap, as sequence numbers do (RFC 9293 3.4).
    EXPECT_TRUE(Rule("s2c:data=5").Matches(ACK, 4294967290u, 100, 1u));
}

TEST(TcpSegmentRule, AckIsAPureAckWithThatRelativeAck)
{
    TcpSegmentRule rule = Rule("c2s:ack=1");
    EXPECT_TRUE(rule.Matches(ACK, 1, 0, 1u)) << "the handshake's final ACK";
    EXPECT_FALSE(rule.Matches(ACK, 1, 0, 2u));
    EXPECT_FALSE(rule.Matches(ACK | TcpHeader::PSH, 1, 75, 1u)) << "data is not a pure ACK";
    EXPECT_FALSE(rule.Matches(ACK | FIN, 1, 0, 1u));
    EXPECT_FALSE(rule.Matches(SYN | ACK, 0, 0, 1u));
    EXPECT_FALSE(rule.Matches(ACK, 1, 0, std::nullopt)) << "the other side's ISN unknown";
    EXPECT_FALSE(rule.Matches(0, 1, 0, 1u)) << "no ACK flag";
}
