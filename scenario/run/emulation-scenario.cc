#include "emulation-scenario.h"

#include "ns3/emulation-gateway-helper.h"
#include "ns3/handshake-scenario.h"
#include "ns3/http-client-helper.h"
#include "ns3/http-request-log.h"
#include "ns3/http-server-helper.h"
#include "ns3/linux-tap-file.h"
#include "ns3/make-directories.h"
#include "ns3/printable-text.h"
#include "ns3/stop-request.h"
#include "ns3/topology-address-plan.h"
#include "ns3/write-http-body.h"
#include "ns3/write-output-file.h"

#include "ns3/boolean.h"
#include "ns3/channel.h"
#include "ns3/config.h"
#include "ns3/global-value.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

namespace ns3
{

const Time EmulationScenario::WATCH_STEP = MilliSeconds(50);
const Time EmulationScenario::DRAIN_LIMIT = Seconds(10);
const Time EmulationScenario::STOCK_DRAIN = Seconds(1);

namespace
{

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

} // namespace

EmulationScenario::EmulationScenario(std::string program)
    : m_program(std::move(program))
{
}

const EmulationOptions&
EmulationScenario::GetOptions() const
{
    return m_options;
}

const std::string&
EmulationScenario::GetSummary() const
{
    return m_summary;
}

int
EmulationScenario::Fail(int status, const std::string& error) const
{
    std::cerr << m_program << ": " << error << std::endl;
    return status;
}

int
EmulationScenario::Main(int argc, char* argv[])
{
    // Real time: FdNetDevice's reader thread hands frames to the scheduler as they come, and the
    // Linux peer's timers run on the wall clock. Real on the wire: valid checksums (DESIGN.md).
    GlobalValue::Bind("SimulatorImplementationType", StringValue("ns3::RealtimeSimulatorImpl"));
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    std::string error = m_options.Parse(argc, argv);
    if (!error.empty())
    {
        // Flag errors quote the user's input: escaped and shortened, as handshake-sim's.
        return Fail(2, PrintableText::Of(error, HandshakeScenario::ERROR_LINE_LIMIT));
    }
    if (!m_options.writeBody.empty())
    {
        bool written = WriteHttpBody(m_options.writeBody, m_options.size);
        return written ? 0 : Fail(2, "--write-body: cannot write " + m_options.writeBody);
    }
    // A full segment fills a 1500-byte packet (ns-3's default SegmentSize is 536): EmulationOptions
    // gives each TCP its size unless --mss does.
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(m_options.mss));
    Config::SetDefault("ns3::HandshakeTcpSocket::Msl", TimeValue(m_options.msl));
    error = Prepare();
    if (!error.empty())
    {
        return Fail(1, error);
    }
    Install();
    Simulate();
    Record();
    std::ofstream(m_options.outDir + "/summary.txt") << m_summary;
    std::cout << m_summary;
    bool ok = m_options.IsLinuxClient() || OkRequests() == m_requests.Expected();
    return ok ? 0 : 1;
}

std::string
EmulationScenario::Prepare()
{
    std::string error;
    int mtu = LinuxTapFile::Mtu(m_options.tap, &error);
    int fd = mtu < 0 ? -1 : LinuxTapFile::Open(m_options.tap, &error);
    if (fd < 0)
    {
        return "--tap: " + error;
    }
    BuildTopology(&error);
    const std::string& out = m_options.outDir;
    if (error.empty() && !MakeDirectories(out))
    {
        error = "--out: cannot create " + out + ": " + std::strerror(errno); // as handshake-sim's
    }
    if (error.empty())
    {
        error = m_outLock.Acquire(out, m_program); // one run per folder, as handshake-sim
        error = error.empty() ? "" : "--out: " + error;
    }
    if (!error.empty())
    {
        close(fd); // the tap's device would have owned it
        return error;
    }
    return JoinTap(fd, mtu);
}

