// RunSummary: the summary table's rows (its percentiles: percentiles-test.cc).
#include "ns3/handshake-module.h"

#include <gtest/gtest.h>

using namespace ns3;

TEST(RunSummary, TableCountsOutcomesAndTimes)
{
    ConnectionRecord ok;
    ok.synSent = 1.0;
    ok.established = 1.1; // 100 ms handshake
    ok.serverFinSent = 1.95; // the server closes first and waits in TIME_WAIT; the client's LAST_ACK
    ok.finSent = 2.0;
    ok.serverTimeWaitEntered = 2.03;
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
    EXPECT_NE(text.find("teardown (1st FIN->done)       100.0"), std::string::npos) << text;
    EXPECT_NE(text.find("TIME_WAIT, server         (none)"), std::string::npos) << text;
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
    ASSERT_EQ(samples.size(), 7u);
    EXPECT_EQ(samples[0].name, "handshake (SYN->ESTAB)");
    EXPECT_EQ(samples[0].records, "connections");
    ASSERT_EQ(samples[0].values.size(), 1u);
    EXPECT_NEAR(samples[0].values[0], 100.0, 1e-9);
    EXPECT_EQ(samples[1].records, "requests");
    EXPECT_NEAR(samples[1].values.at(0), 200.0, 1e-9);
    EXPECT_TRUE(samples[2].values.empty()) << "no last byte";
    EXPECT_TRUE(samples[3].values.empty()) << "no end of the close exchange";
    EXPECT_EQ(samples[4].name, "TIME_WAIT, client");
    EXPECT_EQ(samples[5].name, "TIME_WAIT, server");
    EXPECT_EQ(samples[6].unit, "segments");
    EXPECT_EQ(samples[6].values, std::vector<double>{1.0});
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
    EXPECT_EQ(RunSummary::FormatServers({attacked, other}),
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
    EXPECT_EQ(RunSummary::FormatServers({stock}) + RunSummary::FormatSynFlood(flood),
              "  servers: SYNs received 5; peak half-open 0, peak connections 0\n"
              "  SYN flood at 192.168.0.1:80: 1000 SYN/s from 2.000 s to 12.000 s, 10000 sent, "
              "9990 replies dropped at the attacker\n");
}

namespace
{

ConnectionRecord
OpenConnection(uint64_t id, const std::string& state, const std::string& source)
{
    ConnectionRecord c;
    c.id = id;
    c.clientAddress = "10.0.0.189";
    c.clientPort = 49154;
    c.serverAddress = "192.168.0.5";
    c.serverPort = 80;
    c.finalState = state;
    c.stateSource = source;
    c.outcome = "unfinished";
    c.openAtEnd = true;
    return c;
}

} // namespace

TEST(RunSummary, RunEndSaysWhyAndNamesTheConnectionsLeft)
{
    ConnectionRecord closed;
    closed.id = 1;
    closed.outcome = "closed";
    TransactionRecord ok;
    ok.outcome = "ok";
    RunEndRecord end{"ended", 19.5, 13.5, 120, 600, std::nullopt};
    EXPECT_EQ(RunSummary::FormatRunEnd(end, {closed}, {ok}),
              "  run ended at 19.500 s: every request had its outcome at 13.500 s and every "
              "connection had ended\n");

    end = RunEndRecord{"grace", 133.5, 13.5, 120, 600, std::nullopt};
    std::string text = RunSummary::FormatRunEnd(
        end, {closed, OpenConnection(2, "LAST_ACK", "tcp"), OpenConnection(3, "FIN_WAIT_2", "wire")},
        {ok});
    EXPECT_EQ(text, "  run ended at 133.500 s: every request had its outcome at 13.500 s; 120 s later "
                    "2 connections were still open:\n"
                    "    connection 2 10.0.0.189:49154 -> 192.168.0.5:80 LAST_ACK (the TCP's trace)\n"
                    "    connection 3 10.0.0.189:49154 -> 192.168.0.5:80 FIN_WAIT_2 (as the wire "
                    "shows it)\n");

    TransactionRecord unfinished;
    unfinished.outcome = "unfinished";
    end = RunEndRecord{"limit", 600, std::nullopt, 120, 600, std::nullopt};
    text = RunSummary::FormatRunEnd(end, {OpenConnection(1, "FIN_WAIT_1", "tcp")}, {ok, unfinished});
    EXPECT_EQ(text.substr(0, text.find('\n')),
              "  run ended at the 600 s time limit: 1 of 2 requests were still under way (recorded "
              "unfinished); 1 connection was open:");
}

TEST(RunSummary, RunEndListsAtMostTwentyConnectionsByName)
{
    std::vector<ConnectionRecord> open;
    for (uint64_t id = 1; id <= 25; ++id)
    {
        open.push_back(OpenConnection(id, "LAST_ACK", "tcp"));
    }
    std::string text = RunSummary::FormatRunEnd({"grace", 200, 80.0, 120, 600, std::nullopt}, open, {});
    EXPECT_NE(text.find("connection 20 "), std::string::npos) << text;
    EXPECT_EQ(text.find("connection 21 "), std::string::npos) << text;
    EXPECT_NE(text.find("    ... and 5 more (results.sqlite: connections with open_at_end = 1)\n"),
              std::string::npos)
        << text;
}
