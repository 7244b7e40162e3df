/*
 * linux-ref-link: the simulated link of the Linux reference (issue [fidelity], doc/fidelity.rst).
 * A real Linux client and a real Linux server, each in its own network namespace with a tap, talk
 * through two ns-3 nodes in real time (RealtimeSimulatorImpl, checksums on):
 *
 *   Linux client == tap == [node c] --point-to-point (delay, rate, seeded loss)-- [node s]
 *       == tap == Linux server
 *
 * Nodes c and s route IPv4 between their tap's subnet and the link (they are the Linux hosts'
 * gateways). The loss is a RateErrorModel per direction on the receiving device, with its own
 * random stream (--RngRun picks the run). Every segment that enters the link is followed per TCP
 * connection and direction (its ISN from the SYN / SYN-ACK), so each lost one is logged with what
 * identifies it and as a --drop rule of handshake-sim (DESIGN.md: `DIR:WHAT#K`).
 *
 * Outputs under --out: client.pcap and server.pcap (what crossed each tap, both ways; time stamps
 * are simulation time, which the real-time scheduler keeps on the wall clock), drops.csv (one row
 * per lost segment), link.txt (key=value: parameters and counts). drops.csv and link.txt are
 * written as .partial and renamed when the run ends; --ready=FILE is written once the devices run.
 * SIGTERM/SIGINT end the run.
 */
#include "ns3/core-module.h"
#include "ns3/handshake-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/traffic-control-module.h"

#include <array>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <tuple>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("LinuxRefLink");

namespace
{

std::atomic<bool> g_stopRequested{false};

void
RequestStop(int)
{
    g_stopRequested = true;
}

enum Direction
{
    C2S = 0, //!< client to server
    S2C = 1
};

const char* const DIRECTION_NAMES[] = {"c2s", "s2c"};

/** What the link needs to know of one segment, read from the raw bytes of its IPv4 packet. */
struct Segment
{
    bool tcp{false};
    uint32_t src{0};
    uint32_t dst{0};
    uint16_t sport{0};
    uint16_t dport{0};
    uint16_t ipId{0};
    uint32_t seq{0};
    uint32_t ack{0};
    uint8_t flags{0};
    uint32_t length{0}; //!< TCP payload bytes
    uint16_t checksum{0};

    static constexpr uint8_t FIN = 0x01;
    static constexpr uint8_t SYN = 0x02;
    static constexpr uint8_t RST = 0x04;
    static constexpr uint8_t PSH = 0x08;
    static constexpr uint8_t ACK = 0x10;

    bool Has(uint8_t bit) const
    {
        return (flags & bit) != 0;
    }

    bool PureAck() const
    {
        return length == 0 && !Has(SYN) && !Has(FIN) && !Has(RST);
    }

    std::string FlagText() const
    {
        static const std::array<std::pair<uint8_t, const char*>, 5> names = {
            {{SYN, "SYN"}, {FIN, "FIN"}, {RST, "RST"}, {PSH, "PSH"}, {ACK, "ACK"}}};
        std::string text;
        for (const auto& [bit, name] : names)
        {
            if (Has(bit))
            {
                text += (text.empty() ? "" : "|") + std::string(name);
            }
        }
        return text.empty() ? "none" : text;
    }

