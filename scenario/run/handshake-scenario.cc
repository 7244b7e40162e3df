#include "handshake-scenario.h"

#include "ns3/printable-text.h"
#include "ns3/progress-reporter.h"

#include "ns3/boolean.h"
#include "ns3/global-value.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

#include <iomanip>
#include <iostream>
#include <sstream>

namespace ns3
{

const Time HandshakeScenario::RUN_LIMIT = Seconds(SimOptions::RUN_LIMIT_SECONDS);
const Time HandshakeScenario::TEARDOWN_GRACE = Seconds(SimOptions::TEARDOWN_GRACE_SECONDS);

namespace
{

/** The ns-3 global values Main binds (the `settings` table names the program as their source). */
const std::vector<std::string> PROGRAM_GLOBALS{"ChecksumEnabled", "SchedulerType"};

std::string
CommandLineText(int argc, char* argv[])
{
    std::string text;
    for (int i = 1; i < argc; ++i)
    {
        text += (i > 1 ? " " : "") + std::string(argv[i]);
    }
    return text;
}

} // namespace

HandshakeScenario::HandshakeScenario(std::string program)
    : m_program(std::move(program))
{
    for (ScenarioComponent* component : m_builtIn.First())
    {
        Add(*component);
    }
}

void
HandshakeScenario::Add(ScenarioComponent& component)
{
    m_options.Add(component);
    m_components.push_back(&component);
}

const SimOptions&
HandshakeScenario::GetOptions() const
{
    return m_options;
}

const std::string&
HandshakeScenario::GetSummary() const
{
    return m_summary;
}

int
HandshakeScenario::Fail(int status, const std::string& error) const
{
    // Errors quote the user's input: escaped and shortened, never raw bytes on the terminal.
    std::cerr << m_program << ": " << PrintableText::Of(error, ERROR_LINE_LIMIT) << std::endl;
    return status;
}

int
HandshakeScenario::Main(int argc, char* argv[])
{
    // Real on the wire: valid IPv4 and TCP checksums (shared/DESIGN.md). These two are PROGRAM_GLOBALS.
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    // A binary heap (std::priority_queue) instead of ns-3's default std::map: same event order
    // (time, then insertion). The map's node allocations led the profile (HeapScheduler: -20% at
    // 10,000 clients); ns-3's own HeapScheduler then took 8% of the instructions, this one 5-12%
    // less CPU in all (issue [bench]). --SchedulerType=ns3::MapScheduler gives the default back.
    GlobalValue::Bind("SchedulerType", StringValue("ns3::PriorityQueueScheduler"));

    std::string error = Prepare(argc, argv);
    if (!error.empty())
    {
        return Fail(2, error);
    }
    if (m_options.check)
    {
        std::cout << m_program << ": flags ok" << std::endl;
        return 0;
    }
    Install();
    Simulate();
    Record();
    OutputsComponent& outputs = m_builtIn.outputs;
    error = outputs.Write(m_summary, m_options.ReportParameters(),
                          m_builtIn.capture.FilesByAddress(m_results.clients, m_results.servers),
                          m_builtIn.drops.Plan().Records());
    if (!error.empty())
    {
        return Fail(1, error);
    }
    std::cout << m_summary << "  outputs: " << outputs.outDir << "/summary.txt, " << outputs.outDir
              << "/report.html, " << outputs.outDir << "/results.sqlite, " << outputs.PcapDir() << "/*.pcap"
              << std::endl;
    return 0;
}

std::string
HandshakeScenario::Prepare(int argc, char* argv[])
{
    if (!m_lastAdded)
    {
        for (ScenarioComponent* component : m_builtIn.Last())
        {
            Add(*component);
        }
        m_lastAdded = true;
    }
    std::string error = m_options.Parse(argc, argv);
    for (auto c = m_components.begin(); error.empty() && c != m_components.end(); ++c)
    {
        error = (*c)->Prepare(m_options);
    }
    if (!error.empty() || m_options.check)
    {
        return error; // --check: valid, and nothing is written
    }
    error = m_builtIn.outputs.Open({m_program, CommandLineText(argc, argv), RngSeedManager::GetRun(), m_options.tcp});
    if (!error.empty())
    {
        return error;
    }
    m_results.settings = m_options.EffectiveSettings(m_program, PROGRAM_GLOBALS);
    for (ScenarioComponent* component : m_components)
    {
        component->AddSettings(m_results.settings);
    }
    return "";
}

void
HandshakeScenario::Install()
{
    m_context.reset(new ScenarioContext{*m_builtIn.topology.GetTopology(), m_connections, m_serverLoad, m_requests,
                                        HTTP_PORT, m_builtIn.outputs.PcapDir(), m_results});
    for (ScenarioComponent* component : m_components)
    {
        component->Install(*m_context);
    }
    m_requests.NotifyWhenRecorded(uint64_t(m_options.clients) * m_builtIn.workload.requests,
                                  [this] { WorkDone(); });
    for (ScenarioComponent* component : m_components)
    {
        component->InstallLast(*m_context);
    }
}

void
HandshakeScenario::WorkDone()
{
    if (Simulator::Now() >= RUN_LIMIT - MilliSeconds(HttpWorkloadComponent::STOP_BEFORE_LIMIT_MS))
    {
        return; // the clients were stopped: their last requests are unfinished, the limit ends the run
    }
    for (ScenarioComponent* component : m_components)
    {
        component->WorkDone();
    }
}

void
HandshakeScenario::Simulate()
{
    RunEndComponent& end = m_builtIn.runEnd;
    ProgressReporter progress([&end] { return end.Progress(); });
    progress.Start();
    // Long enough for retransmission back-off on lossy links; the run ends early if all finish.
    Simulator::Stop(end.Limit());
    Simulator::Run();
    end.Stopped(Simulator::Now());
    progress.Stop();
    m_results.simulatedSeconds = Simulator::Now().GetSeconds();
}

void
HandshakeScenario::Record()
{
    RunResults& r = m_results;
    r.transactions = m_requests.Transactions(m_connections);
    r.connections = m_connections.Records();
    r.servers = m_serverLoad.Records();
    r.end = m_builtIn.runEnd.EndRecord();
    std::ostringstream title;
    title << m_program << ": " << m_options.clients << " clients, " << m_options.servers << " servers ("
          << m_builtIn.topology.shape << "), tcp=" << m_options.tcp << ", RngRun " << RngSeedManager::GetRun()
          << ", simulated " << std::fixed << std::setprecision(3) << r.simulatedSeconds << " s";
    r.title = title.str();
    ResultsDatabase& database = m_builtIn.outputs.Database();
    std::vector<MetricRecord> metrics;
    m_summary.clear();
    for (ScenarioComponent* component : m_components)
    {
        component->Record(database);
        component->AddMetrics(metrics);
        m_summary += component->SummaryLines();
    }
    database.AddAll(metrics);
    Simulator::Destroy();
    // The last reference to the nodes' devices, whose pcap writers close (and flush) their files
    // when they go: a caller that reads the pcaps after Main, in the same process, sees them whole.
    m_builtIn.topology.Release();
}

} // namespace ns3
