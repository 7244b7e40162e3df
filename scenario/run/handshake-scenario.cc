#include "handshake-scenario.h"

#include "ns3/build-version.h"
#include "ns3/handshake-tcp-socket.h"
#include "ns3/html-report.h"
#include "ns3/http-client-helper.h"
#include "ns3/http-server-helper.h"
#include "ns3/make-directories.h"
#include "ns3/printable-text.h"
#include "ns3/progress-reporter.h"
#include "ns3/run-metrics.h"
#include "ns3/run-summary.h"
#include "ns3/scenario-context.h"
#include "ns3/write-output-file.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/global-value.h"
#include "ns3/inet-socket-address.h"
#include "ns3/pointer.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <dirent.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iomanip>
#include <map>
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

/** "10.0.0.2" */
std::string
AddressText(Ipv4Address address)
{
    std::ostringstream os;
    address.Print(os);
    return os.str();
}

Ptr<TopologyBuilder>
BuildTopology(const SimOptions& options, std::string* error)
{
    Ptr<TopologyBuilder> topology = CreateObject<TopologyBuilder>();
    topology->SetAttribute("Shape", StringValue(options.topology));
    topology->SetAttribute("Fanout", UintegerValue(options.fanout));
    topology->SetAttribute("AccessDelay", PointerValue(options.delayMs));
    topology->SetAttribute("AccessLoss", PointerValue(options.lossRate));
    topology->SetAttribute("LossModel", StringValue(options.lossModel));
    topology->SetAttribute("BottleneckRate", DataRateValue(options.bottleneckRate));
    topology->SetAttribute("BottleneckDelay", TimeValue(options.bottleneckDelay));
    topology->SetAttribute("TcpL4Protocol",
                           StringValue(options.tcp == "handshake" ? "ns3::HandshakeTcpL4Protocol"
                                                                  : "ns3::TcpL4Protocol"));
    *error = topology->Build(options.clients, options.servers);
    return topology;
}

/** TIME_WAIT of handshake's TCP: 2 MSL (RFC 9293 3.3.2), as a socket made now gets it (the
 *  profile's, or an Msl the user set). */
Time
TimeWaitDuration()
{
    return 2 * NanoSeconds(CreateObject<HandshakeTcpSocket>()->GetConfig().msl.count());
}

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
    : m_program(std::move(program)),
      m_end(RUN_LIMIT, TEARDOWN_GRACE)
{
    for (ScenarioComponent* component : m_ownComponents.All())
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
    // A binary heap instead of ns-3's default std::map: same event order (time, then insertion), and
    // 20% less time at 10,000 clients where the map's node allocations led the profile.
    // --SchedulerType=ns3::MapScheduler gives the default back.
    GlobalValue::Bind("SchedulerType", StringValue("ns3::HeapScheduler"));

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
    error = WriteOutputs();
    if (!error.empty())
    {
        return Fail(1, error);
    }
    std::cout << m_summary << "  outputs: " << m_options.outDir << "/summary.txt, " << m_options.outDir
              << "/report.html, " << m_options.outDir << "/results.sqlite, " << m_pcapDir << "/*.pcap"
              << std::endl;
    return 0;
}

std::string
HandshakeScenario::Prepare(int argc, char* argv[])
{
    std::string error = m_options.Parse(argc, argv);
    if (!error.empty())
    {
        return error;
    }
    m_topology = BuildTopology(m_options, &error);
    if (!error.empty())
    {
        // A draw outside its range names the flag it came from.
        for (const auto& [attribute, flag] : {std::pair{"AccessDelay: ", "--delay: "},
                                              std::pair{"AccessLoss: ", "--loss: "}})
        {
            if (error.rfind(attribute, 0) == 0)
            {
                return flag + error.substr(std::strlen(attribute));
            }
        }
        return "--clients/--servers/--fanout: " + error;
    }
    if (m_options.check)
    {
        return ""; // --check: valid, and nothing is written
    }
    m_pcapDir = m_options.outDir + "/pcap";
    if (!MakeDirectories(m_pcapDir))
    {
        return "--out: cannot create " + m_pcapDir + ": " + std::strerror(errno);
    }
    error = m_outLock.Acquire(m_options.outDir, m_program);
    if (!error.empty())
    {
        return "--out: " + error;
    }
    m_database = ResultsDatabase::Create(m_options.outDir + "/results.sqlite", &error);
    if (!m_database)
    {
        return "--out: " + error;
    }
    m_database->BeginRun({m_program, CommandLineText(argc, argv), RngSeedManager::GetRun(), m_options.tcp});
    m_settings = m_options.EffectiveSettings(m_program, PROGRAM_GLOBALS);
    for (ScenarioComponent* component : m_components)
    {
        component->AddSettings(m_settings);
    }
    // TIME_WAIT ends only by its 2 MSL timer: with --drain the run waits that much longer.
    Time timeWait = m_options.drain ? TimeWaitDuration() : Seconds(0);
    m_end = RunEndRule(RUN_LIMIT + timeWait, m_options.teardownGrace + timeWait);
    ClearEarlierOutputs(m_options.outDir, m_pcapDir);
    return "";
}

