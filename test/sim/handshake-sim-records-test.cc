// handshake-sim's records agree with its captures: results.sqlite, summary.txt and the pcaps that
// tshark decodes tell the same story, connection for connection and segment for segment.
#include "pcap-checker.h"
#include "sim-program.h"
#include "tcp-conversation.h"

#include "ns3/build-version.h"
#include "ns3/handshake-tcp-socket.h"
#include "ns3/ladder-diagram.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

using handshake::test::PcapChecker;
using handshake::test::SimProgram;
using handshake::test::TcpConversation;

TEST(HandshakeSimRecords, DatabaseSummaryAndPcapsAgreeOn200Clients)
{
    std::string out = SimProgram::FreshDir("records-200");
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY,
                              "--clients=200 --servers=2 --requests=1 --fanout=50 --pcap=sample:20 "
                              "--loss=0.01 --RngRun=2 --out=" + out,
                              out + ".log"),
              0)
        << SimProgram::ReadFile(out + ".log");
    std::string db = out + "/results.sqlite";
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT complete FROM runs"), 1);
    int64_t connections = SimProgram::QueryInt(db, "SELECT COUNT(*) FROM connections");
    EXPECT_GE(connections, 200);
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM transactions"), 200)
        << "every request has exactly one record";
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM connections WHERE outcome = ''"), 0);
    std::string summary = SimProgram::ReadFile(out + "/summary.txt");
    EXPECT_NE(summary.find("connections " + std::to_string(connections) + ":"), std::string::npos)
        << summary;

    // The 20 sampled clients: every TCP packet of their pcaps is a segment row, every conversation a
    // connection row, and each first SYN one connection.
    auto files = SimProgram::Pcaps(out + "/pcap");
    ASSERT_EQ(files.size(), 22u); // 20 clients + 2 servers
    size_t packets = 0;
    size_t conversations = 0;
    size_t syns = 0;
    size_t httpRequests = 0;
    size_t http200 = 0;
    std::set<std::string> clientAddresses;
    for (const auto& file : files)
    {
        if (file.find("/client") == std::string::npos)
        {
            continue;
        }
        auto decoded = PcapChecker::Decode(file);
        ASSERT_EQ(decoded.error, "");
        packets += decoded.packets.size();
        for (const auto& p : decoded.packets)
        {
            syns += p.Has(handshake::test::DecodedPacket::SYN) && !p.Has(handshake::test::DecodedPacket::ACK);
            httpRequests += p.httpRequest;
            http200 += p.httpStatus == 200;
        }
        auto split = TcpConversation::Split(decoded.packets);
        conversations += split.size();
        clientAddresses.insert(split.at(0).Packets().front().src);
    }
    EXPECT_EQ(clientAddresses.size(), 20u);
    std::string sampled;
    for (const auto& address : clientAddresses)
    {
        sampled += (sampled.empty() ? "'" : ",'") + address + "'";
    }
    // tshark's HTTP dissector finds the requests and 200 responses the records say were exchanged
    // (responses whose last segments came out of order too: the checker reassembles them).
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM transactions WHERE request_sent IS NOT "
                                       "NULL AND client_address IN (" + sampled + ")"),
              int64_t(httpRequests));
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM transactions WHERE status = 200 AND "
                                       "client_address IN (" + sampled + ")"),
              int64_t(http200));
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM segments"), int64_t(packets));
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(DISTINCT connection_id) FROM segments"),
              int64_t(conversations));
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM segments WHERE flags = 'SYN' AND "
                                       "direction = 'client->server'"),
              int64_t(syns));
    // Each connection's first SYN is the active open, CLOSED -> SYN_SENT; a retransmitted one stays.
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM segments WHERE flags = 'SYN' AND "
                                       "state_before = 'CLOSED' AND state_after = 'SYN_SENT'"),
              int64_t(conversations));
    // A SYN-ACK that reaches a client in SYN_SENT takes it to ESTABLISHED (RFC 9293 3.5), at that
    // instant: on its own row, or on the handshake's ACK when the TCP sends that before it traces
    // the change (ours does; the states are the TCP's own, in the order it traced them).
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(DISTINCT s.connection_id) FROM segments s JOIN "
                                       "segments a ON a.connection_id = s.connection_id AND a.flags = "
                                       "'SYN,ACK' AND a.time = s.time AND a.state_before = 'SYN_SENT' "
                                       "WHERE s.state_before = 'SYN_SENT' AND s.state_after = 'ESTABLISHED'"),
              SimProgram::QueryInt(db, "SELECT COUNT(DISTINCT connection_id) FROM segments s JOIN "
                                       "connections c ON c.id = s.connection_id WHERE c.established "
                                       "IS NOT NULL"));
}

