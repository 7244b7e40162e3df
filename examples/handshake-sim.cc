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
 * For now the TCP is ns-3's stock TCP with checksums on; handshake's own TCP and the HTTP apps
 * replace it as they land (see the issues [tcp-core], [http], [topology]).
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

/** Tallies of the fetches that ended, filled by the clients' Fetch trace. */
struct FetchTally
{
    uint32_t ok{0};
    uint32_t failed{0};
    uint64_t bytes{0};
    Time longest;
    uint32_t expected{0};

    void Record(uint64_t fetchBytes, Time started, Time finished, bool success)
    {
        (success ? ok : failed)++;
        bytes += fetchBytes;
        longest = Max(longest, finished - started);
        if (ok + failed == expected)
        {
            // Leave time for the last FIN and its ACK (and their retransmissions) to reach the pcap.
            Simulator::Stop(Seconds(5));
        }
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

std::string
Summarize(const SimOptions& options, const FetchTally& tally, Time simulated)
{
    std::ostringstream os;
    uint32_t started = options.clients * options.requests;
    os << "handshake-sim (stock ns-3 TCP)\n"
       << "  clients " << options.clients << ", servers " << options.servers << ", fetches per client "
       << options.requests << ", RngRun " << RngSeedManager::GetRun() << "\n"
       << "  connections started " << started << ", completed " << tally.ok << ", failed "
       << tally.failed << ", unfinished " << (started - tally.ok - tally.failed) << "\n"
       << "  bytes received " << tally.bytes << ", longest fetch " << std::fixed
       << std::setprecision(3) << tally.longest.GetSeconds() << " s, simulated "
       << simulated.GetSeconds() << " s\n";
    return os.str();
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
    Ptr<TopologyBuilder> topology = CreateObject<TopologyBuilder>();
    topology->SetAttribute("Shape", StringValue(options.topology));
    topology->SetAttribute("Fanout", UintegerValue(options.fanout));
    topology->SetAttribute("AccessDelay", PointerValue(options.delayMs));
    topology->SetAttribute("AccessLoss", PointerValue(options.lossRate));
    topology->SetAttribute("LossModel", StringValue(options.lossModel));
    topology->SetAttribute("BottleneckRate", DataRateValue(options.bottleneckRate));
    topology->SetAttribute("BottleneckDelay", TimeValue(options.bottleneckDelay));
    error = topology->Build(options.clients, options.servers);
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

    FetchTally tally;
    tally.expected = options.clients * options.requests;
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
        client->TraceConnectWithoutContext("Fetch", MakeCallback(&FetchTally::Record, &tally));
        topology->GetClients().Get(i)->AddApplication(client);
        client->SetStartTime(Seconds(0.1 + startJitter->GetValue(0, 1)));
    }

    options.capture.Enable(*topology, pcapDir);

    // Long enough for retransmission back-off on lossy links; the run ends early if all finish.
    ProgressReporter progress([&tally] {
        return std::make_pair(uint64_t(tally.ok + tally.failed), uint64_t(tally.expected));
    });
    progress.Start();
    Simulator::Stop(Seconds(600));
    Simulator::Run();
    progress.Stop();
    Time simulated = Simulator::Now();
    Simulator::Destroy();

    std::string summary = Summarize(options, tally, simulated);
    std::cout << summary;
    std::ofstream(options.outDir + "/summary.txt") << summary;
    std::cout << "  outputs: " << options.outDir << "/summary.txt, " << pcapDir << "/*.pcap" << std::endl;
    return tally.failed == 0 ? 0 : 1;
}