/** As with results.sqlite: what an earlier run into the same --out wrote must not pass for this
 *  run's (a killed run would leave an old summary.txt; fewer clients, old pcaps). Only the files
 *  a run writes go, each with its .partial; nothing else in the folder is touched. */
void
HandshakeScenario::ClearEarlierOutputs(const std::string& outDir, const std::string& pcapDir)
{
    std::vector<std::string> files{outDir + "/summary.txt", outDir + "/report.html"};
    for (const std::string& table : ResultsDatabase::CsvTables())
    {
        files.push_back(outDir + "/" + table + ".csv");
    }
    if (DIR* directory = opendir(pcapDir.c_str()))
    {
        while (const dirent* entry = readdir(directory))
        {
            if (CapturePolicy::IsCaptureFileName(entry->d_name))
            {
                files.push_back(pcapDir + "/" + entry->d_name);
            }
        }
        closedir(directory);
    }
    for (const std::string& file : files)
    {
        std::remove(file.c_str());
        std::remove((file + ".partial").c_str());
    }
}

/** HTTP servers on port 80; each client fetches --requests objects of --size bytes. */
void
HandshakeScenario::InstallApplications()
{
    HttpServerHelper servers(HTTP_PORT);
    servers.Install(m_topology->GetServers()).Start(Seconds(0));
    Ptr<UniformRandomVariable> startJitter = CreateObject<UniformRandomVariable>();
    NodeContainer clients = m_topology->GetClients();
    for (uint32_t i = 0; i < m_options.clients; ++i)
    {
        HttpClientHelper client(InetSocketAddress(m_topology->GetServerAddress(i % m_options.servers), HTTP_PORT));
        client.SetAttribute("Requests", UintegerValue(m_options.requests));
        client.SetAttribute("ResponseSize", PointerValue(m_options.sizeBytes));
        client.SetAttribute("Persistent", BooleanValue(m_options.persistent));
        ClientRecord record;
        record.index = i;
        record.address = AddressText(m_topology->GetClientAddress(i));
        record.serverAddress = AddressText(m_topology->GetServerAddress(i % m_options.servers));
        record.accessDelayMs = m_topology->GetAccessDelay(i).GetDouble() / 1e6;
        record.lossRate = m_topology->GetAccessLoss(i);
        record.lossModel = m_options.lossModel;
        ApplicationContainer app = client.Install(clients.Get(i));
        m_requests.Install(app);
        Time start = Seconds(SimOptions::FIRST_START_SECONDS +
                             startJitter->GetValue(0, m_options.startWindow.GetSeconds()));
        app.Start(start);
        record.start = start.GetSeconds();
        m_clients.push_back(record);
        // Stopped just before the run's end so that requests still under way are recorded.
        app.Stop(RUN_LIMIT - MilliSeconds(1));
    }
}

void
HandshakeScenario::Install()
{
    InstallApplications();
    std::vector<uint32_t> sampled = m_options.capture.ChooseClients(m_options.clients);
    m_options.capture.Enable(*m_topology, m_pcapDir, sampled);
    for (uint32_t i : sampled)
    {
        m_clients[i].pcap = "pcap/" + CapturePolicy::ClientFileName(i);
    }
    ScenarioContext context{*m_topology, m_connections, m_serverLoad, HTTP_PORT};
    for (ScenarioComponent* component : m_components)
    {
        component->Install(context);
    }
    m_connections.Install(m_topology->GetClients(), sampled);
    m_connections.InstallServers(m_topology->GetServers());
    m_requests.NotifyWhenRecorded(uint64_t(m_options.clients) * m_options.requests,
                                  [this] { WorkDone(); });
    m_serverLoad.Install(m_topology->GetServers());
    for (ScenarioComponent* component : m_components)
    {
        component->InstallLast(context);
    }
}

void
HandshakeScenario::WorkDone()
{
    if (Simulator::Now() >= RUN_LIMIT - MilliSeconds(1))
    {
        return; // the clients were stopped: their last requests are unfinished, the limit ends the run
    }
    m_end.WorkDone(Simulator::Now());
    for (ScenarioComponent* component : m_components)
    {
        component->WorkDone();
    }
    // 5 s later at the earliest: time for the last FIN and its ACK, and their retransmissions, to
    // reach the pcap; a connection still retrying after its request gave up then ends with its own
    // outcome, not "unfinished".
    Simulator::Schedule(Seconds(5), &HandshakeScenario::StopWhenEnded, this);
}

