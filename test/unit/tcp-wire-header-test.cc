// TcpWireHeader: the fixed part of a TCP header read off a packet agrees with ns-3's TcpHeader.
#include "ns3/packet.h"
#include "ns3/sequence-number.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-option-sack.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-wire-header.h"

#include <gtest/gtest.h>

#include <vector>

using namespace ns3;

TEST(TcpWireHeader, ReadsWhatTcpHeaderWroteWithOptionsAndPayload)
{
    std::vector<uint8_t> payload(1000, 'x');
    Ptr<Packet> packet = Create<Packet>(payload.data(), payload.size());
    TcpHeader header;
    header.SetSourcePort(49152);
    header.SetDestinationPort(80);
    header.SetSequenceNumber(SequenceNumber32(0xfffffff0));
    header.SetAckNumber(SequenceNumber32(123456789));
    header.SetFlags(TcpHeader::ACK | TcpHeader::PSH | TcpHeader::FIN);
    header.SetWindowSize(512);
    Ptr<TcpOptionTS> ts = CreateObject<TcpOptionTS>();
    ts->SetTimestamp(7);
    ts->SetEcho(9);
    header.AppendOption(ts);
    Ptr<TcpOptionSack> sack = CreateObject<TcpOptionSack>();
    sack->AddSackBlock(TcpOptionSack::SackBlock(SequenceNumber32(1000), SequenceNumber32(2448)));
    header.AppendOption(sack);
    packet->AddHeader(header);

    TcpWireHeader wire;
    ASSERT_TRUE(wire.Read(packet));
    EXPECT_EQ(wire.GetSourcePort(), 49152);
    EXPECT_EQ(wire.GetDestinationPort(), 80);
    EXPECT_EQ(wire.GetSequenceNumber(), 0xfffffff0u);
    EXPECT_EQ(wire.GetAckNumber(), 123456789u);
    EXPECT_EQ(wire.GetFlags(), TcpHeader::ACK | TcpHeader::PSH | TcpHeader::FIN);
    EXPECT_EQ(wire.GetHeaderLength(), header.GetSerializedSize());
    EXPECT_EQ(packet->GetSize() - wire.GetHeaderLength(), payload.size());
}

TEST(TcpWireHeader, ShorterThanAHeaderIsNotRead)
{
    std::vector<uint8_t> bytes(19, 0xff);
    TcpWireHeader wire;
    EXPECT_FALSE(wire.Read(Create<Packet>(bytes.data(), bytes.size())));
    EXPECT_EQ(wire.GetFlags(), 0);
}
