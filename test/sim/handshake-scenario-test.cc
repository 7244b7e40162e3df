// HandshakeScenario in-process: the same run as the handshake-sim program with the same flags (rows,
// metrics, pcaps and summary), flag errors reported before anything is written, and a program's own
// ScenarioComponent taking part in the run (its flag, hooks, report row, summary line and metric);
// clients share an HTTP attribute's default object when it is a constant.
#include "sim-program.h"

#include "ns3/flag-set.h"
#include "ns3/handshake-scenario.h"
#include "ns3/scenario-context.h"
#include "ns3/topology-builder.h"

#include "ns3/config.h"
#include "ns3/pointer.h"
#include "ns3/random-variable-stream.h"
#include "ns3/string.h"

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

/** A component of the test's own: --marker=TEXT, and a note of each hook as it is called. */
class MarkerComponent : public ScenarioComponent
{
  public:
    std::vector<std::string> calls;
    uint32_t clientsAtInstall{0};

    void AddFlags(FlagSet& flags) override
    {
        flags.Add("marker", "a test component's flag", m_text);
    }

    std::string Validate(const SimOptions& options) override
    {
        calls.push_back("Validate");
        return m_text == "bad" ? "--marker: 'bad' for " + std::to_string(options.clients) + " clients" : "";
    }

    void AddReportParameters(Parameters& parameters) const override
    {
        parameters.emplace_back("marker", m_text);
    }

    std::string Prepare(const SimOptions& /* options */) override
    {
        calls.push_back("Prepare");
        return "";
    }

    void AddSettings(std::vector<SettingRecord>& /* settings */) const override
    {
        const_cast<MarkerComponent*>(this)->calls.push_back("AddSettings");
    }

    void Install(ScenarioContext& context) override
    {
        calls.push_back("Install");
        clientsAtInstall = context.topology.GetClients().GetN();
    }

    void InstallLast(ScenarioContext& /* context */) override
    {
        calls.push_back("InstallLast");
    }

    void WorkDone() override
    {
        calls.push_back("WorkDone");
    }

    void Record(ResultsDatabase& /* database */) override
    {
        calls.push_back("Record");
    }

    std::string SummaryLines() const override
    {
        return "  marker " + m_text + "\n";
    }

    void AddMetrics(std::vector<MetricRecord>& metrics) const override
    {
        metrics.push_back({"marker_count", 7.0, true, "", "the test component's metric"});
    }

  private:
    std::string m_text{"none"};
};

} // namespace

TEST(HandshakeScenario, AComponentOfTheProgramsOwnTakesPart)
{
    std::string out = SimProgram::FreshDir("scenario-component");
    MarkerComponent marker;
    HandshakeScenario scenario;
    scenario.Add(marker);
    ASSERT_EQ(RunInProcess(scenario, {"--clients=3", "--requests=1", "--pcap=none", "--syn-flood=100",
                                      "--marker=hello", "--out=" + out}),
              0);
    EXPECT_EQ(marker.calls,
              (std::vector<std::string>{"Validate", "Prepare", "AddSettings", "Install", "InstallLast",
                                        "WorkDone", "Record"}));
    EXPECT_EQ(marker.clientsAtInstall, 3u);
    const std::string& summary = scenario.GetSummary();
    size_t flood = summary.find("  SYN flood at ");
    size_t line = summary.find("  marker hello\n");
    ASSERT_NE(line, std::string::npos) << summary;
    EXPECT_LT(flood, line) << "after the components added before it";
    EXPECT_LT(line, summary.find("  run ended at ")) << summary;
    EXPECT_EQ(SimProgram::QueryRows(out + "/results.sqlite",
                                    "SELECT name FROM metrics ORDER BY rowid DESC LIMIT 2"),
              "marker_count\ndns_server_answered\n")
        << "its metric after the run's and the features' (DNS last)";
    EXPECT_EQ(SimProgram::QueryInt(out + "/results.sqlite",
                                   "SELECT value FROM metrics WHERE name = 'marker_count'"),
              7);
    EXPECT_NE(SimProgram::ReadFile(out + "/report.html").find("<th>marker</th><td>hello</td>"),
              std::string::npos);
    // Its flag comes after the features' (the TCP profile's last) and before the run end's.
    EXPECT_EQ(SimProgram::QueryRows(out + "/results.sqlite",
                                    "SELECT name FROM settings WHERE name IN ('profile', 'marker', "
                                    "'teardown-grace', 'out') ORDER BY rowid"),
              "profile\nmarker\nteardown-grace\nout\n");

    std::string invalid = SimProgram::FreshDir("scenario-component-invalid");
    MarkerComponent bad;
    HandshakeScenario rejecting;
    rejecting.Add(bad);
    testing::internal::CaptureStderr();
    EXPECT_EQ(RunInProcess(rejecting, {"--clients=3", "--marker=bad", "--out=" + invalid}), 2);
    EXPECT_EQ(testing::internal::GetCapturedStderr(), "handshake-sim: --marker: 'bad' for 3 clients\n");
    EXPECT_FALSE(std::ifstream(invalid + "/results.sqlite").good());
}

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