    /** Parses \p packet as the point-to-point device has it (a PPP header first, or not). */
    static Segment Read(Ptr<const Packet> packet)
    {
        std::vector<uint8_t> b(packet->GetSize());
        packet->CopyData(b.data(), b.size());
        size_t ip = b.size() >= 2 && b[0] == 0x00 && b[1] == 0x21 ? 2 : 0; // PPP: IPv4
        Segment s;
        if (b.size() < ip + 20 || (b[ip] >> 4) != 4)
        {
            return s;
        }
        auto u16 = [&b](size_t i) { return uint16_t((b[i] << 8) | b[i + 1]); };
        auto u32 = [&u16](size_t i) { return (uint32_t(u16(i)) << 16) | u16(i + 2); };
        size_t ihl = (b[ip] & 0x0f) * 4u;
        size_t total = u16(ip + 2);
        s.ipId = u16(ip + 4);
        s.src = u32(ip + 12);
        s.dst = u32(ip + 16);
        size_t tcp = ip + ihl;
        if (b[ip + 9] != 6 || b.size() < tcp + 20 || total < ihl + 20)
        {
            return s;
        }
        s.tcp = true;
        s.sport = u16(tcp);
        s.dport = u16(tcp + 2);
        s.seq = u32(tcp + 4);
        s.ack = u32(tcp + 8);
        size_t offset = (b[tcp + 12] >> 4) * 4u;
        s.flags = b[tcp + 13];
        s.checksum = u16(tcp + 16);
        s.length = total > ihl + offset ? uint32_t(total - ihl - offset) : 0;
        return s;
    }
};

std::string
AddressText(uint32_t a)
{
    std::ostringstream text;
    Ipv4Address(a).Print(text);
    return text.str();
}

/** X lies in [start, start + length) of the sequence space. */
bool
Covers(uint32_t start, uint32_t length, uint32_t x)
{
    return static_cast<uint32_t>(x - start) < length;
}

/**
 * Follows the TCP connections across the link and logs every lost segment of them: time,
 * direction, flags, sequence and acknowledgement numbers relative to each direction's ISN (as
 * Wireshark's: 1 is the first byte after the SYN), payload length, and the --drop rule
 * (`DIR:syn|synack|fin|rst|data=X|ack=A#K`) that names it: K counts the segments of that
 * connection and direction that entered the link and match WHAT, this one included.
 *
 * A segment is counted when it enters the link (the sending device's MacTx, in the order the
 * sender's tap saw them) and its fate is known later: it arrives (PhyRxEnd), the error model
 * loses it (PhyRxDrop) or the full transmit queue refuses it (at once, see main). Counting at the
 * entry keeps K right for a queue drop, which happens while earlier segments are still in flight.
 */
class DropLog
{
  public:
    explicit DropLog(std::string path)
        : m_path(std::move(path))
    {
        m_rows << std::fixed << std::setprecision(6);
        m_rows << "time_s,dir,cause,client,server,flags,rel_seq,len,rel_ack,ip_id,tcp_checksum,"
                  "raw_seq,raw_ack,rule\n";
    }

    /** A packet entered the link in direction \p d (MacTx of the sending device). */
    void Enter(Direction d, Ptr<const Packet> packet)
    {
        ++m_seen[d];
        Pending pending;
        pending.direction = d;
        pending.segment = Segment::Read(packet);
        const Segment& s = pending.segment;
        if (s.tcp)
        {
            std::shared_ptr<Connection>& c = m_connections[Key(d, s)];
            if (!c || (d == C2S && s.Has(Segment::SYN) && !s.Has(Segment::ACK) &&
                       c->haveIsn[d] && s.seq != c->isn[d]))
            {
                // A new connection on this 4-tuple: counting starts again. Segments still in
                // flight keep the old one.
                c = std::make_shared<Connection>();
                ++m_connectionCount;
            }
            if (s.Has(Segment::SYN))
            {
                c->isn[d] = s.seq;
                c->haveIsn[d] = true;
            }
            Relative r;
            r.flags = s.flags;
            r.seq = s.seq - c->isn[d];
            r.ack = s.ack - c->isn[1 - d];
            r.length = s.length;
            r.known = c->haveIsn[d] && (c->haveIsn[1 - d] || !s.Has(Segment::ACK));
            c->history[d].push_back(r);
            pending.connection = c;
            pending.index = c->history[d].size() - 1;
        }
        m_pending[packet->GetUid()] = pending;
    }

    /**
     * The packet left the link in direction \p d: delivered (\p cause empty) or lost (\p cause
     * "loss" or "queue"). A packet refused before the device (TrafficControlLayer's TcDrop: no
     * MacTx) enters and leaves here.
     */
    void Leave(Direction d, Ptr<const Packet> packet, const std::string& cause)
    {
        auto it = m_pending.find(packet->GetUid());
        if (it == m_pending.end())
        {
            Enter(d, packet);
            it = m_pending.find(packet->GetUid());
        }
        if (!cause.empty())
        {
            ++m_lost[d];
            Log(it->second, cause);
        }
        m_pending.erase(it);
    }

    /** Writes drops.csv (as .partial, then renamed); an error text, empty on success. */
    std::string Write() const
    {
        return WriteOutputFile(m_path, m_rows.str());
    }

    uint64_t Seen(Direction d) const
    {
        return m_seen[d];
    }

    uint64_t Lost(Direction d) const
    {
        return m_lost[d];
    }

    uint64_t Connections() const
    {
        return m_connectionCount;
    }

