// When a handshake-sim run ends, and what it says about it (issue 23, issue 20): a run ends when
// its work is done and its connections have ended, a whole-run SYN flood stops with the work, the
// teardown grace and the time limit end the rest, and summary.txt, report.html and the `runs` and
// `connections` rows name the connections left open and their states.
#include "sim-program.h"

#include "ns3/handshake-scenario.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace ns3;
using ::handshake::test::SimProgram;

namespace
{

/** Runs handshake-sim with \p flags into a fresh folder named \p name; returns the folder. */
std::string
RunSim(const std::string& name, const std::string& flags)
{
    std::string out = SimProgram::FreshDir(name);
    EXPECT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY, flags + " --pcap=none --out=" + out, out + ".log"), 0)
        << SimProgram::ReadFile(out + ".log");
    return out;
}

double
QueryDouble(const std::string& db, const std::string& sql)
{
    std::string row = SimProgram::QueryRows(db, sql);
    return row.empty() || row == "NULL\n" ? -1 : std::stod(row);
}

} // namespace

TEST(HandshakeSimRunEnd, ConnectionsTheStockTcpDroppedDoNotHoldTheRun)
{
    // Stock TCP at 10% loss, RngRun 1: 18 clients in LAST_ACK lose the server's ACK of their FIN;
    // the server, in TIME_WAIT, ignores their retransmitted FINs, and the stock TCP gives up after
    // its data retries, freeing the socket's endpoint without a segment or a State change. The run
    // used to wait for them until its 600 s limit; now it ends when the last has been given up.
    std::string out = RunSim("run-end-stock-last-ack", "--tcp=ns3 --clients=50 --loss=0.1 --RngRun=1");
    std::string db = out + "/results.sqlite";
    EXPECT_EQ(SimProgram::QueryRows(db, "SELECT end_reason FROM runs"), "ended\n");
    double simulated = QueryDouble(db, "SELECT simulated_seconds FROM runs");
    double workDone = QueryDouble(db, "SELECT work_done_seconds FROM runs");
    EXPECT_GT(workDone, 0);
    EXPECT_LT(simulated, workDone + HandshakeScenario::TEARDOWN_GRACE.GetSeconds());
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM connections WHERE open_at_end = 1"), 0);
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM connections WHERE outcome = 'unfinished'"), 0);
    EXPECT_GE(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM connections WHERE outcome = 'timeout' "
                                       "AND final_state = 'CLOSED' AND fin_sent IS NOT NULL"),
              10)
        << "teardowns the stock TCP gave up on";
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM connections WHERE state_source != 'tcp'"), 0)
        << "every stock client socket's State trace was found";
    SimProgram::ExpectEveryOutcomeRecorded(db, 150);
    std::string summary = SimProgram::ReadFile(out + "/summary.txt");
    EXPECT_NE(summary.find("and every connection had ended\n"), std::string::npos) << summary;
}

TEST(HandshakeSimRunEnd, StockFinWait2WithoutTimeoutEndsByTheGraceAndIsNamed)
{
    // Stock TCP at 30% loss, RngRun 1: clients that closed first wait in FIN_WAIT_2 for a FIN the
    // server never sends (stock TCP has no FIN_WAIT_2 timeout). The run used to wait until 600 s;
    // now the grace ends it and the summary names each of them, with the state its TCP traced.
    std::string out = RunSim("run-end-stock-fin-wait-2", "--tcp=ns3 --clients=50 --loss=0.3 --RngRun=1");
    std::string db = out + "/results.sqlite";
    EXPECT_EQ(SimProgram::QueryRows(db, "SELECT end_reason FROM runs"), "grace\n");
    int64_t open = SimProgram::QueryInt(db, "SELECT COUNT(*) FROM connections WHERE open_at_end = 1");
    EXPECT_GE(open, 1);
    EXPECT_GE(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM connections WHERE open_at_end = 1 AND "
                                       "final_state = 'FIN_WAIT_2'"),
              1);
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM connections WHERE (outcome = 'unfinished') "
                                       "!= (open_at_end = 1)"),
              0)
        << "unfinished means still open when the run stopped";
    std::string summary = SimProgram::ReadFile(out + "/summary.txt");
    std::string rows = SimProgram::QueryRows(db, "SELECT id, client_address, client_port, final_state FROM "
                                                 "connections WHERE open_at_end = 1");
    size_t named = 0;
    for (size_t start = 0, end; (end = rows.find('\n', start)) != std::string::npos; start = end + 1)
    {
        std::string row = rows.substr(start, end - start);
        size_t a = row.find('|');
        size_t b = row.find('|', a + 1);
        size_t c = row.find('|', b + 1);
        std::string line = "    connection " + row.substr(0, a) + " " + row.substr(a + 1, b - a - 1) + ":" +
                           row.substr(b + 1, c - b - 1) + " -> ";
        EXPECT_NE(summary.find(line), std::string::npos) << line << "\n" << summary;
        named += summary.find(line) != std::string::npos;
    }
    EXPECT_EQ(int64_t(named), open);
}