TEST(HandshakeSimRecords, CsvExportHasEveryRow)
{
    std::string out = SimProgram::FreshDir("csv");
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY,
                              "--clients=5 --servers=1 --requests=2 --pcap=sample:1 --csv "
                              "--syn-flood=50@0s+1s --drop=c2s:syn --out=" + out,
                              out + ".log"),
              0)
        << SimProgram::ReadFile(out + ".log");
    std::string db = out + "/results.sqlite";
    for (const std::string table : {"runs", "connections", "transactions", "segments", "states", "drops",
                                    "servers", "server_load", "syn_flood", "metrics"})
    {
        std::string csv = SimProgram::ReadFile(out + "/" + table + ".csv");
        int64_t lines = std::count(csv.begin(), csv.end(), '\n');
        EXPECT_EQ(lines, 1 + SimProgram::QueryInt(db, "SELECT COUNT(*) FROM " + table)) << table;
        EXPECT_EQ(csv.rfind(table == "runs" ? "id," : "run_id,", 0), 0u) << table << ": header first";
    }
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM transactions"), 10);
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM drops WHERE rule = 'c2s:syn'"), 10)
        << "--drop=c2s:syn: one per connection";
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM drops WHERE rule NOT IN ('c2s:syn', 'loss')"), 0)
        << "the rest lost to the default --loss";
}

TEST(HandshakeSimRecords, DrainRecordsEveryConnectionClosedAfterTimeWait)
{
    // Kept-alive connections: the client closes last one first, so it goes through TIME_WAIT.
    const std::string flags = "--clients=6 --servers=1 --requests=2 --persistent --pcap=none "
                              "--ns3::HandshakeTcpSocket::Msl=10s --RngRun=3 --out=";
    std::string plain = SimProgram::FreshDir("drain-off");
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY, flags + plain, plain + ".log"), 0)
        << SimProgram::ReadFile(plain + ".log");
    std::string db = plain + "/results.sqlite";
    int64_t inTimeWait = SimProgram::QueryInt(db, "SELECT COUNT(*) FROM connections WHERE "
                                                  "final_state = 'TIME_WAIT' AND closed IS NULL");
    EXPECT_GT(inTimeWait, 0) << "without --drain the run stops while clients are in TIME_WAIT";

    std::string drained = SimProgram::FreshDir("drain-on");
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY, flags + drained + " --drain", drained + ".log"), 0)
        << SimProgram::ReadFile(drained + ".log");
    db = drained + "/results.sqlite";
    int64_t connections = SimProgram::QueryInt(db, "SELECT COUNT(*) FROM connections");
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM connections WHERE final_state = "
                                       "'CLOSED' AND outcome = 'closed' AND closed IS NOT NULL"),
              connections);
    // Each TIME_WAIT lasted 2 MSL = 20 s (RFC 9293 3.3.2), as the TCP's own trace reports it.
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM connections WHERE time_wait_entered IS "
                                       "NOT NULL AND abs(closed - time_wait_entered - 20.0) < 1e-6"),
              inTimeWait);
    EXPECT_NE(SimProgram::ReadFile(drained + "/summary.txt").find("TIME_WAIT at end          0"),
              std::string::npos);
}

