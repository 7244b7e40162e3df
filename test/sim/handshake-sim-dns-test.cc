// handshake-sim --dns=on (issue [dns]): each client looks its server's name up before each new
// connection through the DNS host; tshark decodes the queries and answers in the clients' pcaps,
// each before the SYN it serves; results.sqlite records each request's lookup (from the cache or
// not), summary.txt and the metrics have the DNS time; a DNS server nobody reaches ends every
// request as dns-failed with nothing else lost; loss on the access links hits DNS too; bad flags
// exit 2. Off by default, where a run sends no DNS at all.
#include "pcap-checker.h"
#include "sim-program.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using handshake::test::PcapChecker;
using handshake::test::SimProgram;

namespace
{

/** tshark's lines for \p pcap with \p filter and \p fields (space separated), UDP checksums verified. */
std::vector<std::string>
Tshark(const std::string& pcap, const std::string& filter, const std::string& fields)
{
    return PcapChecker::Lines(pcap, "-o udp.check_checksum:TRUE -Y '" + filter + "' -T fields -E separator=' ' " + fields);
}

} // namespace

TEST(HandshakeSimDns, EachLookupGoesBeforeItsSynAndTheSecondComesFromTheCache)
{
    std::string db = SimProgram::RunForResults(HANDSHAKE_SIM_BINARY, "sim-dns",
                                               "--clients=3 --servers=2 --requests=2 --delay=10 --loss=0 "
                                               "--dns=on --RngRun=2");
    std::string out = db.substr(0, db.rfind('/'));
    EXPECT_EQ(SimProgram::QueryRows(db, "SELECT outcome, COUNT(*) FROM transactions GROUP BY 1"), "ok|6\n");
    // Per client: the first request's lookup sent a query, the second's came from the cache.
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM transactions WHERE dns_cached = 0 AND "
                                       "dns_end - dns_start > 0.020 AND dns_end - dns_start < 0.021"),
              3);
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM transactions WHERE dns_cached = 1 AND "
                                       "dns_end = dns_start"),
              3);
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM transactions WHERE connect_called < dns_end"), 0)
        << "no connection before its lookup's answer";
    EXPECT_EQ(SimProgram::QueryRows(db, "SELECT name, value FROM metrics WHERE name IN ('dns_lookups', "
                                        "'dns_cache_hits', 'requests_dns_failed', 'dns_queries_sent', "
                                        "'dns_server_answered') ORDER BY rowid"),
              "dns_lookups|3\ndns_cache_hits|3\nrequests_dns_failed|0\ndns_queries_sent|3\ndns_server_answered|3\n");
    std::string summary = SimProgram::ReadFile(out + "/summary.txt");
    EXPECT_NE(summary.find("  DNS (query->answer) "), std::string::npos) << summary;
    EXPECT_NE(summary.find("  DNS server 100.64.0.9 (core): queries sent 3, answered 3"), std::string::npos)
        << summary;

    // Client 1 fetches from server 1: its query names server1.example, the answer is that
    // server's address (as the clients table says), and the SYN follows the answer.
    std::string serverAddress = SimProgram::QueryRows(db, "SELECT server_address FROM clients WHERE id = 1");
    serverAddress.pop_back();
    std::vector<std::string> lines = Tshark(out + "/pcap/client1-access.pcap", "dns || tcp.flags.syn == 1",
                                            "-e dns.flags.response -e dns.qry.name -e dns.a "
                                            "-e udp.checksum.status -e tcp.flags.syn");
    ASSERT_GE(lines.size(), 4u);
    EXPECT_EQ(lines[0], "0 server1.example  1 ") << "the query, UDP checksum good";
    EXPECT_EQ(lines[1], "1 server1.example " + serverAddress + " 1 ") << "its answer";
    EXPECT_EQ(lines[2], "    1") << "then the first SYN";
    EXPECT_EQ(Tshark(out + "/pcap/client1-access.pcap", "dns", "-e dns.id").size(), 2u)
        << "the second connection's lookup sent nothing";
}

TEST(HandshakeSimDns, OffByDefaultARunSendsNoDns)
{
    std::string db = SimProgram::RunForResults(HANDSHAKE_SIM_BINARY, "sim-dns-off",
                                               "--clients=2 --requests=1 --loss=0 --RngRun=2");
    std::string out = db.substr(0, db.rfind('/'));
    EXPECT_TRUE(Tshark(out + "/pcap/client0-access.pcap", "udp", "-e udp.port").empty());
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM transactions WHERE dns_start IS NOT NULL OR "
                                       "dns_cached IS NOT NULL"),
              0);
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM metrics WHERE (name LIKE 'dns%' OR name = 'requests_dns_failed') AND value IS NOT NULL"), 0)
        << "the DNS metrics are there, empty";
}