void
EmulationScenario::BuildTopology(std::string* error)
{
    m_topology = CreateObject<TopologyBuilder>();
    m_topology->SetAttribute("Shape", StringValue("dumbbell"));
    m_topology->SetAttribute(
        "AccessDelay",
        StringValue("ns3::ConstantRandomVariable[Constant=" + m_options.delayText + "]"));
    m_topology->SetAttribute(
        "AccessLoss",
        StringValue("ns3::ConstantRandomVariable[Constant=" + m_options.lossText + "]"));
    m_topology->SetAttribute("LossModel", StringValue(m_options.lossModel));
    m_topology->SetAttribute("BottleneckDelay", TimeValue(m_options.bottleneckDelay));
    m_topology->SetAttribute(
        "TcpL4Protocol",
        StringValue(m_options.ours ? "ns3::HandshakeTcpL4Protocol" : "ns3::TcpL4Protocol"));
    *error = m_topology->Build(m_options.clients, 1);
}

/**
 * Puts the tap on the gateway (client 0 in linux-client mode, server 0 in linux-server mode: the
 * node on the Linux side of the simulated path) and routes the tap's subnet back to it from the
 * router next to it. Returns an error text.
 */
std::string
EmulationScenario::JoinTap(int fd, int mtu)
{
    const EmulationOptions& o = m_options;
    Ptr<NetDevice> gatewayLink =
        o.IsLinuxClient() ? m_topology->GetClientDevice(0) : m_topology->GetServerDevice(0);
    Ptr<Node> gateway = gatewayLink->GetNode();
    Ipv4Mask mask(("/" + std::to_string(o.prefixLength)).c_str());
    Ptr<FdNetDevice> tap = EmulationGatewayHelper::Install(gateway,
                                                           fd,
                                                           Ipv4InterfaceAddress(o.gateway, mask),
                                                           Mac48Address("02:48:53:00:00:01"),
                                                           static_cast<uint16_t>(mtu));
    EmulationGatewayHelper::EnablePcap(o.outDir + "/tap.pcap", tap);
    Ptr<Ipv4> ip = gateway->GetObject<Ipv4>();
    Ipv4Address linkAddress = ip->GetAddress(ip->GetInterfaceForDevice(gatewayLink), 0).GetLocal();
    return EmulationGatewayHelper::AddRoute(PeerNode(gatewayLink),
                                            o.gateway.CombineMask(mask),
                                            o.prefixLength,
                                            linkAddress);
}

/**
 * Our HTTP server on server 0 (linux-client), or our HTTP clients fetching from the Linux server
 * (linux-server); their nodes go into m_hosts. Returns the ready file's text: what the Linux side
 * needs to know (the server to fetch from, the range to route through the gateway).
 */
std::string
EmulationScenario::InstallApplications()
{
    const EmulationOptions& o = m_options;
    std::ostringstream ready;
    ready << "gateway=" << o.gateway << "\n";
    if (o.IsLinuxClient())
    {
        ApplicationContainer apps =
            HttpServerHelper(o.port).Install(m_topology->GetServers().Get(0));
        apps.Start(Seconds(0));
        m_server = DynamicCast<HttpServerApplication>(apps.Get(0));
        m_hosts.Add(m_topology->GetServers().Get(0));
        ready << "server=" << m_topology->GetServerAddress(0) << ":" << o.port << "\n"
              << "route=" << Ipv4Address(TopologyAddressPlan::SERVER_SPACE) << "/"
              << int(TopologyAddressPlan::SERVER_PREFIX) << "\n";
        return ready.str();
    }
    m_requests.NotifyWhenRecorded(o.clients * o.requests, [this] { m_allRecorded = true; });
    for (uint32_t i = 0; i < o.clients; ++i)
    {
        HttpClientHelper client(InetSocketAddress(o.linuxAddress, o.remotePort));
        client.SetAttribute("Requests", UintegerValue(o.requests));
        client.SetAttribute(
            "ResponseSize",
            StringValue("ns3::ConstantRandomVariable[Constant=" + std::to_string(o.size) + "]"));
        client.SetAttribute("Persistent", BooleanValue(o.persistent));
        ApplicationContainer app = client.Install(m_topology->GetClients().Get(i));
        m_requests.Install(app);
        // After ARP and the device's start; a little later per client.
        app.Start(Seconds(0.5) + MilliSeconds(10 * i));
        m_hosts.Add(m_topology->GetClients().Get(i));
    }
    ready << "route=" << Ipv4Address(TopologyAddressPlan::CLIENT_SPACE) << "/"
          << int(TopologyAddressPlan::CLIENT_PREFIX) << "\n";
    return ready.str();
}

