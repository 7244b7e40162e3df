// RunMetrics: the metrics of a run from its records, as results.sqlite's metrics table holds them.
#include "ns3/run-metrics.h"

#include <gtest/gtest.h>

#include <map>

using namespace ns3;

namespace
{

std::map<std::string, MetricRecord>
ByName(const std::vector<MetricRecord>& metrics)
{
    std::map<std::string, MetricRecord> byName;
    for (const auto& m : metrics)
    {
        byName[m.name] = m;
    }
    return byName;
}

ConnectionRecord
Connection(double synSent, double established, const std::string& outcome, uint32_t retransmissions)
{
    ConnectionRecord c;
    c.synSent = synSent;
    c.established = established;
    c.outcome = outcome;
    c.retransmissions = retransmissions;
    return c;
}

} // namespace

TEST(RunMetrics, CountsDurationsAndServers)
{
    std::vector<ConnectionRecord> connections{Connection(1.0, 1.1, "closed", 0),
                                              Connection(2.0, 2.3, "closed", 1),
                                              Connection(3.0, 3.2, "reset", 2)};
    connections[0].finSent = 4.0;
    connections[0].closed = 4.05;
    std::vector<TransactionRecord> transactions(2);
    transactions[0].outcome = "ok";
    transactions[0].connectCalled = 1.0;
    transactions[0].requestSent = 1.1;
    transactions[0].firstByte = 1.15;
    transactions[0].lastByte = 1.5;
    transactions[1].outcome = "reset";
    std::vector<ServerRecord> servers(2);
    servers[0].peakHalfOpen = 3;
    servers[1].peakHalfOpen = 5;
    servers[1].peakConnections = 7;
    servers[0].synQueueDrops = 2;
    std::optional<SynFloodRecord> flood = SynFloodRecord{};
    flood->synsSent = 1500;

    auto metrics = RunMetrics::Compute({connections, transactions, servers, flood, 12.3456789});
    auto m = ByName(metrics);
    EXPECT_EQ(metrics.size(), 28u);
    EXPECT_EQ(metrics.front().name, "connections");
    EXPECT_EQ(metrics.back().name, "flood_syns_sent");
    EXPECT_EQ(m["connections"].value, 3);
    EXPECT_TRUE(m["connections"].count);
    EXPECT_EQ(m["conn_closed"].value, 2);
    EXPECT_EQ(m["conn_reset"].value, 1);
    EXPECT_EQ(m["conn_timeout"].value, 0);
    EXPECT_EQ(m["requests"].value, 2);
    EXPECT_EQ(m["requests_ok"].value, 1);
    EXPECT_EQ(m["requests_failed"].value, 1);
    // Handshakes of 100, 300 and 200 ms, rounded to 6 decimals: mean 200, p50 200, p90 300.
    EXPECT_EQ(m["handshake_mean"].value, 200);
    EXPECT_EQ(m["handshake_p50"].value, 200);
    EXPECT_EQ(m["handshake_p90"].value, 300);
    EXPECT_EQ(m["handshake_p50"].unit, "ms");
    EXPECT_FALSE(m["handshake_p50"].count);
    EXPECT_EQ(m["ttfb_p50"].value, 50);
    EXPECT_EQ(m["completion_mean"].value, 500);
    EXPECT_EQ(m["teardown_p90"].value, 50) << "only the connection with both times";
    EXPECT_EQ(m["retrans_per_conn"].value, 1);
    EXPECT_EQ(m["simulated_seconds"].value, 12.345679) << "as runs.simulated_seconds (6 decimals)";
    EXPECT_EQ(m["peak_half_open"].value, 5);
    EXPECT_EQ(m["peak_server_connections"].value, 7);
    EXPECT_EQ(m["syn_queue_drops"].value, 2);
    EXPECT_FALSE(m["syn_cookies_sent"].value) << "no server's TCP keeps the count";
    EXPECT_EQ(m["flood_syns_sent"].value, 1500);
}

TEST(RunMetrics, NoDataIsNoValue)
{
    auto m = ByName(RunMetrics::Compute({{}, {}, {}, std::nullopt, 0}));
    EXPECT_EQ(m["connections"].value, 0);
    EXPECT_EQ(m["requests_failed"].value, 0);
    EXPECT_FALSE(m["handshake_mean"].value);
    EXPECT_FALSE(m["ttfb_p90"].value);
    EXPECT_FALSE(m["retrans_per_conn"].value);
    EXPECT_FALSE(m["peak_half_open"].value);
    EXPECT_FALSE(m["flood_syns_sent"].value);
    EXPECT_EQ(m["simulated_seconds"].value, 0);
}

TEST(RunMetrics, RoundsAsPythonDoes)
{
    // round(x, 6) in Python: the double's exact decimal expansion rounded, ties to even.
    EXPECT_EQ(RunMetrics::RoundToMicro(0.1 * 3), 0.3);
    EXPECT_EQ(RunMetrics::RoundToMicro(130.41952000000003), 130.41952);
    EXPECT_EQ(RunMetrics::RoundToMicro(2.0000005), 2.000001) << "2.0000005 is 2.00000050000000014...";
    EXPECT_EQ(RunMetrics::RoundToMicro(0.0000005), 0.0) << "0.0000005 is 4.99999999999999977...e-7";
}