TEST(HandshakeSimDns, AnUnreachableDnsServerEndsEveryRequestAsDnsFailedAndNothingElse)
{
    std::string db = SimProgram::RunForResults(HANDSHAKE_SIM_BINARY, "sim-dns-dead",
                                               "--clients=3 --requests=2 --loss=0 --dns=on "
                                               "--dns-server=link:5ms:1 --RngRun=3");
    EXPECT_EQ(SimProgram::QueryRows(db, "SELECT outcome, COUNT(*) FROM transactions GROUP BY 1"),
              "dns-failed|6\n");
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM transactions WHERE "
                                       "abs(dns_end - dns_start - 10) < 1e-9 AND connect_called IS NULL"),
              6)
        << "glibc's 5 s x 2 attempts each, no connection";
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM connections"), 0) << "not one SYN";
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT value FROM metrics WHERE name = 'requests_dns_failed'"), 6);
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT value FROM metrics WHERE name = 'dns_queries_sent'"), 12);
    EXPECT_EQ(SimProgram::QueryRows(db, "SELECT end_reason FROM runs"), "ended\n") << "the work is done, no limit";
}

TEST(HandshakeSimDns, LossOnTheAccessLinksHitsDnsToo)
{
    std::string db = SimProgram::RunForResults(HANDSHAKE_SIM_BINARY, "sim-dns-loss",
                                               "--clients=20 --requests=1 --loss=0.2 --dns=on --RngRun=4");
    int64_t lookups = SimProgram::QueryInt(db, "SELECT value FROM metrics WHERE name = 'dns_lookups'");
    int64_t queries = SimProgram::QueryInt(db, "SELECT value FROM metrics WHERE name = 'dns_queries_sent'");
    EXPECT_EQ(lookups, 20);
    EXPECT_GT(queries, lookups) << "lost queries or answers were asked again";
    EXPECT_GT(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM transactions WHERE dns_end - dns_start >= 5"), 0)
        << "a retry waits the 5 s timeout";
}

TEST(HandshakeSimDns, WorksWithStockTcpAndPersistentConnections)
{
    std::string db = SimProgram::RunForResults(HANDSHAKE_SIM_BINARY, "sim-dns-stock",
                                               "--clients=3 --requests=3 --persistent --tcp=ns3 --loss=0 "
                                               "--dns=on --dns-server=link:20ms --RngRun=5");
    EXPECT_EQ(SimProgram::QueryRows(db, "SELECT outcome, COUNT(*) FROM transactions GROUP BY 1"), "ok|9\n");
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT value FROM metrics WHERE name = 'dns_lookups'"), 3)
        << "one lookup per client: one connection each";
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM transactions WHERE dns_end - dns_start > 0.040"), 3)
        << "the DNS host's 20 ms link, both ways, in each lookup";
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM transactions WHERE dns_start IS NULL"), 6)
        << "the requests that reused a connection looked nothing up";
}

TEST(HandshakeSimDns, BadDnsFlagsExitTwoWithOneLine)
{
    for (const auto& [flag, error] :
         {std::pair{"--dns=yes", "handshake-sim: --dns: 'yes' is not one of on, off"},
          std::pair{"--dns-server=far", "handshake-sim: --dns-server: 'far' is not core or link:DELAY[:LOSS]"},
          std::pair{"--dns-server=link:20ms:2",
                    "handshake-sim: --dns-server: 'link:20ms:2' is not core or link:DELAY[:LOSS] (LOSS: a "
                    "probability in 0..1)"},
          std::pair{"--dns-ttl=-1",
                    "handshake-sim: --dns-ttl: '-1' is not a whole number of seconds in 0..2147483647"}})
    {
        std::string out = SimProgram::FreshDir("sim-dns-bad");
        EXPECT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY, std::string(flag) + " --out=" + out, out + ".log"), 2);
        EXPECT_EQ(SimProgram::ReadFile(out + ".log"), std::string(error) + "\n");
    }
}

TEST(HandshakeSimDns, TheLaddersDrawTheLookupBeforeTheSynInTheReportAndAfterwards)
{
    std::string db = SimProgram::RunForResults(HANDSHAKE_SIM_BINARY, "sim-dns-ladder",
                                               "--clients=1 --requests=2 --delay=10 --loss=0 --dns=on "
                                               "--dns-server=link:15ms --ladder=conn:1,conn:2 --RngRun=6");
    std::string out = db.substr(0, db.rfind('/'));
    std::string report = SimProgram::ReadFile(out + "/report.html");
    // Connection 1's lookup sent a query (10 ms access + the 15 ms link, both ways); connection 2's
    // name came from the cache.
    EXPECT_NE(report.find(">DNS query &#8592;<"), std::string::npos);
    EXPECT_NE(report.find(">DNS answer &#8594; (50."), std::string::npos) << "about 50 ms";
    EXPECT_NE(report.find(">name from the resolver's cache<"), std::string::npos);
    std::string log = out + "-ladder.log";
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_REPORT_BINARY, "ladder --out=" + out + " --conn=1", log), 0)
        << SimProgram::ReadFile(log);
    std::string ladder = SimProgram::ReadFile(out + "/ladder-1.html");
    size_t answer = ladder.find(">DNS answer &#8594; (50.");
    ASSERT_NE(answer, std::string::npos) << "scripts/report ladder reads the lookup from results.sqlite";
    EXPECT_LT(answer, ladder.find(">[SYN] Seq=0"));
}
