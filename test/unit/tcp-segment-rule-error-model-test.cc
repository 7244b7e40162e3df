// TcpSegmentRuleErrorModel on hand-built packets (PPP + IPv4 + TCP, as a PointToPointNetDevice's
// receive error model sees them): per-connection and per-direction counts, #K, sequence and
// acknowledgement numbers relative to each side's ISN, the client filter and the Drop trace.
#include "ns3/handshake-module.h"
#include "ns3/ipv4-header.h"
#include "ns3/ppp-header.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/string.h"
#include "ns3/tcp-header.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace ns3;

namespace
{

constexpr uint8_t SYN = TcpHeader::SYN;
constexpr uint8_t ACK = TcpHeader::ACK;
constexpr uint8_t FIN = TcpHeader::FIN;

/** One TCP connection's segments, told by relative numbers, through one model. */
class Conversation
{
  public:
    Conversation(Ptr<ErrorModel> model,
                 const char* client,
                 uint16_t clientPort,
                 uint32_t clientIsn = 1000,
                 uint32_t serverIsn = 0xFFFFFFF0, // relative numbers wrap past 2^32
                 bool ppp = true)
        : m_model(model),
          m_client(client),
          m_clientPort(clientPort),
          m_clientIsn(clientIsn),
          m_serverIsn(serverIsn),
          m_ppp(ppp)
    {
    }

    /** True when the model drops the client's segment with these relative numbers. */
    bool C2s(uint8_t flags, uint32_t seq, uint32_t ack, uint32_t length = 0) const
    {
        return m_model->IsCorrupt(Build(true, flags, m_clientIsn + seq, m_serverIsn + ack, length));
    }

    bool S2c(uint8_t flags, uint32_t seq, uint32_t ack, uint32_t length = 0) const
    {
        return m_model->IsCorrupt(Build(false, flags, m_serverIsn + seq, m_clientIsn + ack, length));
    }

    /** SYN, SYN-ACK, ACK; true when none was dropped. */
    bool Handshake() const
    {
        bool lost = C2s(SYN, 0, 0);
        lost |= S2c(SYN | ACK, 0, 1);
        lost |= C2s(ACK, 1, 1);
        return !lost;
    }

  private:
    Ptr<Packet> Build(bool fromClient, uint8_t flags, uint32_t seq, uint32_t ack, uint32_t length) const
    {
        Ptr<Packet> packet = Create<Packet>(length);
        TcpHeader tcp;
        tcp.SetSourcePort(fromClient ? m_clientPort : 80);
        tcp.SetDestinationPort(fromClient ? 80 : m_clientPort);
        tcp.SetFlags(flags);
        tcp.SetSequenceNumber(SequenceNumber32(seq));
        tcp.SetAckNumber(SequenceNumber32((flags & ACK) ? ack : 0));
        packet->AddHeader(tcp);
        Ipv4Header ip;
        ip.SetSource(Ipv4Address(fromClient ? m_client : SERVER));
        ip.SetDestination(Ipv4Address(fromClient ? SERVER : m_client));
        ip.SetProtocol(6);
        ip.SetPayloadSize(packet->GetSize());
        packet->AddHeader(ip);
        if (m_ppp)
        {
            PppHeader ppp;
            ppp.SetProtocol(0x0021);
            packet->AddHeader(ppp);
        }
        return packet;
    }

    static constexpr const char* SERVER = "192.168.0.1";
    Ptr<ErrorModel> m_model;
    const char* m_client;
    uint16_t m_clientPort;
    uint32_t m_clientIsn;
    uint32_t m_serverIsn;
    bool m_ppp;
};

Ptr<TcpSegmentRuleErrorModel>
Model(const std::string& rules)
{
    Ptr<TcpSegmentRuleErrorModel> model = CreateObject<TcpSegmentRuleErrorModel>();
    EXPECT_TRUE(model->SetAttributeFailSafe("Rules", StringValue(rules))) << rules;
    return model;
}

} // namespace

TEST(TcpSegmentRuleErrorModel, DropsTheKthMatchOfEachConnection)
{
    Ptr<TcpSegmentRuleErrorModel> model = Model("c2s:syn#2");
    Conversation first(model, "10.0.0.1", 49152);
    EXPECT_FALSE(first.C2s(SYN, 0, 0)) << "the first SYN goes through";
    EXPECT_TRUE(first.C2s(SYN, 0, 0)) << "its retransmission is the second match";
    EXPECT_FALSE(first.C2s(SYN, 0, 0)) << "and only the second";
    Conversation second(model, "10.0.0.1", 49153);
    EXPECT_FALSE(second.C2s(SYN, 0, 0)) << "another connection of the same client counts afresh";
    EXPECT_TRUE(second.C2s(SYN, 0, 0));
}

