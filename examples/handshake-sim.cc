/*
 * handshake-sim: the main scenario program (run by scripts/demo).
 *
 * Clients, each on its own access link with its own delay and loss, fetch bytes from servers
 * behind a shared bottleneck:
 *
 *   client_i --access_i-- routerA ==bottleneck== routerB --- server_j
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

/** The hosts and the addresses the scenario wires up. */
struct Scenario
{
    NodeContainer clients;
    NodeContainer servers;
    NodeContainer routers; // 0: client side, 1: server side
    NetDeviceContainer clientDevices;  // client end of each access link
    NetDeviceContainer serverDevices;  // server end of each server link
    std::vector<Ipv4Address> serverAddresses;
};

Scenario
BuildTopology(const SimOptions& options)
{
    Scenario s;
    s.clients.Create(options.clients);
    s.servers.Create(options.servers);
    s.routers.Create(2);

    InternetStackHelper internet;
    if (options.tcp == "handshake")
    {
        // Hosts run handshake's TCP; routers only forward, with the stock stack.
        HandshakeTcpStackHelper ours;
        ours.Install(s.clients);
        ours.Install(s.servers);
        internet.Install(s.routers);
    }
    else
    {
        internet.InstallAll();
    }

    Ipv4StaticRoutingHelper staticRouting;
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue("100Mbps"));

    // Access links: each client's own delay and loss; one /30 per client in 10.1.0.0/16.
    Ipv4AddressHelper clientNets("10.1.0.0", "255.255.255.252");
    for (uint32_t i = 0; i < options.clients; ++i)
    {
        link.SetChannelAttribute("Delay", TimeValue(MilliSeconds(options.delayMs->GetValue())));
        NetDeviceContainer devices = link.Install(s.clients.Get(i), s.routers.Get(0));
        double loss = std::min(1.0, std::max(0.0, options.lossRate->GetValue()));
        for (uint32_t end = 0; end < 2; ++end)
        {
            Ptr<RateErrorModel> errors = CreateObject<RateErrorModel>();
            errors->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
            errors->SetRate(loss);
            devices.Get(end)->SetAttribute("ReceiveErrorModel", PointerValue(errors));
        }
        Ipv4InterfaceContainer addresses = clientNets.Assign(devices);
        clientNets.NewNetwork();
        staticRouting.GetStaticRouting(s.clients.Get(i)->GetObject<Ipv4>())
            ->SetDefaultRoute(addresses.GetAddress(1), 1);
        s.clientDevices.Add(devices.Get(0));
    }

    // Bottleneck between the two routers, with aggregated routes for each side.
    PointToPointHelper bottleneck;
    bottleneck.SetDeviceAttribute("DataRate", DataRateValue(options.bottleneckRate));
    bottleneck.SetChannelAttribute("Delay", TimeValue(options.bottleneckDelay));
    NetDeviceContainer core = bottleneck.Install(s.routers.Get(0), s.routers.Get(1));
    Ipv4AddressHelper coreNet("10.3.0.0", "255.255.255.252");
    Ipv4InterfaceContainer coreAddresses = coreNet.Assign(core);
    uint32_t coreIfA = s.routers.Get(0)->GetObject<Ipv4>()->GetInterfaceForDevice(core.Get(0));
    uint32_t coreIfB = s.routers.Get(1)->GetObject<Ipv4>()->GetInterfaceForDevice(core.Get(1));
    staticRouting.GetStaticRouting(s.routers.Get(0)->GetObject<Ipv4>())
        ->AddNetworkRouteTo("10.2.0.0", "255.255.0.0", coreAddresses.GetAddress(1), coreIfA);
    staticRouting.GetStaticRouting(s.routers.Get(1)->GetObject<Ipv4>())
        ->AddNetworkRouteTo("10.1.0.0", "255.255.0.0", coreAddresses.GetAddress(0), coreIfB);

    // Server links: one /30 per server in 10.2.0.0/16.
    link.SetChannelAttribute("Delay", StringValue("1ms"));
    Ipv4AddressHelper serverNets("10.2.0.0", "255.255.255.252");
    for (uint32_t j = 0; j < options.servers; ++j)
    {
        NetDeviceContainer devices = link.Install(s.servers.Get(j), s.routers.Get(1));
        Ipv4InterfaceContainer addresses = serverNets.Assign(devices);
        serverNets.NewNetwork();
        staticRouting.GetStaticRouting(s.servers.Get(j)->GetObject<Ipv4>())
            ->SetDefaultRoute(addresses.GetAddress(1), 1);
        s.serverDevices.Add(devices.Get(0));
        s.serverAddresses.push_back(addresses.GetAddress(0));
    }
    return s;
}