  private:
    struct Relative
    {
        uint8_t flags{0};
        uint32_t seq{0};
        uint32_t ack{0};
        uint32_t length{0};
        bool known{false}; //!< the ISNs it needs were seen
    };

    struct Connection
    {
        std::array<uint32_t, 2> isn{0, 0};
        std::array<bool, 2> haveIsn{false, false};
        std::array<std::vector<Relative>, 2> history;
    };

    /** A packet on the link: what it was when it entered, until its fate is known. */
    struct Pending
    {
        Direction direction{C2S};
        Segment segment;
        std::shared_ptr<const Connection> connection; //!< empty when not TCP
        size_t index{0};                              //!< its place in the history
    };

    // (client address, client port, server address, server port)
    using ConnectionKey = std::tuple<uint32_t, uint16_t, uint32_t, uint16_t>;

    static ConnectionKey Key(Direction d, const Segment& s)
    {
        return d == C2S ? ConnectionKey{s.src, s.sport, s.dst, s.dport}
                        : ConnectionKey{s.dst, s.dport, s.src, s.sport};
    }

    /** The rule's WHAT for \p r: what it is first (a SYN, a RST), then what it carries. */
    static std::string What(const Relative& r)
    {
        if (r.flags & Segment::SYN)
        {
            return r.flags & Segment::ACK ? "synack" : "syn";
        }
        if (r.flags & Segment::RST)
        {
            return "rst";
        }
        if (r.length > 0)
        {
            return "data=" + std::to_string(r.seq);
        }
        if (r.flags & Segment::FIN)
        {
            return "fin";
        }
        return "ack=" + std::to_string(r.ack);
    }

    /**
     * Whether \p r is a segment \p what names, as handshake-sim's --drop matches them
     * (TcpSegmentRule): fin and rst any segment with that flag, data=X a payload covering byte X,
     * ack=A a pure ACK (no payload, SYN, FIN or RST) of A.
     */
    static bool Matches(const std::string& what, const Relative& r)
    {
        const bool syn = r.flags & Segment::SYN;
        const bool ack = r.flags & Segment::ACK;
        const bool fin = r.flags & Segment::FIN;
        const bool rst = r.flags & Segment::RST;
        if (what == "syn" || what == "synack")
        {
            return syn && (ack == (what == "synack"));
        }
        if (what == "rst" || what == "fin")
        {
            return what == "rst" ? rst : fin;
        }
        if (what.rfind("data=", 0) == 0)
        {
            return r.length > 0 && Covers(r.seq, r.length, std::stoul(what.substr(5)));
        }
        return ack && r.length == 0 && !syn && !fin && !rst &&
               what == "ack=" + std::to_string(r.ack);
    }

    void Log(const Pending& p, const std::string& cause)
    {
        const Direction d = p.direction;
        const Segment& s = p.segment;
        m_rows << Simulator::Now().GetSeconds() << "," << DIRECTION_NAMES[d] << "," << cause
               << ",";
        if (!p.connection)
        {
            m_rows << ",,not-tcp,,,,,,,,\n";
            return;
        }
        const auto& history = p.connection->history[d];
        const Relative& self = history[p.index];
        std::string what = What(self);
        uint32_t k = 0;
        for (size_t i = 0; i <= p.index; ++i)
        {
            k += Matches(what, history[i]) ? 1 : 0;
        }
        m_rows << AddressText(d == C2S ? s.src : s.dst) << ":" << (d == C2S ? s.sport : s.dport)
               << "," << AddressText(d == C2S ? s.dst : s.src) << ":"
               << (d == C2S ? s.dport : s.sport) << "," << s.FlagText() << "," << self.seq << ","
               << s.length << "," << (s.Has(Segment::ACK) ? std::to_string(self.ack) : "") << ","
               << s.ipId << "," << s.checksum << "," << s.seq << "," << s.ack << ","
               // Without the ISNs (a connection that began before the link did) no rule can
               // name the segment.
               << (self.known ? std::string(DIRECTION_NAMES[d]) + ":" + what + "#" +
                                    std::to_string(k)
                              : "")
               << "\n";
    }

