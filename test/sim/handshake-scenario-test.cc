// HandshakeScenario in-process: the same run as the handshake-sim program with the same flags (rows,
// metrics, pcaps and summary), and flag errors reported before anything is written.
#include "sim-program.h"

#include "ns3/handshake-scenario.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

using namespace ns3;
using ::handshake::test::SimProgram;

namespace
{

/** Runs the scenario in this process with \p flags (each "--name=value"); returns its exit status. */
int
RunInProcess(HandshakeScenario& scenario, std::vector<std::string> flags)
{
    flags.insert(flags.begin(), "handshake-sim");
    std::vector<char*> argv;
    for (auto& flag : flags)
    {
        argv.push_back(flag.data());
    }
    argv.push_back(nullptr);
    return scenario.Main(static_cast<int>(flags.size()), argv.data());
}

} // namespace

TEST(HandshakeScenario, InProcessRunIsTheProgramsRun)
{
    const std::vector<std::string> flags{"--clients=6", "--servers=2", "--requests=2",
                                         "--pcap=sample:2", "--RngRun=4", "--syn-flood=200@0.5s+1s",
                                         "--link-down=client:1@1s+1s", "--drop=client:3/s2c:synack"};
    std::string program = SimProgram::FreshDir("scenario-program");
    std::string text;
    for (const auto& flag : flags)
    {
        text += flag + " ";
    }
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY, text + "--out=" + program, program + ".log"), 0)
        << SimProgram::ReadFile(program + ".log");
    std::string inProcess = SimProgram::FreshDir("scenario-in-process");
    HandshakeScenario scenario;
    std::vector<std::string> inProcessFlags = flags;
    inProcessFlags.push_back("--out=" + inProcess);
    ASSERT_EQ(RunInProcess(scenario, inProcessFlags), 0);

    EXPECT_EQ(scenario.GetOptions().clients, 6u);
    EXPECT_EQ(scenario.GetSummary(), SimProgram::ReadFile(inProcess + "/summary.txt"));
    EXPECT_EQ(SimProgram::ReadFile(program + "/summary.txt"), scenario.GetSummary());
    for (const std::string table : {"connections", "transactions", "segments", "drops", "servers",
                                    "server_load", "syn_flood", "metrics"})
    {
        std::string sql = "SELECT * FROM " + table + " ORDER BY rowid";
        std::string rows = SimProgram::QueryRows(program + "/results.sqlite", sql);
        EXPECT_FALSE(rows.empty()) << table;
        EXPECT_EQ(SimProgram::QueryRows(inProcess + "/results.sqlite", sql), rows) << table;
    }
    std::vector<std::string> pcaps = SimProgram::Pcaps(program + "/pcap");
    ASSERT_EQ(pcaps.size(), 4u) << "2 sampled clients, 2 servers";
    for (const auto& pcap : pcaps)
    {
        std::string name = pcap.substr(pcap.rfind('/'));
        EXPECT_TRUE(SimProgram::ReadFile(inProcess + "/pcap" + name) == SimProgram::ReadFile(pcap)) << name;
    }
    EXPECT_EQ(SimProgram::QueryInt(inProcess + "/results.sqlite", "SELECT complete FROM runs"), 1);
}

TEST(HandshakeScenario, InvalidFlagWritesNothing)
{
    std::string out = SimProgram::FreshDir("scenario-invalid");
    HandshakeScenario scenario;
    testing::internal::CaptureStderr();
    int status = RunInProcess(scenario, {"--clients=0", "--out=" + out});
    std::string error = testing::internal::GetCapturedStderr();
    EXPECT_EQ(status, 2);
    EXPECT_EQ(error, "handshake-sim: --clients: '0' is not a whole number in 1..1000000\n");
    EXPECT_FALSE(std::ifstream(out + "/results.sqlite").good());
    EXPECT_TRUE(scenario.GetSummary().empty());
}