TEST(HandshakeSimRunEnd, AWholeRunSynFloodStopsWhenTheWorkIsDone)
{
    // A flood "until the run ends" against stock TCP, which forks a socket per SYN (about 9 KB):
    // the run used to go on flooding until its 600 s limit, its memory growing all the while.
    std::string out = SimProgram::FreshDir("run-end-flood");
    HandshakeScenario scenario;
    std::vector<std::string> flags{"handshake-sim", "--tcp=ns3", "--clients=10", "--syn-flood=1000",
                                   "--pcap=none", "--RngRun=1", "--out=" + out};
    std::vector<char*> argv;
    for (auto& flag : flags)
    {
        argv.push_back(flag.data());
    }
    argv.push_back(nullptr);
    ASSERT_EQ(scenario.Main(static_cast<int>(flags.size()), argv.data()), 0);
    std::string db = out + "/results.sqlite";
    SimProgram::ExpectEveryOutcomeRecorded(db, 30);
    EXPECT_EQ(SimProgram::QueryRows(db, "SELECT end_reason FROM runs"), "ended\n");
    double workDone = QueryDouble(db, "SELECT work_done_seconds FROM runs");
    double stop = QueryDouble(db, "SELECT stop FROM syn_flood");
    EXPECT_DOUBLE_EQ(stop, workDone) << "the flood stopped with the work";
    EXPECT_LT(QueryDouble(db, "SELECT simulated_seconds FROM runs"), 20);
    int64_t sent = SimProgram::QueryInt(db, "SELECT syns_sent FROM syn_flood");
    EXPECT_NEAR(double(sent), 1000 * stop, 2) << "1000 SYN/s until the stop, none after";
    EXPECT_NE(scenario.GetSummary().find("1000 SYN/s from 0.000 s to "), std::string::npos)
        << scenario.GetSummary();
}

TEST(HandshakeSimRunEnd, AConnectionStillRetryingAfterTheGraceIsNamed)
{
    // Our TCP: the client's link goes down mid-response for 500 s; the request times out at 61 s
    // and the client's FIN and data are retransmitted with back-off (tcp_retries2, about 15 min),
    // longer than the teardown grace: the run ends 120 s after the work and names the connection.
    std::string out = RunSim("run-end-grace", "--clients=1 --requests=1 --size=2000000 "
                                              "--link-down=client:0@1.5s+500s --RngRun=1");
    std::string db = out + "/results.sqlite";
    EXPECT_EQ(SimProgram::QueryRows(db, "SELECT end_reason FROM runs"), "grace\n");
    double workDone = QueryDouble(db, "SELECT work_done_seconds FROM runs");
    EXPECT_NEAR(QueryDouble(db, "SELECT simulated_seconds FROM runs"),
                workDone + HandshakeScenario::TEARDOWN_GRACE.GetSeconds(), 1.0);
    EXPECT_EQ(SimProgram::QueryRows(db, "SELECT id, client_address, final_state, state_source, outcome "
                                        "FROM connections WHERE open_at_end = 1"),
              "1|10.0.0.1|FIN_WAIT_1|tcp|unfinished\n");
    std::string summary = SimProgram::ReadFile(out + "/summary.txt");
    EXPECT_NE(summary.find("; 120 s later 1 connection was still open:\n    connection 1 10.0.0.1:"),
              std::string::npos)
        << summary;
    EXPECT_NE(summary.find(" -> 192.168.0.1:80 FIN_WAIT_1 (the TCP's trace)\n"), std::string::npos)
        << summary;
    std::string report = SimProgram::ReadFile(out + "/report.html");
    EXPECT_NE(report.find("<h3>Run end</h3>"), std::string::npos);
    EXPECT_NE(report.find("<td>FIN_WAIT_1</td><td>the TCP's trace</td>"), std::string::npos);

    // The grace is a flag: the same run waits 10 s only.
    out = RunSim("run-end-grace-10s", "--clients=1 --requests=1 --size=2000000 "
                                      "--link-down=client:0@1.5s+500s --RngRun=1 --teardown-grace=10s");
    db = out + "/results.sqlite";
    EXPECT_EQ(SimProgram::QueryRows(db, "SELECT end_reason FROM runs"), "grace\n");
    EXPECT_NEAR(QueryDouble(db, "SELECT simulated_seconds FROM runs"), workDone + 10, 1.0);
    EXPECT_NE(SimProgram::ReadFile(out + "/summary.txt").find("; 10 s later 1 connection was still open"),
              std::string::npos);
}

TEST(HandshakeSimRunEnd, TheTimeLimitSaysWhatWasLeft)
{
    // No response timeout and a link down past the limit: the request is still under way at 600 s.
    std::string out = RunSim("run-end-limit", "--clients=1 --requests=1 --size=2000000 "
                                              "--link-down=client:0@1.5s+700s "
                                              "--ns3::HttpClientApplication::ResponseTimeout=0s");
    std::string db = out + "/results.sqlite";
    EXPECT_EQ(SimProgram::QueryRows(db, "SELECT end_reason, work_done_seconds FROM runs"), "limit|NULL\n");
    EXPECT_EQ(SimProgram::QueryRows(db, "SELECT outcome FROM transactions"), "unfinished\n");
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM connections WHERE open_at_end = 1"), 1);
    std::string summary = SimProgram::ReadFile(out + "/summary.txt");
    EXPECT_NE(summary.find("run ended at the 600 s time limit: 1 of 1 requests were still under way "
                           "(recorded unfinished); 1 connection was open:\n    connection 1 "),
              std::string::npos)
        << summary;
}