TEST(TcpSegmentRuleErrorModel, CountsPerDirection)
{
    Ptr<TcpSegmentRuleErrorModel> model = Model("c2s:fin");
    Conversation c(model, "10.0.0.1", 49152);
    ASSERT_TRUE(c.Handshake());
    EXPECT_FALSE(c.S2c(FIN | ACK, 1, 1)) << "the server's FIN is s2c";
    EXPECT_TRUE(c.C2s(FIN | ACK, 1, 2)) << "the client's FIN";
    EXPECT_FALSE(c.C2s(FIN | ACK, 1, 2)) << "its retransmission is the second match";
}

TEST(TcpSegmentRuleErrorModel, SequenceNumbersAreRelativeToTheSendersIsn)
{
    // The server's ISN is 0xFFFFFFF0: its byte 1 is at absolute 0xFFFFFFF1, byte 100 past the wrap.
    Ptr<TcpSegmentRuleErrorModel> model = Model("s2c:data=1#2,s2c:data=100");
    Conversation c(model, "10.0.0.1", 49152);
    ASSERT_TRUE(c.Handshake());
    EXPECT_FALSE(c.C2s(ACK, 1, 1, 80)) << "the request: c2s data";
    EXPECT_FALSE(c.S2c(ACK, 1, 81, 50)) << "bytes 1..50: the first transmission of byte 1";
    EXPECT_TRUE(c.S2c(ACK, 51, 81, 50)) << "bytes 51..100 hold byte 100";
    EXPECT_TRUE(c.S2c(ACK, 1, 81, 50)) << "the retransmission of byte 1";
    EXPECT_FALSE(c.S2c(ACK, 1, 81, 50));
}

TEST(TcpSegmentRuleErrorModel, AckIsRelativeToTheOtherSidesIsn)
{
    Ptr<TcpSegmentRuleErrorModel> model = Model("c2s:ack=1,s2c:ack=81");
    Conversation c(model, "10.0.0.1", 49152);
    EXPECT_FALSE(c.C2s(SYN, 0, 0));
    EXPECT_FALSE(c.S2c(SYN | ACK, 0, 1)) << "acknowledges the client's SYN, but is no pure ACK";
    EXPECT_TRUE(c.C2s(ACK, 1, 1)) << "the handshake's final ACK";
    EXPECT_FALSE(c.C2s(ACK | TcpHeader::PSH, 1, 1, 80)) << "the request acknowledges 1 too, with data";
    EXPECT_TRUE(c.S2c(ACK, 1, 81)) << "the server's pure ACK of the request";
}

TEST(TcpSegmentRuleErrorModel, SeesOneDirectionOnlyAndInfersTheOtherIsn)
{
    // A model on the router's end of the access link only sees c2s; the client's first ACK
    // acknowledges the server's ISN + 1.
    Ptr<TcpSegmentRuleErrorModel> model = Model("c2s:ack=1#2");
    Conversation c(model, "10.0.0.1", 49152);
    EXPECT_FALSE(c.C2s(SYN, 0, 0));
    EXPECT_FALSE(c.C2s(ACK, 1, 1));
    EXPECT_TRUE(c.C2s(ACK, 1, 1)) << "a duplicate of the final ACK";
    // One on the client's end sees s2c: the SYN-ACK gives both ISNs.
    Ptr<TcpSegmentRuleErrorModel> clientEnd = Model("s2c:data=1");
    Conversation d(clientEnd, "10.0.0.2", 49152);
    EXPECT_FALSE(d.S2c(SYN | ACK, 0, 1));
    EXPECT_TRUE(d.S2c(ACK, 1, 81, 1000));
}

TEST(TcpSegmentRuleErrorModel, ANewSynOnTheSameTupleStartsFreshCounts)
{
    Ptr<TcpSegmentRuleErrorModel> model = Model("c2s:syn");
    Conversation old(model, "10.0.0.1", 49152, 1000);
    EXPECT_TRUE(old.C2s(SYN, 0, 0));
    EXPECT_FALSE(old.C2s(SYN, 0, 0)) << "a retransmitted SYN has the same ISN: same connection";
    Conversation reused(model, "10.0.0.1", 49152, 5000000);
    EXPECT_TRUE(reused.C2s(SYN, 0, 0)) << "another ISN on the same 4-tuple: a new connection";
}