TEST(HandshakeSimRecords, DrainNeedsOurTcp)
{
    std::string out = SimProgram::FreshDir("drain-stock");
    EXPECT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY, "--tcp=ns3 --drain --out=" + out, out + ".log"), 2);
    EXPECT_NE(SimProgram::ReadFile(out + ".log").find("--drain:"), std::string::npos);
}

TEST(HandshakeSimRecords, StartWindowSpreadsTheFirstSyns)
{
    std::string out = SimProgram::FreshDir("start-window");
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY,
                              "--clients=20 --servers=1 --requests=1 --pcap=none --loss=0 "
                              "--start-window=50s --out=" + out,
                              out + ".log"),
              0)
        << SimProgram::ReadFile(out + ".log");
    std::string db = out + "/results.sqlite";
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM connections WHERE syn_sent < 0.1 OR "
                                       "syn_sent > 50.1"),
              0);
    // Uniform over 50 s: 20 clients do not all start in the first or the last 10 s.
    EXPECT_GT(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM connections WHERE syn_sent > 10.1"), 0);
    EXPECT_GT(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM connections WHERE syn_sent < 40.1"), 0);
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM transactions WHERE outcome = 'ok'"), 20);
}

namespace
{

/** Runs test/harness/html-check.py on \p file: its exit code, and its output in \p counts. */
int
CheckHtml(const std::string& file, std::string* counts)
{
    std::string log = file + ".check";
    int code = SimProgram::Run("/usr/bin/python3",
                               std::string(HANDSHAKE_SOURCE_DIR) + "/test/harness/html-check.py '" + file + "'",
                               log);
    *counts = SimProgram::ReadFile(log);
    return code;
}

} // namespace

// report.html: well-formed and self-contained, with a histogram per time and, for a sampled
// capture, ladder diagrams whose arrows are the segments the database has for that connection.
TEST(HandshakeSimRecords, ReportHtmlHasDistributionsAndLadders)
{
    std::string out = SimProgram::FreshDir("report");
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY,
                              "--clients=6 --servers=1 --requests=2 --pcap=sample:2 --out=" + out,
                              out + ".log"),
              0)
        << SimProgram::ReadFile(out + ".log");
    EXPECT_NE(SimProgram::ReadFile(out + ".log").find(out + "/report.html"), std::string::npos)
        << "listed among the outputs";
    EXPECT_FALSE(std::ifstream(out + "/report.html.partial").good());
    std::string html = SimProgram::ReadFile(out + "/report.html");
    EXPECT_EQ(html.rfind("<!DOCTYPE html>\n", 0), 0u);
    std::string counts;
    EXPECT_EQ(CheckHtml(out + "/report.html", &counts), 0) << counts;
    EXPECT_NE(counts.find("histogram=4 "), std::string::npos) << counts;
    EXPECT_EQ(counts.find("ladder=0 "), std::string::npos) << counts;

    // The sampled connection with the lowest id is drawn, one arrow per recorded segment (or the
    // first and last ones of a long connection), starting with the seeds' handshake.
    std::string db = out + "/results.sqlite";
    int64_t first = SimProgram::QueryInt(db, "SELECT MIN(connection_id) FROM segments");
    int64_t segments = SimProgram::QueryInt(
        db, "SELECT COUNT(*) FROM segments WHERE connection_id = " + std::to_string(first));
    size_t start = html.find("<h3>Connection " + std::to_string(first) + ": ");
    ASSERT_NE(start, std::string::npos);
    std::string ladder = html.substr(start, html.find("</svg>", start) - start);
    size_t arrows = 0;
    for (size_t at = ladder.find("<g class=\"seg"); at != std::string::npos;
         at = ladder.find("<g class=\"seg", at + 1))
    {
        ++arrows;
    }
    size_t elided = 0;
    for (size_t dots = ladder.find("&#8230; "); dots != std::string::npos; dots = ladder.find("&#8230; ", dots + 1))
    {
        elided += std::stoul(ladder.substr(dots + 8));
    }
    EXPECT_EQ(arrows + elided, static_cast<size_t>(segments)) << "drawn or counted as elided";
    size_t syn = ladder.find(">[SYN] Seq=0 Len=0<");
    size_t synAck = ladder.find(">[SYN, ACK] Seq=0 Ack=1 Len=0<");
    size_t ack = ladder.find(">[ACK] Seq=1 Ack=1 Len=0<");
    EXPECT_LT(syn, synAck) << ladder;
    EXPECT_LT(synAck, ack) << ladder;
    EXPECT_NE(ack, std::string::npos) << ladder;
    EXPECT_NE(ladder.find(">SYN_SENT &#8594; ESTABLISHED<"), std::string::npos) << ladder;

    // Without a client capture there are no segments: the page says how to get ladders.
    std::string none = SimProgram::FreshDir("report-none");
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY,
                              "--clients=2 --servers=1 --requests=1 --pcap=none --out=" + none,
                              none + ".log"),
              0)
        << SimProgram::ReadFile(none + ".log");
    EXPECT_EQ(CheckHtml(none + "/report.html", &counts), 0) << counts;
    EXPECT_NE(counts.find("ladder=0 "), std::string::npos) << counts;
    EXPECT_NE(SimProgram::ReadFile(none + "/report.html").find("--pcap=sample:2"), std::string::npos);
}

