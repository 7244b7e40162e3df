#include "handshake-scenario.h"

#include "ns3/capture-policy.h"
#include "ns3/make-directories.h"
#include "ns3/mpi-ranks.h"
#include "ns3/printable-text.h"
#include "ns3/progress-reporter.h"

#include "ns3/boolean.h"
#include "ns3/global-value.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <functional>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>
#include <unistd.h>

namespace ns3
{

const Time HandshakeScenario::RUN_LIMIT = Seconds(SimOptions::RUN_LIMIT_SECONDS);
const Time HandshakeScenario::TEARDOWN_GRACE = Seconds(SimOptions::TEARDOWN_GRACE_SECONDS);
const Time HandshakeScenario::CHECK_WINDOW = Seconds(1);

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

/** Removes the capture files an earlier run left in \p directory. */
void
ClearCaptureFiles(const std::string& directory)
{
    if (DIR* folder = opendir(directory.c_str()))
    {
        while (const dirent* entry = readdir(folder))
        {
            if (CapturePolicy::IsCaptureFileName(entry->d_name))
            {
                std::remove((directory + "/" + entry->d_name).c_str());
            }
        }
        closedir(folder);
    }
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

    m_builtIn.distributed.SetCommandLine(argc, argv);
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
    // Spread over ranks, rank 0 writes the run's outputs from every rank's records (doc/mpi.rst).
    const bool writes = MpiRanks::Rank() == 0;
    error = Record();
    OutputsComponent& outputs = m_builtIn.outputs;
    if (error.empty() && writes)
    {
        error = outputs.Write(m_summary, m_options.ReportParameters(),
                              m_builtIn.capture.FilesByAddress(m_results.clients, m_results.servers));
    }
    if (m_builtIn.distributed.Distributed())
    {
        std::string gathered = GatherCaptureFiles(); // a collective: every rank, error or not
        error = error.empty() ? gathered : error;
    }
    MpiRanks::Disable();
    if (!error.empty())
    {
        return Fail(1, error);
    }
    if (!writes)
    {
        return 0; // rank 0 speaks for the run
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
    if (error.empty())
    {
        error = m_builtIn.distributed.CheckTopology(*m_builtIn.topology.GetTopology());
    }
    if (!error.empty() || m_options.check)
    {
        return error; // --check: valid, and nothing is written
    }
    if (m_builtIn.distributed.Distributed() && MpiRanks::Rank() != 0)
    {
        // Rank 0 writes --out (its records are every rank's: GatherRanks). Another rank's hosts
        // write their capture files into --out/ranks/RANK/pcap/, which rank 0 moves into --out/pcap/
        // after the run (GatherCaptureFiles).
        m_runOutDir = m_builtIn.outputs.outDir;
        m_builtIn.outputs.outDir += "/ranks/" + std::to_string(MpiRanks::Rank());
        const std::string pcapDir = m_builtIn.outputs.PcapDir();
        if (!MakeDirectories(pcapDir))
        {
            return "--out: cannot create " + pcapDir + ": " + std::strerror(errno);
        }
        ClearCaptureFiles(pcapDir);
    }
    else if (m_builtIn.distributed.Distributed())
    {
        m_runOutDir = m_builtIn.outputs.outDir;
    }
    error = MpiRanks::Rank() != 0 ? "" : m_builtIn.outputs.Open({m_program, CommandLineText(argc, argv), RngSeedManager::GetRun(), m_options.tcp});
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
    // Spread over ranks, no rank sees every request: SimulateInWindows adds up their counts.
    std::function<void()> allRecorded;
    if (!m_builtIn.distributed.Distributed())
    {
        allRecorded = [this] { WorkDone(); };
    }
    m_requests.NotifyWhenRecorded(uint64_t(m_options.clients) * m_builtIn.workload.requests, allRecorded);
    for (ScenarioComponent* component : m_components)
    {
        component->InstallLast(*m_context);
    }
    MpiRanks::SilenceRemoteNodes();
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
    if (m_builtIn.distributed.Distributed())
    {
        SimulateInWindows();
        return;
    }
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
HandshakeScenario::SimulateInWindows()
{
    // A run on one process decides in its own events when it is over (WorkDone when the last
    // request has its outcome, then RunEndComponent's checks 5 s later and every second). Spread
    // over ranks, no rank sees every request or connection: the ranks add up their counts at fixed
    // times (NextCheck), every second until every request has its outcome; then W, the time of the
    // last outcome over all ranks, is known, and the checks fall exactly at the times of a run on one
    // process (W + 5 s, then every second), where the same rule decides with every rank's open
    // connections.
    //
    // With granted time windows (DistributedSimulatorImpl) each check is between two
    // Simulator::Run: each Run stops at the check's time (an ordinary Stop event, so the same
    // events run before it as in one process). A collective inside an event could wait there for a
    // rank whose own lookahead, smaller, has not granted it that time yet. With null messages
    // (NullMessageSimulatorImpl, whose Run cannot be entered twice: it posts its receives and null
    // message events again) each check is an event of every rank at that time: a rank waiting in it
    // has sent null messages promising no packet before its next event, so the others reach it.
    RunEndComponent& end = m_builtIn.runEnd;
    const Time first = std::min(end.Limit(), CHECK_WINDOW);
    if (m_builtIn.distributed.sync == MpiRanks::NULL_MESSAGE)
    {
        Simulator::Schedule(first, &HandshakeScenario::CheckInEvent, this);
        Simulator::Stop(end.Limit());
        Simulator::Run();
    }
    else
    {
        for (std::optional<Time> next = first; next; next = NextCheck(*next))
        {
            Simulator::Stop(*next - Simulator::Now());
            Simulator::Run();
        }
    }
    end.Stopped(Simulator::Now());
    m_results.simulatedSeconds = Simulator::Now().GetSeconds();
}

void
HandshakeScenario::CheckInEvent()
{
    std::optional<Time> next = NextCheck(Simulator::Now());
    if (!next)
    {
        Simulator::Stop();
    }
    else if (*next < m_builtIn.runEnd.Limit())
    {
        Simulator::Schedule(*next - Simulator::Now(), &HandshakeScenario::CheckInEvent, this);
    }
}

std::optional<Time>
HandshakeScenario::NextCheck(Time now)
{
    RunEndComponent& end = m_builtIn.runEnd;
    const Time limit = end.Limit();
    if (now >= limit)
    {
        return std::nullopt;
    }
    if (!m_workDoneAt)
    {
        if (MpiRanks::Sum(m_requests.Recorded()) != m_requests.Expected())
        {
            return std::min(limit, now + CHECK_WINDOW);
        }
        const Time at = TimeStep(MpiRanks::Max(m_requests.LastRecordedAt().GetTimeStep()));
        if (at >= RUN_LIMIT - MilliSeconds(HttpWorkloadComponent::STOP_BEFORE_LIMIT_MS))
        {
            return limit; // the clients were stopped: the limit ends the run (WorkDone)
        }
        m_workDoneAt = at;
        for (ScenarioComponent* component : m_components)
        {
            if (component != &end)
            {
                component->WorkDone(); // at this check, not at W (doc/mpi.rst)
            }
        }
        return std::min(limit, end.WorkDoneAt(at));
    }
    if (end.ShouldStopAt(now, MpiRanks::Sum(end.LocalOpenConnections())))
    {
        return std::nullopt;
    }
    return std::min(limit, now + RunEndComponent::CheckInterval());
}

std::string
HandshakeScenario::GatherCaptureFiles()
{
    MpiRanks::Barrier(); // every rank has written its files
    if (MpiRanks::Rank() != 0)
    {
        return "";
    }
    const std::string pcapDir = m_runOutDir + "/pcap";
    for (uint32_t rank = 1; rank < MpiRanks::Size(); ++rank)
    {
        const std::string pcaps = m_runOutDir + "/ranks/" + std::to_string(rank) + "/pcap";
        DIR* directory = opendir(pcaps.c_str());
        if (!directory)
        {
            continue;
        }
        while (const dirent* entry = readdir(directory))
        {
            const std::string name = entry->d_name;
            if (CapturePolicy::IsCaptureFileName(name) &&
                std::rename((pcaps + "/" + name).c_str(), (pcapDir + "/" + name).c_str()) != 0)
            {
                closedir(directory);
                return "--out: cannot move " + pcaps + "/" + name + ": " + std::strerror(errno);
            }
        }
        closedir(directory);
        // Gone once empty: --out is laid out as a run on one process lays it out.
        rmdir(pcaps.c_str());
        rmdir((m_runOutDir + "/ranks/" + std::to_string(rank)).c_str());
    }
    rmdir((m_runOutDir + "/ranks").c_str());
    return "";
}

std::string
HandshakeScenario::Record()
{
    RunResults& r = m_results;
    r.transactions = m_requests.Transactions(m_connections);
    // Moved out, not copied (the copy was part of the peak memory of a large run). Over ranks,
    // GatherRanks sends the recorder's own records and rank 0 fills r.connections from the merge.
    if (!m_builtIn.distributed.Distributed())
    {
        r.connections = m_connections.TakeRecords();
    }
    r.segments = m_connections.TakeSegments();
    r.states = m_connections.TakeStates();
    r.drops = m_builtIn.drops.Plan().Records();
    r.timeWaitAtEnd = m_connections.TimeWaitCount();
    r.servers = m_serverLoad.Records();
    r.end = m_builtIn.runEnd.EndRecord();
    if (m_builtIn.distributed.Distributed())
    {
        // What rank 0's merge needs to find a drop's connection when the dropping rank did not.
        r.dropClients.clear();
        for (const auto& [address, port] : m_builtIn.drops.Plan().RecordClients())
        {
            std::ostringstream text;
            text << address;
            r.dropClients.push_back({text.str(), port});
        }
        std::string error;
        for (ScenarioComponent* component : m_components)
        {
            std::string own = component->GatherRanks(); // collectives: every component, every rank
            error = error.empty() ? own : error;
        }
        if (!error.empty() || MpiRanks::Rank() != 0)
        {
            Simulator::Destroy();
            m_builtIn.topology.Release(); // the capture files close
            return error;
        }
    }
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
    return "";
}

} // namespace ns3
