/*
 * handshake-sim: the main scenario program (run by scripts/demo).
 *
 * Clients, each on its own access link with its own delay and loss, fetch bytes from servers
 * behind a shared bottleneck (TopologyBuilder: a tree of access routers or a dumbbell):
 *
 *   client_i --access_i-- accessRouter --uplink-- core ==bottleneck== serverRouter --- server_j
 *
 * Every connection shows a handshake (SYN, SYN-ACK, ACK), a transfer and a teardown (FIN from each
 * side, each ACKed), captured to pcap files that Wireshark and tshark read like real captures.
 * The hosts' TCP is ns-3's stock TCP (--tcp=ns3, the default) or handshake's own (--tcp=handshake),
 * checksums on either way; the HTTP apps replace the byte fetchers as they land ([http], [topology]).
 */
#include "byte-fetch-client.h"
#include "byte-fetch-server.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/handshake-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <sys/stat.h>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("HandshakeSim");

namespace
{

/** One transaction record per fetch, filled by the clients' Fetch trace. */
struct FetchRecords
{
    std::vector<TransactionRecord> records;
    uint32_t expected{0};

    void Record(std::string client, uint64_t bytes, Time started, Time finished, bool ok)
    {
        Add(std::move(client), bytes, started, ok ? "ok" : "connect-failed").lastByte =
            finished.GetSeconds();
        if (records.size() == expected)
        {
            // Leave time for the last FIN and its ACK (and their retransmissions) to reach the pcap.
            Simulator::Stop(Seconds(5));
        }
    }

    /** Fetches still under way when the run stops end as "unfinished": no record is lost. */
    void RecordUnfinished(Ptr<TopologyBuilder> topology)
    {
        for (uint32_t i = 0; i < topology->GetClients().GetN(); ++i)
        {
            Ptr<ByteFetchClient> client =
                DynamicCast<ByteFetchClient>(topology->GetClients().Get(i)->GetApplication(0));
            if (auto started = client->FetchUnderWay())
            {
                std::ostringstream address;
                address << topology->GetClientAddress(i);
                Add(address.str(), client->BytesSoFar(), *started, "unfinished");
            }
        }
    }

  private:
    TransactionRecord& Add(std::string client, uint64_t bytes, Time started, const char* outcome)
    {
        TransactionRecord t;
        t.id = records.size() + 1;
        t.clientAddress = std::move(client);
        t.bytes = bytes;
        t.connectCalled = started.GetSeconds();
        t.outcome = outcome;
        records.push_back(std::move(t));
        return records.back();
    }
};

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
    topology->SetAttribute("TcpL4Protocol",
                           StringValue(options.tcp == "handshake" ? "ns3::HandshakeTcpL4Protocol"
                                                                  : "ns3::TcpL4Protocol"));
    *error = topology->Build(options.clients, options.servers);
    return topology;
}

void
InstallApplications(const SimOptions& options, Ptr<TopologyBuilder> topology, FetchRecords& fetches)
{
    for (uint32_t j = 0; j < options.servers; ++j)
    {
        Ptr<ByteFetchServer> server = CreateObject<ByteFetchServer>();
        server->SetAttribute("Size", PointerValue(options.sizeBytes));
        topology->GetServers().Get(j)->AddApplication(server);
        server->SetStartTime(Seconds(0));
    }
    Ptr<UniformRandomVariable> startJitter = CreateObject<UniformRandomVariable>();
    for (uint32_t i = 0; i < options.clients; ++i)
    {
        Ptr<ByteFetchClient> client = CreateObject<ByteFetchClient>();
        Ipv4Address server = topology->GetServerAddress(i % options.servers);
        client->SetAttribute("Remote", AddressValue(InetSocketAddress(server, 80)));
        client->SetAttribute("Fetches", UintegerValue(options.requests));
        std::ostringstream address;
        address << topology->GetClientAddress(i);
        client->TraceConnectWithoutContext(
            "Fetch",
            Callback<void, uint64_t, Time, Time, bool>(
                [&fetches, name = address.str()](uint64_t bytes, Time start, Time end, bool ok) {
                    fetches.Record(name, bytes, start, end, ok);
                }));
        topology->GetClients().Get(i)->AddApplication(client);
        client->SetStartTime(Seconds(0.1 + startJitter->GetValue(0, 1)));
    }
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

    FetchRecords fetches;
    fetches.expected = options.clients * options.requests;
    InstallApplications(options, topology, fetches);
    std::vector<uint32_t> sampled = options.capture.ChooseClients(options.clients);
    options.capture.Enable(*topology, pcapDir, sampled);
    ConnectionRecorder connections;
    connections.Install(topology->GetClients(), sampled);

    ProgressReporter progress([&fetches] {
        return std::make_pair(uint64_t(fetches.records.size()), uint64_t(fetches.expected));
    });
    progress.Start();
    // Long enough for retransmission back-off on lossy links; the run ends early if all finish.
    Simulator::Stop(Seconds(600));
    Simulator::Run();
    progress.Stop();
    double simulated = Simulator::Now().GetSeconds();
    fetches.RecordUnfinished(topology);

    std::vector<ConnectionRecord> connectionRecords = connections.Records();
    for (const auto& record : connectionRecords)
    {
        database->Add(record);
    }
    for (const auto& record : fetches.records)
    {
        database->Add(record);
    }
    for (const auto& segment : connections.Segments())
    {
        database->Add(segment);
    }
    std::ostringstream title;
    title << "handshake-sim: " << options.clients << " clients, " << options.servers << " servers ("
          << options.topology << "), tcp=" << options.tcp << ", RngRun " << RngSeedManager::GetRun()
          << ", simulated " << std::fixed << std::setprecision(3) << simulated << " s";
    std::string summary = RunSummary::Format(title.str(), connectionRecords, fetches.records,
                                             connections.TimeWaitCount());
    Simulator::Destroy();
    if (!database->Finish(simulated, &error))
    {
        std::cerr << "handshake-sim: " << error << std::endl;
        return 1;
    }
    std::ofstream(options.outDir + "/summary.txt") << summary;
    std::cout << summary << "  outputs: " << options.outDir << "/summary.txt, " << options.outDir
              << "/results.sqlite, " << pcapDir << "/*.pcap" << std::endl;
    return 0;
}
