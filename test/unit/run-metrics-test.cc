// RunMetrics: the metrics of a run from its records, as results.sqlite's metrics table holds them.
#include "ns3/record-durations.h"
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
    connections[0].finSent = 4.0; // the client closes first
    connections[0].serverFinSent = 4.01;
    connections[0].timeWaitEntered = 4.03;
    connections[0].serverClosed = 4.05;
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

    auto metrics = RunMetrics::Compute({connections, transactions, servers, 12.3456789});
    EXPECT_EQ(metrics.size(), 43u);
    EXPECT_EQ(metrics.front().name, "connections");
    EXPECT_EQ(metrics.back().name, "syn_cookies_sent");
    metrics.push_back(RunMetrics::SynFloodMetric(flood)); // SynFloodComponent's, after the run's own
    auto m = ByName(metrics);
    EXPECT_EQ(m["connections"].value, 3);
    EXPECT_TRUE(m["connections"].count);
    EXPECT_EQ(m["conn_closed"].value, 2);
    EXPECT_EQ(m["conn_reset"].value, 1);
    EXPECT_EQ(m["conn_timeout"].value, 0);
    EXPECT_EQ(m["requests"].value, 2);
    EXPECT_EQ(m["requests_ok"].value, 1);
    EXPECT_EQ(m["requests_failed"].value, 1);
    EXPECT_FALSE(m["dns_lookups"].value) << "no lookup in this run: the DNS metrics are empty";
    EXPECT_FALSE(m["dns_p50"].value);
    // Handshakes of 100, 300 and 200 ms, rounded to 6 decimals: mean 200, p50 200, p90 300.
    EXPECT_EQ(m["handshake_mean"].value, 200);
    EXPECT_EQ(m["handshake_p50"].value, 200);
    EXPECT_EQ(m["handshake_p90"].value, 300);
    EXPECT_EQ(m["handshake_p50"].unit, "ms");
    EXPECT_FALSE(m["handshake_p50"].count);
    EXPECT_EQ(m["ttfb_p50"].value, 50);
    EXPECT_EQ(m["completion_mean"].value, 500);
    EXPECT_EQ(m["teardown_p90"].value, 50) << "only the connection with its close exchange recorded";
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
    auto metrics = RunMetrics::Compute({{}, {}, {}, 0});
    metrics.push_back(RunMetrics::SynFloodMetric(std::nullopt));
    auto m = ByName(metrics);
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

TEST(RunMetrics, TeardownEndsWhenTheCloseExchangeIsDoneAndTimeWaitIsItsOwn)
{
    // Issue 20: one definition in every mode. The client closes first: FIN at 10.0, the server's
    // at 10.02, the client enters TIME_WAIT at 10.04 and the server's LAST_ACK ends at 10.05;
    // with --drain the client's TIME_WAIT ends 60 s later. Teardown 50 ms either way.
    ConnectionRecord clientFirst = Connection(9.9, 9.95, "closed", 0);
    clientFirst.finSent = 10.0;
    clientFirst.serverFinSent = 10.02;
    clientFirst.timeWaitEntered = 10.04;
    clientFirst.serverClosed = 10.05;
    ConnectionRecord drained = clientFirst;
    drained.closed = 70.04;
    // The server closes first (FIN at 20.0), the client answers at 20.03 and its LAST_ACK ends at
    // 20.07; the server entered TIME_WAIT at 20.06: teardown 70 ms, a server-side TIME_WAIT.
    ConnectionRecord serverFirst = Connection(19.9, 19.95, "closed", 0);
    serverFirst.serverFinSent = 20.0;
    serverFirst.finSent = 20.03;
    serverFirst.serverTimeWaitEntered = 20.06;
    serverFirst.closed = 20.07;
    // No teardown: a reset, and a connection whose server side was not traced.
    ConnectionRecord reset = clientFirst;
    reset.outcome = "reset";
    ConnectionRecord untraced = clientFirst;
    untraced.serverClosed.reset();

    EXPECT_EQ(TeardownMs(clientFirst), TeardownMs(drained));
    EXPECT_NEAR(*TeardownMs(clientFirst), 50, 1e-9);
    EXPECT_NEAR(*TeardownMs(serverFirst), 70, 1e-9);
    EXPECT_FALSE(TeardownMs(reset));
    EXPECT_FALSE(TeardownMs(untraced));

    auto m = ByName(RunMetrics::Compute({{clientFirst, drained, serverFirst, reset, untraced}, {}, {}, 80}));
    EXPECT_EQ(m["teardown_p50"].value, 50);
    EXPECT_EQ(m["teardown_p90"].value, 70);
    EXPECT_EQ(m["time_wait_mean"].value, 60000) << "only the drained connection's TIME_WAIT ended";
    EXPECT_FALSE(m["server_time_wait_mean"].value) << "the server's TIME_WAIT never ended";
    EXPECT_EQ(m["fin_first_client"].value, 4);
    EXPECT_EQ(m["fin_first_server"].value, 1);
    EXPECT_EQ(m["time_wait_client"].value, 4);
    EXPECT_EQ(m["time_wait_server"].value, 1);
}

TEST(RunMetrics, DnsLookupsLeaveTheCacheHitsOutOfTheirTimes)
{
    std::vector<TransactionRecord> transactions(4);
    transactions[0].outcome = "ok";
    transactions[0].dnsStart = 1.0;
    transactions[0].dnsEnd = 1.0205; // a query: 20.5 ms
    transactions[1].outcome = "ok";
    transactions[1].dnsStart = transactions[1].dnsEnd = 2.0;
    transactions[1].dnsCached = true;
    transactions[2].outcome = "dns-failed";
    transactions[2].dnsStart = 3.0;
    transactions[2].dnsEnd = 13.0; // glibc's 5 s x 2
    transactions[3].outcome = "ok"; // reused a connection: no lookup of its own
    auto m = ByName(RunMetrics::Compute({{}, transactions, {}, 20}));
    EXPECT_EQ(m["dns_lookups"].value, 2);
    EXPECT_EQ(m["dns_cache_hits"].value, 1);
    EXPECT_EQ(m["requests_dns_failed"].value, 1);
    EXPECT_EQ(m["dns_mean"].value, 5010.25);
    EXPECT_EQ(m["dns_p50"].value, 20.5);
    EXPECT_EQ(m["dns_p90"].value, 10000);
    EXPECT_EQ(m["dns_p90"].unit, "ms");
}