void
EnableCapture(const SimOptions& options, const Scenario& s, const std::string& pcapDir)
{
    PointToPointHelper pcap;
    std::string prefix = pcapDir + "/";
    if (options.capture.kind == CapturePolicy::NONE)
    {
        return;
    }
    for (uint32_t j = 0; j < s.serverDevices.GetN(); ++j)
    {
        pcap.EnablePcap(prefix + "server" + std::to_string(j) + "-link.pcap", s.serverDevices.Get(j), true, true);
    }
    if (options.capture.kind == CapturePolicy::SERVERS)
    {
        return;
    }
    std::vector<uint32_t> chosen;
    for (uint32_t i = 0; i < s.clientDevices.GetN(); ++i)
    {
        chosen.push_back(i);
    }
    if (options.capture.kind == CapturePolicy::SAMPLE && options.capture.sampleClients < chosen.size())
    {
        // A seeded shuffle: the same RngRun samples the same clients.
        Ptr<UniformRandomVariable> pick = CreateObject<UniformRandomVariable>();
        for (uint32_t i = static_cast<uint32_t>(chosen.size()) - 1; i > 0; --i)
        {
            std::swap(chosen[i], chosen[pick->GetInteger(0, i)]);
        }
        chosen.resize(options.capture.sampleClients);
    }
    for (uint32_t i : chosen)
    {
        pcap.EnablePcap(prefix + "client" + std::to_string(i) + "-access.pcap", s.clientDevices.Get(i), true, true);
    }
}

std::string
Summarize(const SimOptions& options, const FetchTally& tally, Time simulated)
{
    std::ostringstream os;
    uint32_t started = options.clients * options.requests;
    os << "handshake-sim (" << (options.tcp == "handshake" ? "handshake's TCP" : "stock ns-3 TCP")
       << ")\n"
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
    std::string pcapDir = options.outDir + "/pcap";
    if (!MakeDirectory(pcapDir))
    {
        std::cerr << "handshake-sim: --out: cannot create " << pcapDir << ": " << std::strerror(errno)
                  << std::endl;
        return 2;
    }

    Scenario scenario = BuildTopology(options);

    FetchTally tally;
    tally.expected = options.clients * options.requests;
    for (uint32_t j = 0; j < options.servers; ++j)
    {
        Ptr<ByteFetchServer> server = CreateObject<ByteFetchServer>();
        server->SetAttribute("Size", PointerValue(options.sizeBytes));
        scenario.servers.Get(j)->AddApplication(server);
        server->SetStartTime(Seconds(0));
    }
    Ptr<UniformRandomVariable> startJitter = CreateObject<UniformRandomVariable>();
    for (uint32_t i = 0; i < options.clients; ++i)
    {
        Ptr<ByteFetchClient> client = CreateObject<ByteFetchClient>();
        Ipv4Address server = scenario.serverAddresses[i % options.servers];
        client->SetAttribute("Remote", AddressValue(InetSocketAddress(server, 80)));
        client->SetAttribute("Fetches", UintegerValue(options.requests));
        client->TraceConnectWithoutContext("Fetch", MakeCallback(&FetchTally::Record, &tally));
        scenario.clients.Get(i)->AddApplication(client);
        client->SetStartTime(Seconds(0.1 + startJitter->GetValue(0, 1)));
    }

    EnableCapture(options, scenario, pcapDir);

    // Long enough for retransmission back-off on lossy links; the run ends early if all finish.
    Simulator::Stop(Seconds(600));
    Simulator::Run();
    Time simulated = Simulator::Now();
    Simulator::Destroy();

    std::string summary = Summarize(options, tally, simulated);
    std::cout << summary;
    std::ofstream(options.outDir + "/summary.txt") << summary;
    std::cout << "  outputs: " << options.outDir << "/summary.txt, " << pcapDir << "/*.pcap" << std::endl;
    return tally.failed == 0 ? 0 : 1;
}