void
EmulationScenario::Install()
{
    m_ready = InstallApplications();
    PointToPointHelper().EnablePcap(m_options.outDir + "/host.pcap",
                                    m_options.IsLinuxClient() ? m_topology->GetServerDevice(0)
                                                              : m_topology->GetClientDevice(0),
                                    false,
                                    true);
    m_states.Install(m_hosts);
}

void
EmulationScenario::Simulate()
{
    StopRequest::ListenForSignals();
    // The script waiting for the ready file times out if it never comes.
    Simulator::Schedule(MilliSeconds(1), [this] {
        if (!m_options.readyFile.empty())
        {
            WriteOutputFile(m_options.readyFile, m_ready);
        }
    });
    Simulator::Schedule(WATCH_STEP, &EmulationScenario::Watch, this);
    Simulator::Stop(m_options.duration);
    Simulator::Run();
}

/**
 * Once the clients are done (linux-server) or SIGTERM/SIGINT came (either mode), waits until our
 * TCP has closed every connection (TIME_WAIT over; at most DRAIN_LIMIT), or STOCK_DRAIN with stock
 * TCP, whose states are not traced, then stops.
 */
void
EmulationScenario::Watch()
{
    bool done = StopRequest::IsRequested() || m_allRecorded;
    if (!done)
    {
        Simulator::Schedule(WATCH_STEP, &EmulationScenario::Watch, this);
        return;
    }
    Time now = Simulator::Now();
    if (m_drainStart.IsNegative())
    {
        m_drainStart = now;
        std::clog << m_program << ": "
                  << (StopRequest::IsRequested() ? "stop requested" : "all requests done") << " at "
                  << now.GetSeconds() << " s; draining" << std::endl;
    }
    Time elapsed = now - m_drainStart;
    bool drained = m_options.ours ? m_states.OpenConnections() == 0 : elapsed >= STOCK_DRAIN;
    if (drained || elapsed >= DRAIN_LIMIT)
    {
        Simulator::Stop();
        return;
    }
    Simulator::Schedule(WATCH_STEP, &EmulationScenario::Watch, this);
}

uint32_t
EmulationScenario::OkRequests() const
{
    uint32_t ok = 0;
    for (const auto& r : m_requests.Records())
    {
        ok += r.outcome == HttpRequestRecord::Outcome::OK && r.status == 200 ? 1 : 0;
    }
    return ok;
}

void
EmulationScenario::Record()
{
    const EmulationOptions& o = m_options;
    std::ostringstream summary;
    summary << m_program << " " << o.mode << " tcp=" << o.tcp << " delay=" << o.delayMs
            << "ms loss=" << o.loss << " size=" << o.size << " mss=" << o.mssText
            << " RngRun=" << RngSeedManager::GetRun() << " ran=" << Simulator::Now().GetSeconds()
            << "s\n";
    if (o.IsLinuxClient())
    {
        summary << "server responses 200=" << m_server->GetStatusCount(200)
                << " accepted=" << m_server->GetAcceptedCount() << "\n";
    }
    else
    {
        summary << "requests ok=" << OkRequests() << " of " << m_requests.Expected()
                << " (recorded " << m_requests.Recorded() << ")\n";
    }
    if (o.ours)
    {
        summary << "our TCP: connections=" << m_states.Connections().size()
                << " open=" << m_states.OpenConnections()
                << " bad-checksum-drops=" << m_states.BadChecksumDrops() << "\n";
    }
    m_summary = summary.str();
    std::ofstream(o.outDir + "/our-tcp.txt")
        << (o.ours ? m_states.Format() : "stock ns-3 TCP: no state trace\n");
    std::ofstream(o.outDir + "/http.txt") << HttpRequestLog::Format(m_requests.Records(), m_server);
    Simulator::Destroy();
    // The last reference to the devices, whose pcap writers close their files when they go.
    m_topology = nullptr;
}

} // namespace ns3