TEST(HandshakeSimRecords, ARetriedRequestStartsAtItsFirstAttempt)
{
    // Stock TCP at 10% loss, RngRun 1: client 10.0.0.153's second request is established on its
    // first connection only after the server's idle timeout has nearly run out, the server closes
    // it before the request arrives, and the request is retried on a new connection (RFC 9112
    // 9.3.1). Its row starts at the first connection's connect (8.3 s earlier than the retry's)
    // and names that connection; every connection carried some request's attempt.
    std::string out = SimProgram::FreshDir("retried-request");
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY,
                              "--tcp=ns3 --clients=50 --loss=0.1 --pcap=none --RngRun=1 --out=" + out,
                              out + ".log"),
              0)
        << SimProgram::ReadFile(out + ".log");
    std::string db = out + "/results.sqlite";
    const std::string retried = " FROM transactions t JOIN connections first ON first.id = "
                                "t.first_connection_id JOIN connections carrier ON carrier.id = "
                                "t.connection_id WHERE t.attempts = 2";
    ASSERT_GE(SimProgram::QueryInt(db, "SELECT COUNT(*)" + retried), 1);
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*)" + retried +
                                           " AND t.connect_called = first.syn_sent AND "
                                           "first.id < carrier.id AND t.established = carrier.established"),
              SimProgram::QueryInt(db, "SELECT COUNT(*)" + retried));
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM transactions WHERE attempts = 1 AND "
                                       "first_connection_id != connection_id"),
              0);
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM connections WHERE id NOT IN (SELECT "
                                       "connection_id FROM transactions UNION SELECT "
                                       "first_connection_id FROM transactions)"),
              0)
        << "a connection that carried no request's attempt";
    EXPECT_GE(SimProgram::QueryInt(db, "SELECT MAX(CAST((carrier.syn_sent - t.connect_called) * 10 AS "
                                       "INTEGER))" + retried),
              80)
        << "the 8.3 s of the first attempt";
}

/** A 2-client run into a 5-client run's folder: only the new run's pcaps, summary and rows remain;
 *  a file of the user's own in the folder stays (issue 20: 47 old pcaps were left behind). */
