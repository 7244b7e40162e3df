/*
 * handshake-emu: real Linux programs and handshake's simulated hosts talking in real time through a
 * simulated path (issue [emulation]). ns-3 runs on its real-time scheduler with checksums on; one
 * node of a TopologyBuilder dumbbell gets an FdNetDevice on a Linux tap (EmulationGatewayHelper)
 * and routes between the tap and the simulation:
 *
 * --mode=linux-client: a Linux client (curl, ab) fetches from our HttpServerApplication
 *
 *   Linux client == tap == [client 0: gateway] --access (delay, loss)-- core
 *       ==bottleneck== router -- server 0 (HTTP)
 *
 * --mode=linux-server: our HttpClientApplications fetch from a Linux HTTP server
 *
 *   client i (HTTP) --access i (delay, loss)-- core ==bottleneck== router
 *       -- [server 0: gateway] == tap == Linux server
 *
 * The tap must exist, configured, in the network namespace the program runs in (scripts/emu makes
 * it); the program only attaches to it (LinuxTapFile). Hosts run handshake's TCP (--tcp=handshake)
 * or ns-3's stock TCP (--tcp=ns3). Outputs under --out: tap.pcap (what crossed the tap, both ways),
 * host.pcap (the simulated HTTP host's own link), our-tcp.txt (each connection's states from our
 * TCP's traces), http.txt (requests and their outcomes, or the server's counts), summary.txt.
 *
 * --write-body=FILE writes the body our HTTP apps expect for GET /bytes/<--size> and exits: the
 * Linux server serves that file, so our client checks every byte it receives from Linux.
 *
 * The flags and their validation are a library part, EmulationOptions (scenario/options/); so are
 * http.txt's text (HttpRequestLog) and --write-body's file (WriteHttpBody, scenario/outputs/).
 */
#include "ns3/core-module.h"
#include "ns3/handshake-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("HandshakeEmu");

namespace
{

std::atomic<bool> g_stopRequested{false};

void
RequestStop(int)
{
    g_stopRequested = true;
}


/** The node at the other end of \p device's point-to-point link. */
Ptr<Node>
PeerNode(Ptr<NetDevice> device)
{
    Ptr<Channel> channel = device->GetChannel();
    for (std::size_t i = 0; i < channel->GetNDevices(); ++i)
    {
        if (channel->GetDevice(i) != device)
        {
            return channel->GetDevice(i)->GetNode();
        }
    }
    return nullptr;
}

Ptr<TopologyBuilder>
BuildTopology(const EmulationOptions& o, std::string* error)
{
    Ptr<TopologyBuilder> topology = CreateObject<TopologyBuilder>();
    topology->SetAttribute("Shape", StringValue("dumbbell"));
    topology->SetAttribute(
        "AccessDelay",
        StringValue("ns3::ConstantRandomVariable[Constant=" + o.delayText + "]"));
    topology->SetAttribute(
        "AccessLoss",
        StringValue("ns3::ConstantRandomVariable[Constant=" + o.lossText + "]"));
    topology->SetAttribute("LossModel", StringValue(o.lossModel));
    topology->SetAttribute("BottleneckDelay", TimeValue(o.bottleneckDelay));
    topology->SetAttribute(
        "TcpL4Protocol",
        StringValue(o.ours ? "ns3::HandshakeTcpL4Protocol" : "ns3::TcpL4Protocol"));
    *error = topology->Build(o.clients, 1);
    return topology;
}

/** Everything the run reports, gathered from traces and apps. */
struct EmuResults
{
    std::vector<HttpRequestRecord> records;
    Ptr<HttpServerApplication> server;
    TcpStateLog states;
    uint32_t expectedRecords{0};
    bool allRecorded{false};