namespace
{

/** Notes, at InstallLast, each client application's EmbeddedSize and ThinkTime objects. */
class ClientVariablesComponent : public ScenarioComponent
{
  public:
    std::vector<Ptr<RandomVariableStream>> embedded;
    std::vector<Ptr<RandomVariableStream>> think;

    void AddFlags(FlagSet& /* flags */) override
    {
    }

    std::string Validate(const SimOptions& /* options */) override
    {
        return "";
    }

    void AddReportParameters(Parameters& /* parameters */) const override
    {
    }

    void InstallLast(ScenarioContext& context) override
    {
        NodeContainer clients = context.topology.GetClients();
        for (uint32_t i = 0; i < clients.GetN(); ++i)
        {
            Ptr<Application> app = clients.Get(i)->GetApplication(0);
            PointerValue value;
            app->GetAttribute("EmbeddedSize", value);
            embedded.push_back(value.Get<RandomVariableStream>());
            app->GetAttribute("ThinkTime", value);
            think.push_back(value.Get<RandomVariableStream>());
        }
    }
};

} // namespace

TEST(HandshakeScenario, ClientsShareTheirConstantDefaultsOnly)
{
    ClientVariablesComponent defaults;
    HandshakeScenario plain;
    plain.Add(defaults);
    ASSERT_EQ(RunInProcess(plain, {"--clients=3", "--pcap=none", "--out=" + SimProgram::FreshDir("shared-rv")}), 0);
    ASSERT_EQ(defaults.think.size(), 3u);
    for (uint32_t i = 0; i < 3; ++i)
    {
        EXPECT_TRUE(DynamicCast<ConstantRandomVariable>(defaults.think[i])) << i;
        EXPECT_EQ(defaults.think[i], defaults.think[0]) << "one constant object for every client";
        EXPECT_EQ(defaults.embedded[i], defaults.embedded[0]);
    }
    EXPECT_NE(defaults.think[0], defaults.embedded[0]);

    // A default the user sets is what ns-3 makes of it: Config::SetDefault turns the string into
    // one object, which every application made afterwards shares (ns-3's own doing); the workload
    // leaves such a default alone and shares only constants it makes itself.
    ClientVariablesComponent drawn;
    HandshakeScenario exponential;
    exponential.Add(drawn);
    ASSERT_EQ(RunInProcess(exponential,
                           {"--clients=3", "--pcap=none",
                            "--ns3::HttpClientApplication::ThinkTime=ns3::ExponentialRandomVariable[Mean=0.001]",
                            "--out=" + SimProgram::FreshDir("own-rv")}),
              0);
    Config::SetDefault("ns3::HttpClientApplication::ThinkTime",
                       StringValue("ns3::ConstantRandomVariable[Constant=0]"));
    ASSERT_EQ(drawn.think.size(), 3u);
    for (uint32_t i = 0; i < 3; ++i)
    {
        EXPECT_TRUE(DynamicCast<ExponentialRandomVariable>(drawn.think[i])) << i;
        EXPECT_TRUE(DynamicCast<ConstantRandomVariable>(drawn.embedded[i])) << i;
    }
    EXPECT_NE(drawn.embedded[0], defaults.embedded[0]) << "made again for the new run";
}