TEST(TcpSegmentRuleErrorModel, ClientFilterPicksOneClientsConnections)
{
    Ptr<TcpSegmentRuleErrorModel> model = Model("client:1/c2s:syn");
    model->AddClient(Ipv4Address("10.0.0.1"), 0);
    model->AddClient(Ipv4Address("10.0.0.2"), 1);
    EXPECT_FALSE(Conversation(model, "10.0.0.1", 49152).C2s(SYN, 0, 0)) << "client 0";
    EXPECT_TRUE(Conversation(model, "10.0.0.2", 49152).C2s(SYN, 0, 0)) << "client 1";
    EXPECT_FALSE(Conversation(model, "10.0.0.3", 49152).C2s(SYN, 0, 0)) << "an address of no client";
    Ptr<TcpSegmentRuleErrorModel> everyone = Model("c2s:syn");
    EXPECT_TRUE(Conversation(everyone, "10.0.0.3", 49152).C2s(SYN, 0, 0)) << "no filter: every client";
}

TEST(TcpSegmentRuleErrorModel, DropTraceNamesRuleConnectionAndDirection)
{
    Ptr<TcpSegmentRuleErrorModel> model = Model("c2s:syn#5,s2c:synack");
    std::vector<TcpSegmentRuleErrorModel::Dropped> drops;
    model->TraceConnectWithoutContext(
        "Drop",
        Callback<void, Ptr<const Packet>, const TcpSegmentRuleErrorModel::Dropped&>(
            [&drops](Ptr<const Packet>, const TcpSegmentRuleErrorModel::Dropped& d) { drops.push_back(d); }));
    Conversation c(model, "10.0.0.7", 50000);
    EXPECT_FALSE(c.C2s(SYN, 0, 0));
    EXPECT_TRUE(c.S2c(SYN | ACK, 0, 1));
    ASSERT_EQ(drops.size(), 1u);
    EXPECT_EQ(drops[0].rule, "s2c:synack");
    EXPECT_EQ(drops[0].ruleIndex, 1u);
    EXPECT_FALSE(drops[0].clientToServer);
    EXPECT_EQ(drops[0].clientAddress, Ipv4Address("10.0.0.7"));
    EXPECT_EQ(drops[0].clientPort, 50000);
    EXPECT_EQ(drops[0].serverAddress, Ipv4Address("192.168.0.1"));
    EXPECT_EQ(drops[0].serverPort, 80);
}

TEST(TcpSegmentRuleErrorModel, ReadsIpv4WithoutPppAndIgnoresTheUnknown)
{
    Ptr<TcpSegmentRuleErrorModel> model = Model("c2s:syn");
    EXPECT_TRUE(Conversation(model, "10.0.0.1", 49152, 1, 2, false).C2s(SYN, 0, 0));
    EXPECT_FALSE(model->IsCorrupt(Create<Packet>(100))) << "not IPv4";
    EXPECT_FALSE(Conversation(model, "10.0.0.1", 49153).C2s(ACK, 1, 1)) << "no SYN seen: unknown direction";
}

TEST(TcpSegmentRuleErrorModel, MalformedRulesAttributeIsRefused)
{
    Ptr<TcpSegmentRuleErrorModel> model = Model("c2s:syn");
    EXPECT_FALSE(model->SetAttributeFailSafe("Rules", StringValue("c2s:sin")));
    StringValue rules;
    model->GetAttribute("Rules", rules);
    EXPECT_EQ(rules.Get(), "c2s:syn") << "the rules before stay";
}

TEST(CombinedErrorModel, AsksEveryModelAboutEveryPacket)
{
    Ptr<TcpSegmentRuleErrorModel> rules = Model("c2s:syn#2");
    Ptr<RateErrorModel> all = CreateObject<RateErrorModel>();
    all->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
    all->SetRate(1.0);
    Ptr<CombinedErrorModel> combined = CreateObject<CombinedErrorModel>();
    combined->Add(all);
    combined->Add(rules);
    combined->Add(nullptr);
    EXPECT_EQ(combined->GetModels().size(), 2u);
    Conversation c(combined, "10.0.0.1", 49152);
    EXPECT_TRUE(c.C2s(SYN, 0, 0)) << "lost to the rate model";
    Conversation alone(rules, "10.0.0.1", 49152);
    EXPECT_TRUE(alone.C2s(SYN, 0, 0)) << "yet the rule model counted the first SYN: this is its #2";
}
