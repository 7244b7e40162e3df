/*
 * handshake-sim: the main scenario program (run by scripts/demo).
 *
 * Clients, each on its own access link with its own delay and loss, fetch objects over HTTP from servers
 * behind a shared bottleneck (TopologyBuilder: a tree of access routers or a dumbbell):
 *
 *   client_i --access_i-- accessRouter --uplink-- core ==bottleneck== serverRouter --- server_j
 *
 * Every connection shows a handshake (SYN, SYN-ACK, ACK), a transfer and a teardown (FIN from each
 * side, each ACKed), captured to pcap files that Wireshark and tshark read like real captures.
 * The hosts' TCP is handshake's own (--tcp=handshake, the default) or ns-3's stock TCP (--tcp=ns3),
 * checksums on either way. Each client makes --requests HTTP/1.1 GETs of --size bytes, one
 * connection per request (the seeds' flow: handshake, GET, response, teardown) or --persistent.
 */
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/handshake-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>
#include <sys/stat.h>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("HandshakeSim");

namespace
{

/** The requests end here at the latest (long enough for SYN and data back-off on lossy links). */
const Time RUN_LIMIT = Seconds(600);

/** How often the half-open and connection counts of the server under a SYN flood are recorded. */
const Time SERVER_LOAD_INTERVAL = MilliSeconds(100);

bool
MakeDirectory(const std::string& path)
{
    std::string partial;
    std::istringstream parts(path);
    std::string part;
    if (!path.empty() && path[0] == '/')
    {
        partial = "/";
    }
    while (std::getline(parts, part, '/'))
    {
        if (part.empty())
        {
            continue;
        }
        partial += part + "/";
        if (mkdir(partial.c_str(), 0755) != 0 && errno != EEXIST)
        {
            return false;
        }
    }
    return true;
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
    topology->SetAttribute("AttackerLinkRate", DataRateValue(options.attackerRate));
    topology->SetAttribute("TcpL4Protocol",
                           StringValue(options.tcp == "handshake" ? "ns3::HandshakeTcpL4Protocol"
                                                                  : "ns3::TcpL4Protocol"));
    *error = topology->Build(options.clients, options.servers);
    return topology;
}

/** HTTP servers on port 80; each client fetches --requests objects of --size bytes. */
void
InstallApplications(const SimOptions& options, Ptr<TopologyBuilder> topology, RequestRecorder& requests)
{
    HttpServerHelper servers(80);
    servers.Install(topology->GetServers()).Start(Seconds(0));
    Ptr<UniformRandomVariable> startJitter = CreateObject<UniformRandomVariable>();
    NodeContainer clients = topology->GetClients();
    for (uint32_t i = 0; i < options.clients; ++i)
    {
        HttpClientHelper client(InetSocketAddress(topology->GetServerAddress(i % options.servers), 80));
        client.SetAttribute("Requests", UintegerValue(options.requests));
        client.SetAttribute("ResponseSize", PointerValue(options.sizeBytes));
        client.SetAttribute("Persistent", BooleanValue(options.persistent));
        ApplicationContainer app = client.Install(clients.Get(i));
        requests.Install(app);
        app.Start(Seconds(0.1 + startJitter->GetValue(0, options.startWindow.GetSeconds())));
        // Stopped just before the run's end so that requests still under way are recorded.
        app.Stop(RUN_LIMIT - MilliSeconds(1));
    }
}

/** TIME_WAIT of handshake's TCP: 2 MSL (RFC 9293 3.3.2), from the Msl attribute's default. */
Time
TimeWaitDuration()
{
    TypeId::AttributeInformation msl;
    HandshakeTcpSocket::GetTypeId().LookupAttributeByName("Msl", &msl);
    return 2 * DynamicCast<const TimeValue>(msl.initialValue)->Get();
}

/**
 * Stops the run once every connection the clients opened has ended: CLOSED by its TCP's own trace
 * with --drain (TIME_WAIT over), else closed, reset, timed out or in TIME_WAIT as the recorder sees
 * it. Checks each simulated second; RUN_LIMIT stops the run anyway.
 */
void
StopWhenEnded(const ConnectionRecorder* connections, bool drain)
{
    uint64_t ended = drain ? connections->TcpClosed() : connections->Ended();
    if (ended >= connections->Started())
    {
        Simulator::Stop();
        return;
    }
    Simulator::Schedule(Seconds(1), &StopWhenEnded, connections, drain);
}

/**
 * When every request is recorded: 5 s later at the earliest (time for the last FIN and its ACK, and
 * their retransmissions, to reach the pcap), once every connection has ended, so that a connection
 * still retrying after its request gave up ends with its own outcome rather than "unfinished".
 */
void
StopAfterLastRequest(const SimOptions& options, const ConnectionRecorder* connections)
{
    Simulator::Schedule(Seconds(5), &StopWhenEnded, connections, options.drain);
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

int
main(int argc, char* argv[])
{
    // Real on the wire: valid IPv4 and TCP checksums (shared/DESIGN.md).
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    // A binary heap instead of ns-3's default std::map: same event order (time, then insertion), and
    // 20% less time at 10,000 clients where the map's node allocations led the profile.
    // --SchedulerType=ns3::MapScheduler gives the default back.
    GlobalValue::Bind("SchedulerType", StringValue("ns3::HeapScheduler"));

    SimOptions options;
    std::string error = options.Parse(argc, argv);
    if (!error.empty())
    {
        std::cerr << "handshake-sim: " << error << std::endl;
        return 2;
    }
    Ptr<TopologyBuilder> topology = BuildTopology(options, &error);
    if (!error.empty())
    {
        std::cerr << "handshake-sim: --clients/--servers/--fanout: " << error << std::endl;
        return 2;
    }
    std::string pcapDir = options.outDir + "/pcap";
    if (!MakeDirectory(pcapDir))
    {
        std::cerr << "handshake-sim: --out: cannot create " << pcapDir << ": " << std::strerror(errno)
                  << std::endl;
        return 2;
    }
    auto database = ResultsDatabase::Create(options.outDir + "/results.sqlite", &error);
    if (!database)
    {
        std::cerr << "handshake-sim: --out: " << error << std::endl;
        return 2;
    }
    database->BeginRun({"handshake-sim", CommandLineText(argc, argv), RngSeedManager::GetRun(), options.tcp});
    // As with results.sqlite: a report from an earlier run must not pass for this run's.
    std::remove((options.outDir + "/report.html").c_str());

    RequestRecorder requests;
    InstallApplications(options, topology, requests);
    std::vector<uint32_t> sampled = options.capture.ChooseClients(options.clients);
    options.capture.Enable(*topology, pcapDir, sampled);
    options.linkFaults.Schedule(*topology);
    options.serverRestarts.Schedule(topology->GetServers(), HttpServerHelper(80));
    ConnectionRecorder connections;
    connections.Install(topology->GetClients(), sampled);
    requests.NotifyWhenRecorded(uint64_t(options.clients) * options.requests, [&options, &connections] {
        StopAfterLastRequest(options, &connections);
    });
    ServerLoadMonitor serverLoad;
    serverLoad.Install(topology->GetServers());
    if (options.synFlood.Enabled())
    {
        // Last: the attacker's objects take no automatic random stream from the rest.
        options.synFlood.Install(*topology, 0, 80);
        serverLoad.SampleEvery(0, SERVER_LOAD_INTERVAL);
    }

    ProgressReporter progress([&requests] {
        return std::make_pair(requests.Recorded(), requests.Expected());
    });
    progress.Start();
    // Long enough for retransmission back-off on lossy links; the run ends early if all finish.
    Simulator::Stop(options.drain ? RUN_LIMIT + TimeWaitDuration() : RUN_LIMIT);
    Simulator::Run();
    progress.Stop();
    double simulated = Simulator::Now().GetSeconds();
    std::vector<TransactionRecord> transactions = requests.Transactions(connections);

    std::vector<ConnectionRecord> connectionRecords = connections.Records();
    std::vector<ServerRecord> servers = serverLoad.Records();
    std::optional<SynFloodRecord> flood;
    if (options.synFlood.Enabled())
    {
        flood = options.synFlood.Record();
    }
    database->AddAll(connectionRecords, transactions, connections.Segments(), servers, serverLoad.Samples());
    if (flood)
    {
        database->Add(*flood);
    }
    database->AddAll(RunMetrics::Compute({connectionRecords, transactions, servers, flood, simulated}));
    std::ostringstream title;
    title << "handshake-sim: " << options.clients << " clients, " << options.servers << " servers ("
          << options.topology << "), tcp=" << options.tcp << ", RngRun " << RngSeedManager::GetRun()
          << ", simulated " << std::fixed << std::setprecision(3) << simulated << " s";
    std::string summary = RunSummary::Format(title.str(), connectionRecords, transactions,
                                             connections.TimeWaitCount()) +
                          RunSummary::FormatServers(servers, flood);
    Simulator::Destroy();
    if (!database->Finish(simulated, &error))
    {
        std::cerr << "handshake-sim: " << error << std::endl;
        return 1;
    }
    if (options.csv)
    {
        error = ResultsDatabase::ExportCsv(options.outDir + "/results.sqlite", options.outDir);
        if (!error.empty())
        {
            std::cerr << "handshake-sim: --csv: " << error << std::endl;
            return 1;
        }
    }
    std::ofstream(options.outDir + "/summary.txt") << summary;
    HtmlReport report(title.str());
    report.AddParameters(options.ReportParameters());
    report.SetSummaryText(summary);
    error = report.Write(options.outDir + "/report.html", connectionRecords, transactions,
                         connections.Segments());
    if (!error.empty())
    {
        std::cerr << "handshake-sim: " << error << std::endl;
        return 1;
    }
    std::cout << summary << "  outputs: " << options.outDir << "/summary.txt, " << options.outDir
              << "/report.html, " << options.outDir << "/results.sqlite, " << pcapDir << "/*.pcap"
              << std::endl;
    return 0;
}