TEST(HandshakeSimRecords, AReusedOutFolderHoldsOnlyTheNewRunsOutputs)
{
    std::string out = SimProgram::FreshDir("records-reused");
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY,
                              "--clients=5 --servers=1 --requests=1 --csv --RngRun=1 --out=" + out,
                              out + ".log1"),
              0)
        << SimProgram::ReadFile(out + ".log1");
    ASSERT_EQ(SimProgram::Pcaps(out + "/pcap").size(), 6u);
    {
        std::ofstream(out + "/notes.txt") << "mine\n";
        std::ofstream(out + "/pcap/mine.pcap") << "not a run's\n";
    }
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY,
                              "--clients=2 --servers=1 --requests=1 --RngRun=1 --out=" + out,
                              out + ".log2"),
              0)
        << SimProgram::ReadFile(out + ".log2");
    std::vector<std::string> expected{out + "/pcap/client0-access.pcap", out + "/pcap/client1-access.pcap",
                                      out + "/pcap/mine.pcap", out + "/pcap/server0-link.pcap"};
    EXPECT_EQ(SimProgram::Pcaps(out + "/pcap"), expected);
    EXPECT_FALSE(std::filesystem::exists(out + "/connections.csv")) << "the first run's --csv";
    EXPECT_EQ(SimProgram::ReadFile(out + "/notes.txt"), "mine\n");
    std::string db = out + "/results.sqlite";
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM runs"), 1);
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM transactions"), 2);
    EXPECT_NE(SimProgram::ReadFile(out + "/summary.txt").find(": 2 clients, 1 servers"), std::string::npos)
        << SimProgram::ReadFile(out + "/summary.txt");
}

/** --check validates every flag and writes nothing: the sweep checks a spec's flag sets with it
 *  before launching any run (issue 20). */
TEST(HandshakeSimRecords, CheckValidatesTheFlagsAndWritesNothing)
{
    std::string out = SimProgram::FreshDir("records-check");
    EXPECT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY, "--check --clients=3 --out=" + out, out + ".log"), 0);
    EXPECT_EQ(SimProgram::ReadFile(out + ".log"), "handshake-sim: flags ok\n");
    EXPECT_FALSE(std::filesystem::exists(out));
    EXPECT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY, "--check --clients=3 --loss=2 --out=" + out, out + ".log"), 2);
    EXPECT_NE(SimProgram::ReadFile(out + ".log").find("--loss: '2' is out of range"), std::string::npos)
        << SimProgram::ReadFile(out + ".log");
    EXPECT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY, "--check --clinets=3 --out=" + out, out + ".log"), 2);
    EXPECT_FALSE(std::filesystem::exists(out));
}

/** runs and settings keep every setting in effect, with where it came from and the versions
 *  built from; clients keeps each client's draws; a run made again from its settings rows alone
 *  gives the same records (issue 20: a run can be reconstructed from its records). */
namespace
{

/** The settings table's row for \p name as "value|source\n" (empty when there is none). */
std::string
SettingRow(const std::string& db, const std::string& name)
{
    return SimProgram::QueryRows(db, "SELECT value, source FROM settings WHERE name = '" + name + "'");
}

} // namespace

TEST(HandshakeSimRecords, TheRfcProfilesValuesAreSettingsOfTheRun)
{
    std::string out = SimProgram::FreshDir("records-settings-rfc");
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY,
                              "--clients=2 --requests=1 --profile=rfc --ns3::HandshakeTcpSocket::MaxRto=30s --out=" + out,
                              out + ".log"),
              0)
        << SimProgram::ReadFile(out + ".log");
    std::string db = out + "/results.sqlite";
    auto setting = [&db](const std::string& name) { return SettingRow(db, name); };
    EXPECT_EQ(setting("profile"), "rfc|command line\n");
    EXPECT_EQ(setting("ns3::HandshakeTcpSocket::MinRto"), "1s|profile rfc\n");
    EXPECT_EQ(setting("ns3::HandshakeTcpSocket::ReceiveWindowShare"), "1|profile rfc\n");
    EXPECT_EQ(setting("ns3::HandshakeTcpSocket::CongestionControl"), "ns3::HandshakeTcpNewReno|profile rfc\n");
    EXPECT_EQ(setting("ns3::HandshakeTcpSocket::MaxRto"), "30s|command line\n");
    // The summary's line names what was given; --profile stands for the values it sets.
    std::string summary = SimProgram::ReadFile(out + "/summary.txt");
    EXPECT_EQ(summary.find("profile rfc)"), std::string::npos) << summary;
}