    uint32_t Ok() const
    {
        uint32_t ok = 0;
        for (const auto& r : records)
        {
            ok += r.outcome == HttpRequestRecord::Outcome::OK && r.status == 200 ? 1 : 0;
        }
        return ok;
    }
};

/**
 * Every 50 ms: once the clients are done (linux-server) or SIGTERM/SIGINT came (either mode), waits
 * until our TCP has closed every connection (TIME_WAIT over; at most 10 s), or 1 s with stock TCP
 * whose states are not traced, then stops.
 */
void
Watch(EmuResults* results, bool ours, Time drainStart)
{
    const Time step = MilliSeconds(50);
    bool done = g_stopRequested || results->allRecorded;
    if (!done)
    {
        Simulator::Schedule(step, &Watch, results, ours, drainStart);
        return;
    }
    Time now = Simulator::Now();
    if (drainStart.IsNegative())
    {
        drainStart = now;
        std::clog << "handshake-emu: " << (g_stopRequested ? "stop requested" : "all requests done")
                  << " at " << now.GetSeconds() << " s; draining" << std::endl;
    }
    Time elapsed = now - drainStart;
    bool drained = ours ? results->states.OpenConnections() == 0 : elapsed >= Seconds(1);
    if (drained || elapsed >= Seconds(10))
    {
        Simulator::Stop();
        return;
    }
    Simulator::Schedule(step, &Watch, results, ours, drainStart);
}

void
WriteReady(const std::string& path, const std::string& text)
{
    if (path.empty())
    {
        return;
    }
    WriteOutputFile(path, text); // the script waiting for it times out if it never comes
}

/**
 * Puts the tap on the gateway (client 0 in linux-client mode, server 0 in linux-server mode: the
 * node on the Linux side of the simulated path) and routes the tap's subnet back to it from the
 * router next to it. Returns an error text.
 */
std::string
JoinTap(const EmulationOptions& o,
        const TopologyBuilder& topology,
        int fd,
        int mtu,
        const std::string& out)
{
    const bool linuxClient = o.mode == "linux-client";
    Ptr<NetDevice> gatewayLink =
        linuxClient ? topology.GetClientDevice(0) : topology.GetServerDevice(0);
    Ptr<Node> gateway = gatewayLink->GetNode();
    Ipv4Mask mask(("/" + std::to_string(o.prefixLength)).c_str());
    Ptr<FdNetDevice> tap = EmulationGatewayHelper::Install(gateway,
                                                           fd,
                                                           Ipv4InterfaceAddress(o.gateway, mask),
                                                           Mac48Address("02:48:53:00:00:01"),
                                                           static_cast<uint16_t>(mtu));
    EmulationGatewayHelper::EnablePcap(out + "/tap.pcap", tap);
    Ptr<Ipv4> ip = gateway->GetObject<Ipv4>();
    Ipv4Address linkAddress = ip->GetAddress(ip->GetInterfaceForDevice(gatewayLink), 0).GetLocal();
    return EmulationGatewayHelper::AddRoute(PeerNode(gatewayLink),
                                            o.gateway.CombineMask(mask),
                                            o.prefixLength,
                                            linkAddress);
}

/**
 * Our HTTP server on server 0 (linux-client), or our HTTP clients fetching from the Linux server
 * (linux-server); their nodes go into \p hosts. Returns the ready file's text: what the Linux side
 * needs to know (the server to fetch from, the range to route through the gateway).
 */
std::string
InstallApplications(const EmulationOptions& o,
                    const TopologyBuilder& topology,
                    EmuResults& results,
                    NodeContainer& hosts)
{
    std::ostringstream ready;
    ready << "gateway=" << o.gateway << "\n";
    if (o.mode == "linux-client")
    {
        ApplicationContainer apps = HttpServerHelper(o.port).Install(topology.GetServers().Get(0));
        apps.Start(Seconds(0));
        results.server = DynamicCast<HttpServerApplication>(apps.Get(0));
        hosts.Add(topology.GetServers().Get(0));
        ready << "server=" << topology.GetServerAddress(0) << ":" << o.port << "\n"
              << "route=" << Ipv4Address(TopologyAddressPlan::SERVER_SPACE) << "/"
              << int(TopologyAddressPlan::SERVER_PREFIX) << "\n";
        return ready.str();
    }
    results.expectedRecords = o.clients * o.requests;
    for (uint32_t i = 0; i < o.clients; ++i)
    {
        HttpClientHelper client(InetSocketAddress(o.linuxAddress, o.remotePort));
        client.SetAttribute("Requests", UintegerValue(o.requests));
        client.SetAttribute(
            "ResponseSize",
            StringValue("ns3::ConstantRandomVariable[Constant=" + std::to_string(o.size) + "]"));
        client.SetAttribute("Persistent", BooleanValue(o.persistent));
        ApplicationContainer app = client.Install(topology.GetClients().Get(i));
        app.Get(0)->TraceConnectWithoutContext(
            "Record",
            Callback<void, const HttpRequestRecord&>([&results](const HttpRequestRecord& r) {
                results.records.push_back(r);
                results.allRecorded = results.records.size() >= results.expectedRecords;
            }));
        // After ARP and the device's start; a little later per client.
        app.Start(Seconds(0.5) + MilliSeconds(10 * i));
        hosts.Add(topology.GetClients().Get(i));
    }
    ready << "route=" << Ipv4Address(TopologyAddressPlan::CLIENT_SPACE) << "/"
          << int(TopologyAddressPlan::CLIENT_PREFIX) << "\n";
    return ready.str();
}

std::string
Summary(const EmulationOptions& o, const EmuResults& results, double ran)
{
    std::ostringstream summary;
    summary << "handshake-emu " << o.mode << " tcp=" << o.tcp << " delay=" << o.delayMs
            << "ms loss=" << o.loss << " size=" << o.size << " mss=" << o.mssText
            << " RngRun=" << RngSeedManager::GetRun() << " ran=" << ran << "s\n";
    if (o.mode == "linux-server")
    {
        summary << "requests ok=" << results.Ok() << " of " << results.expectedRecords
                << " (recorded " << results.records.size() << ")\n";
    }
    else
    {
        summary << "server responses 200=" << results.server->GetStatusCount(200)
                << " accepted=" << results.server->GetAcceptedCount() << "\n";
    }
    if (o.ours)
    {
        summary << "our TCP: connections=" << results.states.Connections().size()
                << " open=" << results.states.OpenConnections()
                << " bad-checksum-drops=" << results.states.BadChecksumDrops() << "\n";
    }
    return summary.str();
}

} // namespace