    std::string m_path;
    std::ostringstream m_rows;
    std::map<ConnectionKey, std::shared_ptr<Connection>> m_connections;
    std::map<uint64_t, Pending> m_pending; //!< by packet UID (a copy on the channel keeps it)
    uint64_t m_connectionCount{0};
    std::array<uint64_t, 2> m_seen{0, 0};
    std::array<uint64_t, 2> m_lost{0, 0};
};

void
Watch()
{
    if (g_stopRequested)
    {
        Simulator::Stop();
        return;
    }
    Simulator::Schedule(MilliSeconds(20), &Watch);
}

void
WriteReady(const std::string& path)
{
    if (!path.empty())
    {
        WriteOutputFile(path, "ready\n");
    }
}

/** The point-to-point link's end on \p node: address \p local/30, no queue disc. */
void
AddLinkInterface(Ptr<Node> node, Ptr<NetDevice> device, const char* local)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    int32_t interface = ipv4->AddInterface(device);
    ipv4->AddAddress(interface, Ipv4InterfaceAddress(Ipv4Address(local), Ipv4Mask("/30")));
    ipv4->SetMetric(interface, 1);
    ipv4->SetUp(interface);
}

void
AddRoute(Ptr<Node> node, const std::string& network, uint32_t prefix, const char* nextHop)
{
    Ipv4StaticRoutingHelper helper;
    Ptr<Ipv4StaticRouting> routing = helper.GetStaticRouting(node->GetObject<Ipv4>());
    Ipv4Mask mask(("/" + std::to_string(prefix)).c_str());
    routing->AddNetworkRouteTo(Ipv4Address(network.c_str()).CombineMask(mask),
                               mask,
                               Ipv4Address(nextHop),
                               1);
}

/**
 * A permanent ARP entry on \p device's interface of \p node: \p address is at \p mac. The Linux
 * hosts get the same for their gateway (scripts/linux-ref), so that no ARP exchange delays the
 * first segments of a run nor shows in its captures.
 */
std::string
AddNeighbour(Ptr<Node> node,
             Ptr<NetDevice> device,
             const std::string& address,
             const std::string& mac)
{
    Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
    int32_t interface = ipv4->GetInterfaceForDevice(device);
    Ipv4Address ip(address.c_str());
    if (interface < 0 || !Ipv4Address::IsMatchingType(ip) || mac.size() != 17)
    {
        return "'" + address + "' at '" + mac + "' is not an IPv4 address at a MAC address";
    }
    ArpCache::Entry* entry = ipv4->GetInterface(interface)->GetArpCache()->Add(ip);
    entry->SetMacAddress(Mac48Address(mac.c_str()));
    entry->MarkPermanent();
    return "";
}

/** Options of the run (ns-3 CommandLine). */
struct LinkOptions
{
    double delayMs{5};
    std::string rate{"100Mbps"};
    double loss{0};
    uint32_t queue{1000};
    std::string clientNetns;
    std::string serverNetns;
    std::string tap{"hsref-tap"};
    std::string clientGateway{"10.77.1.1"};
    std::string serverGateway{"10.77.2.1"};
    std::string clientAddress{"10.77.1.2"};
    std::string serverAddress{"10.77.2.2"};
    std::string clientMac;
    std::string serverMac;
    uint32_t prefix{24};
    std::string out{"out-linux-ref"};
    std::string ready;
    double durationS{300};