TEST(HandshakeSimRecords, EverySettingAndEachClientsDrawsAreKept)
{
    std::string out = SimProgram::FreshDir("records-settings");
    std::string config = out + ".conf";
    {
        std::ofstream(config) << "# a config file\nclients = 4\n";
    }
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY,
                              "--config=" + config + " --requests=1 --pcap=sample:2 --RngRun=3 "
                              "--ns3::TcpSocket::SegmentSize=1000 --out=" + out,
                              out + ".log"),
              0)
        << SimProgram::ReadFile(out + ".log");
    std::string db = out + "/results.sqlite";
    auto setting = [&db](const std::string& name) { return SettingRow(db, name); };
    EXPECT_EQ(setting("clients"), "4|" + config + ":2\n");
    EXPECT_EQ(setting("requests"), "1|command line\n");
    EXPECT_EQ(setting("topology"), "tree|default\n");
    EXPECT_EQ(setting("config"), config + "|command line\n");
    EXPECT_EQ(setting("ns3::TcpSocket::SegmentSize"), "1000|command line\n");
    EXPECT_EQ(setting("RngRun"), "3|command line\n");
    EXPECT_EQ(setting("RngSeed"), "1|default\n");
    EXPECT_EQ(setting("ChecksumEnabled"), "true|handshake-sim\n");
    // What the profile sets for our TCP's sockets, each once; the one given stays the command line's.
    EXPECT_EQ(setting("ns3::HandshakeTcpSocket::MinRto"), "200ms|profile linux\n");
    EXPECT_EQ(setting("ns3::HandshakeTcpSocket::ReceiveWindowShare"), "0.6171875|profile linux\n");
    EXPECT_EQ(setting("ns3::HandshakeTcpSocket::CongestionControl"), "ns3::HandshakeTcpCubic|profile linux\n");
    EXPECT_EQ(setting("ns3::TcpSocket::DelAckTimeout"), "40ms|profile linux\n");
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM settings WHERE name LIKE '%SegmentSize'"), 1);
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM settings WHERE source = 'profile linux'"),
              static_cast<int64_t>(ns3::HandshakeTcpSocket::SettingAttributes().size()) - 1);
    std::string version = SimProgram::QueryRows(db, "SELECT handshake_version FROM runs");
    EXPECT_NE(version, "\n");
    EXPECT_EQ(version.find("unknown"), std::string::npos) << version;
    EXPECT_EQ(SimProgram::QueryRows(db, "SELECT ns3_version FROM runs"), ns3::BuildVersion::Ns3() + "\n");
    version.pop_back();

    std::string summary = SimProgram::ReadFile(out + "/summary.txt");
    EXPECT_NE(summary.find("  settings: clients=4 (" + config + ":2); requests=1, pcap=sample:2"),
              std::string::npos)
        << summary;
    EXPECT_NE(summary.find("  built from: handshake " + version + ", ns-3 " + ns3::BuildVersion::Ns3() + "\n"),
              std::string::npos)
        << summary;
    std::string report = SimProgram::ReadFile(out + "/report.html");
    EXPECT_NE(report.find("<h2>Settings</h2><p>Built from handshake " + version), std::string::npos);
    EXPECT_NE(report.find("<td>ns3::TcpSocket::SegmentSize</td><td>1000</td><td>command line</td>"),
              std::string::npos);

    // The clients table: each client's address, server, draws within their flags' ranges, start
    // before its first SYN, and its capture file when it was sampled.
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM clients"), 4);
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM clients WHERE access_delay_ms BETWEEN 5 AND 100 "
                                       "AND loss_rate BETWEEN 0 AND 0.02 AND loss_model = 'random'"),
              4);
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM clients c WHERE start <= (SELECT MIN(syn_sent) "
                                       "FROM connections WHERE client_address = c.address)"),
              4);
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(DISTINCT server_address) FROM clients"), 2);
    std::string pcaps = SimProgram::QueryRows(db, "SELECT pcap FROM clients WHERE pcap != '' ORDER BY id");
    std::vector<std::string> files;
    for (size_t start = 0, end; (end = pcaps.find('\n', start)) != std::string::npos; start = end + 1)
    {
        files.push_back(pcaps.substr(start, end - start));
        EXPECT_TRUE(std::filesystem::exists(out + "/" + files.back())) << files.back();
    }
    EXPECT_EQ(files.size(), 2u);

    // Made again from the settings rows alone (not the command line, not the config file): the
    // same draws and the same connections. The profile's rows are flags too: given explicitly,
    // each value the profile set makes the same run.
    auto flagsOf = [&db](const std::string& where) {
        std::string flags;
        std::string rows = SimProgram::QueryRows(db, "SELECT name, value FROM settings WHERE " + where +
                                                         " AND name NOT IN ('out', 'config')");
        for (size_t start = 0, end; (end = rows.find('\n', start)) != std::string::npos; start = end + 1)
        {
            std::string line = rows.substr(start, end - start);
            flags += " --" + line.replace(line.find('|'), 1, "=");
        }
        return flags;
    };
    EXPECT_EQ(flagsOf("source NOT IN ('default', 'handshake-sim') AND source NOT LIKE 'profile %'"),
              " --clients=4 --requests=1 --pcap=sample:2 --ns3::TcpSocket::SegmentSize=1000 --RngRun=3");
    std::string flags = flagsOf("source NOT IN ('default', 'handshake-sim')");
    std::string again = SimProgram::FreshDir("records-settings-again");
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY, flags + " --out=" + again, again + ".log"), 0) << flags;
    for (const char* table : {"clients", "connections", "segments", "transactions"})
    {
        std::string all = std::string("SELECT * FROM ") + table;
        EXPECT_EQ(SimProgram::QueryRows(again + "/results.sqlite", all), SimProgram::QueryRows(db, all)) << table;
    }
}

