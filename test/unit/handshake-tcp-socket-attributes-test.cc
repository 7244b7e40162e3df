// HandshakeTcpSocket's attributes: ns3::TcpSocket's own map onto the core's TcpConfig, ours cover the
// rest, with the cited defaults.
#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/handshake-module.h"
#include "ns3/nstime.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

#include <chrono>

using namespace ns3;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(HandshakeTcpSocketAttributes, DefaultsFollowTheirSources)
{
    Ptr<HandshakeTcpSocket> socket = CreateObject<HandshakeTcpSocket>();
    const auto& config = socket->GetConfig();
    EXPECT_EQ(config.initialRto, seconds(1)); // RFC 6298 2.1
    EXPECT_EQ(config.minRto, seconds(1));     // RFC 6298 2.4
    EXPECT_EQ(config.maxRto, seconds(60));    // RFC 6298 2.5
    EXPECT_EQ(config.msl, seconds(120));      // RFC 9293 3.4.2
    EXPECT_EQ(config.windowScale, 2);
    // ns3::TcpSocket's defaults, shared with stock TCP.
    UintegerValue segmentSize;
    socket->GetAttribute("SegmentSize", segmentSize);
    EXPECT_EQ(config.mss, segmentSize.Get());
}

TEST(HandshakeTcpSocketAttributes, TcpSocketAttributesReachTheCoreConfig)
{
    Ptr<HandshakeTcpSocket> socket = CreateObject<HandshakeTcpSocket>();
    socket->SetAttribute("SegmentSize", UintegerValue(1448));
    socket->SetAttribute("SndBufSize", UintegerValue(65536));
    socket->SetAttribute("RcvBufSize", UintegerValue(32768));
    socket->SetAttribute("InitialCwnd", UintegerValue(4));
    socket->SetAttribute("InitialSlowStartThreshold", UintegerValue(100000));
    socket->SetAttribute("ConnCount", UintegerValue(3)); // ns-3 names SynRetries so
    socket->SetAttribute("DataRetries", UintegerValue(9));
    socket->SetAttribute("DelAckTimeout", TimeValue(MilliSeconds(40)));
    socket->SetAttribute("PersistTimeout", TimeValue(MilliSeconds(500)));
    const auto& config = socket->GetConfig();
    EXPECT_EQ(config.mss, 1448);
    EXPECT_EQ(config.sendBufferBytes, 65536u);
    EXPECT_EQ(config.receiveBufferBytes, 32768u);
    EXPECT_EQ(config.initialCwndSegments, 4u);
    EXPECT_EQ(config.initialSsthresh, 100000u);
    EXPECT_EQ(config.synRetries, 3u);
    EXPECT_EQ(config.dataRetries, 9u);
    EXPECT_EQ(config.delayedAckTimeout, milliseconds(40));
    EXPECT_EQ(config.persistMin, milliseconds(500));
    EXPECT_EQ(socket->GetTxAvailable(), 65536u);
}

TEST(HandshakeTcpSocketAttributes, OwnAttributesReachTheCoreConfig)
{
    Ptr<HandshakeTcpSocket> socket = CreateObject<HandshakeTcpSocket>();
    socket->SetAttribute("InitialRto", TimeValue(MilliSeconds(300)));
    socket->SetAttribute("MinRto", TimeValue(MilliSeconds(200)));
    socket->SetAttribute("MaxRto", TimeValue(Seconds(120)));
    socket->SetAttribute("Msl", TimeValue(Seconds(30)));
    socket->SetAttribute("PersistMax", TimeValue(Seconds(10)));
    socket->SetAttribute("WindowScale", UintegerValue(0));
    EXPECT_EQ(socket->GetConfig().synAckRetries, 5u); // Linux's tcp_synack_retries
    socket->SetAttribute("SynAckRetries", UintegerValue(2));
    const auto& config = socket->GetConfig();
    EXPECT_EQ(config.initialRto, milliseconds(300));
    EXPECT_EQ(config.minRto, milliseconds(200));
    EXPECT_EQ(config.maxRto, seconds(120));
    EXPECT_EQ(config.msl, seconds(30));
    EXPECT_EQ(config.persistMax, seconds(10));
    EXPECT_EQ(config.windowScale, 0);
    EXPECT_EQ(config.synAckRetries, 2u);
}

TEST(HandshakeTcpSocketAttributes, ConfigSetDefaultReachesNewSockets)
{
    Config::SetDefault("ns3::HandshakeTcpSocket::Msl", TimeValue(Seconds(1)));
    Ptr<HandshakeTcpSocket> socket = CreateObject<HandshakeTcpSocket>();
    EXPECT_EQ(socket->GetConfig().msl, seconds(1));
    Config::SetDefault("ns3::HandshakeTcpSocket::Msl", TimeValue(Seconds(120)));
}
