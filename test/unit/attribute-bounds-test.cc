// AttributeBounds: TCP attributes whose ns-3 checkers accept values that crash a run (issue 23).
#include "ns3/attribute-bounds.h"
#include "ns3/config.h"
#include "ns3/handshake-module.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

using namespace ns3;

TEST(AttributeBounds, RejectsValuesOutsideTheRangeAndNamesIt)
{
    EXPECT_EQ(AttributeBounds::Check("ns3::TcpSocket::SegmentSize", "0"),
              "'0' is out of range: accepted 88 to 65495 (Linux's smallest MSS (TCP_MIN_MSS) up to "
              "what one IPv4 datagram carries)");
    EXPECT_NE(AttributeBounds::Check("ns3::TcpSocket::SegmentSize", "65496"), "");
    EXPECT_EQ(AttributeBounds::Check("ns3::TcpSocket::SegmentSize", "88"), "");
    EXPECT_EQ(AttributeBounds::Check("ns3::TcpSocket::SegmentSize", "65495"), "");
    EXPECT_NE(AttributeBounds::Check("ns3::TcpSocket::SndBufSize", "4607"), "");
    EXPECT_EQ(AttributeBounds::Check("ns3::TcpSocket::SndBufSize", "4294967295"), "");
    EXPECT_NE(AttributeBounds::Check("ns3::TcpSocket::RcvBufSize", "1073741825"), "");
    EXPECT_NE(AttributeBounds::Check("ns3::TcpSocket::ConnCount", "0"), "");
    EXPECT_NE(AttributeBounds::Check("ns3::TcpSocketBase::MaxWindowSize", "0"), "");
}

TEST(AttributeBounds, FindsAnAttributeThroughAChildType)
{
    EXPECT_NE(AttributeBounds::Check("ns3::HandshakeTcpSocket::SegmentSize", "87"), "");
    EXPECT_NE(AttributeBounds::Check("ns3::TcpSocketBase::SegmentSize", "87"), "");
    EXPECT_EQ(AttributeBounds::Check("ns3::HandshakeTcpSocket::SynQueueLimit", "1"), "")
        << "attributes without bounds pass";
}

TEST(AttributeBounds, ChecksTimesInTheirUnit)
{
    EXPECT_EQ(AttributeBounds::Check("ns3::TcpSocket::ConnTimeout", "1ns"),
              "'1ns' is out of range: accepted 1ms to any larger value (the first SYN's timeout, at "
              "least a timer tick)");
    EXPECT_EQ(AttributeBounds::Check("ns3::TcpSocket::ConnTimeout", "1ms"), "");
    EXPECT_EQ(AttributeBounds::Check("ns3::TcpSocket::ConnTimeout", "3"), "") << "bare seconds";
    EXPECT_EQ(AttributeBounds::Check("ns3::TcpSocket::ConnTimeout", "junk"), "")
        << "malformed values are AttributeText's to report";
}

TEST(AttributeBounds, ChecksAttributesTogetherOnTheTcpThatRuns)
{
    EXPECT_EQ(AttributeBounds::CheckTogether("handshake"), "");
    EXPECT_EQ(AttributeBounds::CheckTogether("ns3"), "");
    Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(131071));
    EXPECT_EQ(AttributeBounds::CheckTogether("handshake"), "");
    EXPECT_NE(AttributeBounds::CheckTogether("ns3").find("below 131072"), std::string::npos);
    Config::SetDefault("ns3::HandshakeTcpL4Protocol::EphemeralPortMin", UintegerValue(2000));
    Config::SetDefault("ns3::HandshakeTcpL4Protocol::EphemeralPortMax", UintegerValue(1999));
    EXPECT_EQ(AttributeBounds::CheckTogether("handshake"),
              "--ns3::HandshakeTcpL4Protocol::EphemeralPortMin=2000 is above EphemeralPortMax=1999: no "
              "port to connect from");
    Config::Reset();
}