/** scripts/report ladder --conn=ID draws any recorded connection afterwards, from results.sqlite
 *  alone, exactly as report.html draws it when --ladder=conn:ID chose it (issue 20). */
TEST(HandshakeSimRecords, ScriptsReportLadderDrawsAnyRecordedConnectionAsTheReportDoes)
{
    std::string out = SimProgram::FreshDir("report-ladder");
    std::string flags = "--clients=6 --servers=1 --requests=2 --loss=0.1 --pcap=sample:3 --RngRun=2 "
                        "--drop=s2c:data=1#1 --ladder-time-scale";
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY, flags + " --ladder=none --out=" + out, out + ".log"), 0)
        << SimProgram::ReadFile(out + ".log");
    std::string db = out + "/results.sqlite";
    EXPECT_EQ(SimProgram::ReadFile(out + "/report.html").find("<svg class=\"ladder"), std::string::npos);
    // The recorded connection with the most segments, and one that was not recorded.
    int64_t id = SimProgram::QueryInt(db, "SELECT connection_id FROM segments GROUP BY connection_id "
                                          "ORDER BY COUNT(*) DESC, connection_id LIMIT 1");
    int64_t unrecorded = SimProgram::QueryInt(db, "SELECT id FROM connections WHERE id NOT IN "
                                                  "(SELECT connection_id FROM segments) LIMIT 1");
    ASSERT_GT(id, 0);
    ASSERT_GT(unrecorded, 0);
    std::string conn = std::to_string(id);
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_REPORT_BINARY, "ladder --time-scale --out=" + out + " --conn=" + conn,
                              out + ".report.log"),
              0)
        << SimProgram::ReadFile(out + ".report.log");
    EXPECT_EQ(SimProgram::ReadFile(out + ".report.log"), out + "/ladder-" + conn + ".html\n");
    std::string page = SimProgram::ReadFile(out + "/ladder-" + conn + ".html");
    EXPECT_EQ(page.rfind("<!DOCTYPE html>\n", 0), 0u);
    std::string counts;
    EXPECT_EQ(CheckHtml(out + "/ladder-" + conn + ".html", &counts), 0) << counts;

    std::string chosen = SimProgram::FreshDir("report-ladder-chosen");
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY, flags + " --ladder=conn:" + conn + " --out=" + chosen,
                              chosen + ".log"),
              0);
    auto svgOf = [](const std::string& html) {
        size_t start = html.find("<svg class=\"ladder");
        return start == std::string::npos ? std::string() : html.substr(start, html.find("</svg>", start) - start);
    };
    std::string svg = svgOf(page);
    ASSERT_FALSE(svg.empty());
    EXPECT_EQ(svg, svgOf(SimProgram::ReadFile(chosen + "/report.html"))) << "the same drawing";
    EXPECT_NE(svg.find(">pcap/client"), std::string::npos) << "names its capture files";
    EXPECT_NE(svg.find(">pcap/server0-link.pcap<"), std::string::npos);
    EXPECT_NE(svg.find("<g class=\"state-change server\">"), std::string::npos) << "the server's states";

    // Errors: one line, exit 2, nothing written.
    EXPECT_EQ(SimProgram::Run(HANDSHAKE_REPORT_BINARY, "ladder --out=" + out + " --conn=" + std::to_string(unrecorded),
                              out + ".err"),
              2);
    EXPECT_NE(SimProgram::ReadFile(out + ".err").find("has no recorded segments"), std::string::npos);
    EXPECT_EQ(SimProgram::Run(HANDSHAKE_REPORT_BINARY, "ladder --out=" + out + " --conn=100000", out + ".err"), 2);
    EXPECT_NE(SimProgram::ReadFile(out + ".err").find("no connection 100000"), std::string::npos);
    EXPECT_EQ(SimProgram::Run(HANDSHAKE_REPORT_BINARY, "ladder --out=" + out + "/none --conn=1", out + ".err"), 2);
    EXPECT_EQ(SimProgram::Run(HANDSHAKE_REPORT_BINARY, "ladder --out=" + out + " --conn=x", out + ".err"), 2);
}