    std::string Parse(int argc, char* argv[])
    {
        CommandLine cmd(__FILE__);
        cmd.Usage("The simulated link of scripts/linux-ref: two taps (one in each of two network "
                  "namespaces) joined by a point-to-point link with delay, rate and seeded loss.");
        cmd.AddValue("delay", "one-way delay of the link, ms", delayMs);
        cmd.AddValue("rate", "data rate of the link (ns-3 units)", rate);
        cmd.AddValue("loss", "packet loss probability per direction, 0..1", loss);
        cmd.AddValue("queue", "each direction's transmit queue, packets", queue);
        cmd.AddValue("client-netns", "network namespace file of the client's tap", clientNetns);
        cmd.AddValue("server-netns", "network namespace file of the server's tap", serverNetns);
        cmd.AddValue("tap", "the taps' name (one in each namespace)", tap);
        cmd.AddValue("client-gateway", "our address on the client's tap", clientGateway);
        cmd.AddValue("server-gateway", "our address on the server's tap", serverGateway);
        cmd.AddValue("client-address", "the Linux client's address", clientAddress);
        cmd.AddValue("server-address", "the Linux server's address", serverAddress);
        cmd.AddValue("client-mac", "the client tap's MAC (permanent ARP entry)", clientMac);
        cmd.AddValue("server-mac", "the server tap's MAC (permanent ARP entry)", serverMac);
        cmd.AddValue("prefix", "prefix length of the taps' subnets", prefix);
        cmd.AddValue("out", "output folder", out);
        cmd.AddValue("ready", "file written once the devices run", ready);
        cmd.AddValue("duration", "longest run, s", durationS);
        cmd.Parse(argc, argv);
        DataRateValue checkRate;
        if (!(delayMs >= 0 && delayMs <= 10000))
        {
            return "--delay: not a number of ms in [0, 10000]";
        }
        if (!(loss >= 0 && loss <= 1))
        {
            return "--loss: not a probability in [0, 1]";
        }
        if (!checkRate.DeserializeFromString(rate, MakeDataRateChecker()))
        {
            return "--rate: '" + rate + "' is not a data rate (e.g. 100Mbps)";
        }
        if (clientNetns.empty() || serverNetns.empty())
        {
            return "--client-netns and --server-netns are required";
        }
        for (const std::string* mac : {&clientMac, &serverMac})
        {
            const char* digits = "0123456789abcdefABCDEF:";
            bool wellFormed =
                mac->size() == 17 && mac->find_first_not_of(digits) == std::string::npos;
            if (!mac->empty() && !wellFormed)
            {
                return "--client-mac/--server-mac: '" + *mac + "' is not a MAC address";
            }
        }
        if (prefix < 8 || prefix > 30 || queue < 1)
        {
            return "--prefix: in [8, 30]; --queue: at least 1";
        }
        return "";
    }
};

} // namespace

