// RunSummary: the summary table's rows (its percentiles: percentiles-test.cc).
#include "ns3/handshake-module.h"

#include <gtest/gtest.h>

using namespace ns3;

TEST(RunSummary, TableCountsOutcomesAndTimes)
{
    ConnectionRecord ok;
    ok.synSent = 1.0;
    ok.established = 1.1; // 100 ms handshake
    ok.finSent = 2.0;
    ok.closed = 2.05;
    ok.retransmissions = 2;
    ok.outcome = "closed";
    ConnectionRecord reset;
    reset.synSent = 1.0;
    reset.outcome = "reset";
    TransactionRecord t;
    t.requestSent = 1.1;
    t.firstByte = 1.3;
    t.lastByte = 1.5;
    t.outcome = "ok";
    std::string text = RunSummary::Format("title", {ok, reset}, {t}, 3);
    EXPECT_NE(text.find("connections 2: closed 1, reset 1"), std::string::npos) << text;
    EXPECT_NE(text.find("requests 1: ok 1"), std::string::npos) << text;
    EXPECT_NE(text.find("handshake (SYN->ESTAB)         100.0     100.0     100.0  ms  (n=1)"), std::string::npos) << text;
    EXPECT_NE(text.find("time to first byte             200.0"), std::string::npos) << text;
    EXPECT_NE(text.find("teardown (FIN->closed)          50.0"), std::string::npos) << text;
    EXPECT_NE(text.find("TIME_WAIT at end          3"), std::string::npos) << text;
}

TEST(RunSummary, SamplesAreTheTableRows)
{
    ConnectionRecord c;
    c.synSent = 1.0;
    c.established = 1.1;
    c.finSent = 2.0; // no closed time (e.g. TIME_WAIT): no teardown value
    c.retransmissions = 1;
    TransactionRecord t;
    t.requestSent = 1.1;
    t.firstByte = 1.3;
    auto samples = RunSummary::Samples({c}, {t});
    ASSERT_EQ(samples.size(), 5u);
    EXPECT_EQ(samples[0].name, "handshake (SYN->ESTAB)");
    EXPECT_EQ(samples[0].records, "connections");
    ASSERT_EQ(samples[0].values.size(), 1u);
    EXPECT_NEAR(samples[0].values[0], 100.0, 1e-9);
    EXPECT_EQ(samples[1].records, "requests");
    EXPECT_NEAR(samples[1].values.at(0), 200.0, 1e-9);
    EXPECT_TRUE(samples[2].values.empty()) << "no last byte";
    EXPECT_TRUE(samples[3].values.empty()) << "no closed time";
    EXPECT_EQ(samples[4].unit, "segments");
    EXPECT_EQ(samples[4].values, std::vector<double>{1.0});
}

TEST(RunSummary, ServersLineSumsCountsAndTakesTheLargestPeaks)
{
    ServerRecord attacked;
    attacked.synsReceived = 1000;
    attacked.synQueueDrops = 870;
    attacked.acceptQueueDrops = 0;
    attacked.peakHalfOpen = 128;
    attacked.peakConnections = 131;
    ServerRecord other;
    other.synsReceived = 20;
    other.synQueueDrops = 0;
    other.acceptQueueDrops = 1;
    other.peakHalfOpen = 3;
    other.peakConnections = 200;
    EXPECT_EQ(RunSummary::FormatServers({attacked, other}, std::nullopt),
              "  servers: SYNs received 1020, SYN queue full 870, accept queue full 1; peak "
              "half-open 128, peak connections 200\n");

    ServerRecord stock; // counts stock TCP does not keep are left out
    stock.synsReceived = 5;
    SynFloodRecord flood;
    flood.target = "192.168.0.1:80";
    flood.rate = 1000;
    flood.start = 2;
    flood.stop = 12;
    flood.synsSent = 10000;
    flood.repliesDropped = 9990;
    EXPECT_EQ(RunSummary::FormatServers({stock}, flood),
              "  servers: SYNs received 5; peak half-open 0, peak connections 0\n"
              "  SYN flood at 192.168.0.1:80: 1000 SYN/s from 2.000 s to 12.000 s, 10000 sent, "
              "9990 replies dropped at the attacker\n");
}