/** A run killed midway (SIGKILL: no handler runs) into a folder an earlier run filled leaves no
 *  output that looks complete: neither its own (written as .partial) nor the earlier run's, which
 *  it removed before its first write (issue 20: a killed run left the old summary.txt claiming 50
 *  clients). */
TEST(HandshakeSimRecords, AKilledRunLeavesNoCompleteLookingOutput)
{
    std::string out = SimProgram::FreshDir("records-killed");
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY, "--clients=5 --servers=3 --requests=1 --out=" + out,
                              out + ".log1"),
              0);
    ASSERT_TRUE(std::filesystem::exists(out + "/summary.txt"));
    ASSERT_TRUE(std::filesystem::exists(out + "/pcap/server2-link.pcap"));
    // A run far too long to end by itself here (20,000 clients, every 10th captured), in the background.
    std::string pidFile = out + ".pid";
    ASSERT_EQ(std::system(("'" + std::string(HANDSHAKE_SIM_BINARY) +
                           "' --clients=20000 --servers=1 --requests=3 --pcap=sample:2000 --out='" + out + "' > '" + out +
                           ".log2' 2>&1 & echo $! > '" + pidFile + "'")
                              .c_str()),
              0);
    std::string pid = SimProgram::ReadFile(pidFile);
    ASSERT_FALSE(pid.empty());
    // It has begun once the earlier summary is gone and its database is open (at most a minute).
    for (int i = 0; i < 600 && (std::filesystem::exists(out + "/summary.txt") ||
                                !std::filesystem::exists(out + "/results.sqlite.partial"));
         ++i)
    {
        int slept = std::system("sleep 0.1");
        (void)slept;
    }
    bool finished = std::system(("kill -0 " + pid + " 2>/dev/null").c_str()) != 0;
    int killed = std::system(("kill -9 " + pid + "; while kill -0 " + pid + " 2>/dev/null; do sleep 0.1; done").c_str());
    (void)killed;
    ASSERT_FALSE(finished) << "the run ended before it was killed: " << SimProgram::ReadFile(out + ".log2");
    for (const char* name : {"summary.txt", "report.html", "results.sqlite"})
    {
        EXPECT_FALSE(std::filesystem::exists(out + "/" + name)) << name;
    }
    EXPECT_FALSE(std::filesystem::exists(out + "/pcap/server2-link.pcap")) << "the earlier run's";
}