/**
 * Stops the run once every connection the clients opened has ended (RunEndRule): CLOSED by its
 * TCP's own trace with --drain (TIME_WAIT over), else closed, reset, timed out or in TIME_WAIT.
 * Checks each simulated second.
 */
void
HandshakeScenario::StopWhenEnded()
{
    m_connections.Settle(); // connections a stock TCP gave up without a word have ended
    if (m_end.ShouldStop(Simulator::Now(), OpenConnections()))
    {
        Simulator::Stop();
        return;
    }
    Simulator::Schedule(Seconds(1), &HandshakeScenario::StopWhenEnded, this);
}

uint64_t
HandshakeScenario::OpenConnections() const
{
    uint64_t ended = m_options.drain ? m_connections.TcpClosed() : m_connections.Ended();
    return m_connections.Started() - std::min(ended, m_connections.Started());
}

void
HandshakeScenario::Simulate()
{
    ProgressReporter progress([this] {
        return m_end.Progress(m_requests.Recorded(), m_requests.Expected(), OpenConnections());
    });
    progress.Start();
    // Long enough for retransmission back-off on lossy links; the run ends early if all finish.
    Simulator::Stop(m_options.drain ? RUN_LIMIT + TimeWaitDuration() : RUN_LIMIT);
    Simulator::Run();
    m_end.Stopped(Simulator::Now());
    progress.Stop();
    m_simulated = Simulator::Now().GetSeconds();
}

/** The records into results.sqlite and the summary; before Simulator::Destroy. */
void
HandshakeScenario::Record()
{
    m_transactions = m_requests.Transactions(m_connections);
    m_connectionRecords = m_connections.Records();
    m_servers = m_serverLoad.Records();
    m_database->AddAll(m_settings, m_clients, m_connectionRecords, m_transactions, m_connections.Segments(),
                       m_connections.States(), m_servers, m_serverLoad.Samples());
    std::vector<MetricRecord> metrics =
        RunMetrics::Compute({m_connectionRecords, m_transactions, m_servers, m_simulated});
    std::string componentLines;
    for (ScenarioComponent* component : m_components)
    {
        component->Record(*m_database);
        component->AddMetrics(metrics);
        componentLines += component->SummaryLines();
    }
    m_database->AddAll(metrics);
    std::ostringstream title;
    title << m_program << ": " << m_options.clients << " clients, " << m_options.servers << " servers ("
          << m_options.topology << "), tcp=" << m_options.tcp << ", RngRun " << RngSeedManager::GetRun()
          << ", simulated " << std::fixed << std::setprecision(3) << m_simulated << " s";
    m_title = title.str();
    m_endRecord = m_end.Record();
    m_database->SetRunEnd(m_endRecord);
    m_summary = RunSummary::Format(m_title, m_connectionRecords, m_transactions,
                                   m_connections.TimeWaitCount()) +
                RunSummary::FormatServers(m_servers) + componentLines +
                RunSummary::FormatRunEnd(m_endRecord, m_connectionRecords, m_transactions) +
                RunSummary::FormatSettings(m_settings, BuildVersion::Handshake(), BuildVersion::Ns3());
    Simulator::Destroy();
    // The last reference to the nodes' devices, whose pcap writers close (and flush) their files
    // when they go: a caller that reads the pcaps after Main, in the same process, sees them whole.
    m_topology = nullptr;
}

std::string
HandshakeScenario::WriteOutputs()
{
    std::string error;
    if (!m_database->Finish(m_simulated, &error))
    {
        return error;
    }
    if (m_options.csv)
    {
        error = ResultsDatabase::ExportCsv(m_options.outDir + "/results.sqlite", m_options.outDir);
        if (!error.empty())
        {
            return "--csv: " + error;
        }
    }
    error = WriteOutputFile(m_options.outDir + "/summary.txt", m_summary);
    if (!error.empty())
    {
        return error;
    }
    HtmlReport report(m_title);
    report.AddParameters(m_options.ReportParameters());
    report.SetSettings(m_settings, BuildVersion::Handshake(), BuildVersion::Ns3());
    report.SetSummaryText(m_summary);
    report.SetRunEnd(m_endRecord);
    report.SetLadders(m_options.ladders, m_options.ladderTimeScale);
    std::map<std::string, std::string> captureFiles;
    for (const ClientRecord& client : m_clients)
    {
        captureFiles[client.address] = client.pcap;
    }
    for (const ServerRecord& server : m_servers)
    {
        if (m_options.capture.kind != CapturePolicy::NONE)
        {
            captureFiles[server.address] = "pcap/" + CapturePolicy::ServerFileName(server.id);
        }
    }
    report.SetCaptureFiles(captureFiles);
    return report.Write(m_options.outDir + "/report.html", m_connectionRecords, m_transactions,
                        m_connections.Segments(), m_connections.States(), m_ownComponents.drops.Plan().Records());
}

} // namespace ns3