int
main(int argc, char* argv[])
{
    // Real time: the Linux hosts' timers run on the wall clock and FdNetDevice's reader threads
    // hand frames over as they come. Real on the wire: valid checksums (DESIGN.md).
    GlobalValue::Bind("SimulatorImplementationType", StringValue("ns3::RealtimeSimulatorImpl"));
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    LinkOptions o;
    std::string error = o.Parse(argc, argv);
    if (!error.empty())
    {
        std::cerr << "linux-ref-link: " << error << std::endl;
        return 2;
    }
    int clientMtu = 0;
    int serverMtu = 0;
    int clientFd = LinuxTapFile::OpenIn(o.clientNetns, o.tap, &clientMtu, &error);
    int serverFd =
        clientFd < 0 ? -1 : LinuxTapFile::OpenIn(o.serverNetns, o.tap, &serverMtu, &error);
    if (serverFd < 0 || !MakeDirectories(o.out))
    {
        std::cerr << "linux-ref-link: "
                  << (error.empty() ? "--out: cannot create " + o.out : error) << std::endl;
        return 1;
    }

    NodeContainer nodes(2); // 0: the client's side, 1: the server's side
    InternetStackHelper().Install(nodes);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue(o.rate));
    p2p.SetChannelAttribute("Delay", TimeValue(MicroSeconds(int64_t(o.delayMs * 1000 + 0.5))));
    p2p.SetQueue("ns3::DropTailQueue", "MaxSize", StringValue(std::to_string(o.queue) + "p"));
    NetDeviceContainer link = p2p.Install(nodes);
    AddLinkInterface(nodes.Get(0), link.Get(0), "10.77.0.1");
    AddLinkInterface(nodes.Get(1), link.Get(1), "10.77.0.2");

    Ipv4Mask mask(("/" + std::to_string(o.prefix)).c_str());
    Ptr<FdNetDevice> clientTap = EmulationGatewayHelper::Install(
        nodes.Get(0),
        clientFd,
        Ipv4InterfaceAddress(Ipv4Address(o.clientGateway.c_str()), mask),
        Mac48Address("02:48:53:52:00:01"),
        static_cast<uint16_t>(clientMtu));
    Ptr<FdNetDevice> serverTap = EmulationGatewayHelper::Install(
        nodes.Get(1),
        serverFd,
        Ipv4InterfaceAddress(Ipv4Address(o.serverGateway.c_str()), mask),
        Mac48Address("02:48:53:52:00:02"),
        static_cast<uint16_t>(serverMtu));
    // After the devices started: FdNetDevice's start reports the link up, which flushes the ARP
    // cache. Without these entries the first segment each way would wait for an ARP exchange and
    // ArpL3Protocol's RequestJitter (up to 10 ms).
    for (auto [node, tap, address, mac] :
         {std::make_tuple(nodes.Get(0), clientTap, o.clientAddress, o.clientMac),
          std::make_tuple(nodes.Get(1), serverTap, o.serverAddress, o.serverMac)})
    {
        if (!mac.empty())
        {
            auto add = [node = node, tap = tap, address = address, mac = mac]() {
                std::string problem = AddNeighbour(node, tap, address, mac);
                NS_ABORT_MSG_UNLESS(problem.empty(), "linux-ref-link: " << problem);
            };
            Simulator::Schedule(MicroSeconds(10), add);
        }
    }
    AddRoute(nodes.Get(0), o.serverGateway, o.prefix, "10.77.0.2");
    AddRoute(nodes.Get(1), o.clientGateway, o.prefix, "10.77.0.1");
    EmulationGatewayHelper::EnablePcap(o.out + "/client.pcap", clientTap);
    EmulationGatewayHelper::EnablePcap(o.out + "/server.pcap", serverTap);

    // The loss: on the receiving end of each direction, each with its own stream of the run.
    DropLog drops(o.out + "/drops.csv");
    for (Direction d : {C2S, S2C})
    {
        Ptr<PointToPointNetDevice> receiver =
            DynamicCast<PointToPointNetDevice>(link.Get(d == C2S ? 1 : 0));
        Ptr<PointToPointNetDevice> sender =
            DynamicCast<PointToPointNetDevice>(link.Get(d == C2S ? 0 : 1));
        Ptr<RateErrorModel> model = CreateObject<RateErrorModel>();
        model->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
        model->SetRate(o.loss);
        model->AssignStreams(d);
        receiver->SetReceiveErrorModel(model);
        // A segment enters at the sender's MacTx; a full transmit queue refuses it at the
        // device (MacTxDrop) or, once the device has stopped its NetDeviceQueue, before it in
        // TrafficControlLayer (no queue disc here), whose TcDrop trace covers every device of the
        // node: the tap (FdNetDevice) has no NetDeviceQueue, so every such drop was bound for
        // the link. It leaves at the receiver: delivered (PhyRxEnd) or lost (PhyRxDrop).
        Ptr<Object> tc = sender->GetNode()->GetObject<TrafficControlLayer>();
        auto leave = [&drops, d](const char* cause) {
            return [&drops, d, cause](Ptr<const Packet> p) { drops.Leave(d, p, cause); };
        };
        const std::tuple<Ptr<Object>, const char*, std::function<void(Ptr<const Packet>)>>
            hooks[] = {
                {sender, "MacTx", [&drops, d](Ptr<const Packet> p) { drops.Enter(d, p); }},
                {sender, "MacTxDrop", leave("queue")},
                {tc, "TcDrop", leave("queue")},
                {receiver, "PhyRxEnd", leave("")},
                {receiver, "PhyRxDrop", leave("loss")},
            };
        for (const auto& [object, name, hook] : hooks)
        {
            bool connected =
                object->TraceConnectWithoutContext(name, Callback<void, Ptr<const Packet>>(hook));
            NS_ABORT_MSG_UNLESS(connected, "linux-ref-link: no trace source " << name);
        }
    }

    std::signal(SIGTERM, RequestStop);
    std::signal(SIGINT, RequestStop);
    Simulator::Schedule(MilliSeconds(1), &WriteReady, o.ready);
    Simulator::Schedule(MilliSeconds(20), &Watch);
    Simulator::Stop(Seconds(o.durationS));
    Simulator::Run();
    double ran = Simulator::Now().GetSeconds();
    Simulator::Destroy(); // closes the pcaps
    std::ostringstream facts;
    facts << "delay_ms=" << o.delayMs << "\nrate=" << o.rate << "\nloss=" << o.loss
          << "\nqueue_packets=" << o.queue << "\nrng_run=" << RngSeedManager::GetRun()
          << "\nran_s=" << ran << "\nconnections=" << drops.Connections()
          << "\nc2s_packets=" << drops.Seen(C2S) << "\nc2s_lost=" << drops.Lost(C2S)
          << "\ns2c_packets=" << drops.Seen(S2C) << "\ns2c_lost=" << drops.Lost(S2C) << "\n";
    error = drops.Write();
    if (error.empty())
    {
        error = WriteOutputFile(o.out + "/link.txt", facts.str());
    }
    if (!error.empty())
    {
        std::cerr << "linux-ref-link: " << error << std::endl;
        return 1;
    }
    std::cout << facts.str();
    return 0;
}