int
main(int argc, char* argv[])
{
    // Real time: FdNetDevice's reader thread hands frames to the scheduler as they come, and the
    // Linux peer's timers run on the wall clock. Real on the wire: valid checksums (DESIGN.md).
    GlobalValue::Bind("SimulatorImplementationType", StringValue("ns3::RealtimeSimulatorImpl"));
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    EmulationOptions o;
    std::string error = o.Parse(argc, argv);
    if (!error.empty())
    {
        std::cerr << "handshake-emu: " << PrintableText::Of(error, HandshakeScenario::ERROR_LINE_LIMIT) << std::endl;
        return 2;
    }
    if (!o.writeBody.empty())
    {
        if (!WriteHttpBody(o.writeBody, o.size))
        {
            std::cerr << "handshake-emu: --write-body: cannot write " << o.writeBody << std::endl;
            return 2;
        }
        return 0;
    }
    // A full segment fills a 1500-byte packet (ns-3's default SegmentSize is 536): EmulationOptions
    // gives each TCP its size unless --mss does.
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(o.mss));
    Config::SetDefault("ns3::HandshakeTcpSocket::Msl", TimeValue(o.msl));

    int mtu = LinuxTapFile::Mtu(o.tap, &error);
    int fd = mtu < 0 ? -1 : LinuxTapFile::Open(o.tap, &error);
    if (fd < 0)
    {
        std::cerr << "handshake-emu: --tap: " << error << std::endl;
        return 1;
    }
    Ptr<TopologyBuilder> topology = BuildTopology(o, &error);
    const std::string& out = o.outDir;
    if (error.empty() && !MakeDirectories(out))
    {
        error = "--out: cannot create " + out + ": " + std::strerror(errno); // as handshake-sim's
    }
    OutputFolderLock outLock; // one run per folder, as handshake-sim
    if (error.empty())
    {
        error = outLock.Acquire(out, "handshake-emu");
        error = error.empty() ? "" : "--out: " + error;
    }
    if (error.empty())
    {
        error = JoinTap(o, *topology, fd, mtu, out);
    }
    if (!error.empty())
    {
        std::cerr << "handshake-emu: " << error << std::endl;
        return 1;
    }
    EmuResults results;
    NodeContainer hosts;
    std::string ready = InstallApplications(o, *topology, results, hosts);
    PointToPointHelper().EnablePcap(out + "/host.pcap",
                                    o.mode == "linux-client" ? topology->GetServerDevice(0)
                                                             : topology->GetClientDevice(0),
                                    false,
                                    true);
    results.states.Install(hosts);

    std::signal(SIGTERM, RequestStop);
    std::signal(SIGINT, RequestStop);
    Simulator::Schedule(MilliSeconds(1), &WriteReady, o.readyFile, ready);
    Simulator::Schedule(MilliSeconds(50), &Watch, &results, o.ours, Seconds(-1));
    Simulator::Stop(o.duration);
    Simulator::Run();
    std::string summary = Summary(o, results, Simulator::Now().GetSeconds());
    std::ofstream(out + "/our-tcp.txt")
        << (o.ours ? results.states.Format() : "stock ns-3 TCP: no state trace\n");
    std::ofstream(out + "/http.txt") << HttpRequestLog::Format(results.records, results.server);
    Simulator::Destroy();
    std::ofstream(out + "/summary.txt") << summary;
    std::cout << summary;
    bool ok = o.mode == "linux-client" || results.Ok() == results.expectedRecords;
    return ok ? 0 : 1;
}
