#include "topology-builder.h"

#include "ns3/enum-accessor.h"
#include "ns3/gilbert-elliott-error-model.h"
#include "ns3/handshake-tcp-stack-helper.h"
#include "ns3/prefix-hash-routing-helper.h"
#include "ns3/router-input-handler.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/error-model.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/string.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TopologyBuilder");
NS_OBJECT_ENSURE_REGISTERED(TopologyBuilder);

TypeId
TopologyBuilder::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TopologyBuilder")
            .SetParent<Object>()
            .SetGroupName("Handshake")
            .AddConstructor<TopologyBuilder>()
            .AddAttribute("Shape",
                          "dumbbell (all clients on one router) or tree (access routers of bounded fan-out)",
                          EnumValue(TREE),
                          MakeEnumAccessorOf<Shape>(&TopologyBuilder::m_shape),
                          MakeEnumChecker(DUMBBELL, "dumbbell", TREE, "tree"))
            .AddAttribute("Fanout",
                          "Clients per access router in a tree",
                          UintegerValue(100),
                          MakeUintegerAccessor(&TopologyBuilder::m_fanout),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("AccessDelay",
                          "One-way delay of each client's access link in ms, drawn once per client",
                          StringValue("ns3::UniformRandomVariable[Min=5|Max=100]"),
                          MakePointerAccessor(&TopologyBuilder::m_accessDelayMs),
                          MakePointerChecker<RandomVariableStream>())
            .AddAttribute("AccessLoss",
                          "Packet loss probability of each client's access link (each direction), "
                          "drawn once per client",
                          StringValue("ns3::UniformRandomVariable[Min=0|Max=0.02]"),
                          MakePointerAccessor(&TopologyBuilder::m_accessLoss),
                          MakePointerChecker<RandomVariableStream>())
            .AddAttribute("LossModel",
                          "random: independent losses (RateErrorModel); gilbert-elliott: bursts whose "
                          "long-run rate is the drawn loss",
                          EnumValue(RANDOM_LOSS),
                          MakeEnumAccessorOf<LossModelKind>(&TopologyBuilder::m_lossKind),
                          MakeEnumChecker(RANDOM_LOSS, "random", GILBERT_ELLIOTT, "gilbert-elliott"))
            .AddAttribute("MeanBurstLength",
                          "Gilbert-Elliott: mean number of packets in the bad state (1/r)",
                          DoubleValue(3.0),
                          MakeDoubleAccessor(&TopologyBuilder::m_meanBurstLength),
                          MakeDoubleChecker<double>(1.0))
            .AddAttribute("AccessRate",
                          "Rate of each access link",
                          DataRateValue(DataRate("100Mbps")),
                          MakeDataRateAccessor(&TopologyBuilder::m_accessRate),
                          MakeDataRateChecker())
            .AddAttribute("UplinkRate",
                          "Rate of the access-router-to-core links",
                          DataRateValue(DataRate("10Gbps")),
                          MakeDataRateAccessor(&TopologyBuilder::m_uplinkRate),
                          MakeDataRateChecker())
            .AddAttribute("UplinkDelay",
                          "Delay of the access-router-to-core links",
                          TimeValue(MicroSeconds(100)),
                          MakeTimeAccessor(&TopologyBuilder::m_uplinkDelay),
                          MakeTimeChecker())
            .AddAttribute("BottleneckRate",
                          "Rate of the shared link in front of the servers",
                          DataRateValue(DataRate("1Gbps")),
                          MakeDataRateAccessor(&TopologyBuilder::m_bottleneckRate),
                          MakeDataRateChecker())
            .AddAttribute("BottleneckDelay",
                          "One-way delay of the bottleneck",
                          TimeValue(MilliSeconds(5)),
                          MakeTimeAccessor(&TopologyBuilder::m_bottleneckDelay),
                          MakeTimeChecker())
            .AddAttribute("BottleneckQueueDisc",
                          "Queue disc TypeId on both ends of the bottleneck; empty for none",
                          StringValue("ns3::FifoQueueDisc"),
                          MakeStringAccessor(&TopologyBuilder::m_bottleneckQueueDisc),
                          MakeStringChecker())
            .AddAttribute("ServerLinkRate",
                          "Rate of each server's link",
                          DataRateValue(DataRate("10Gbps")),
                          MakeDataRateAccessor(&TopologyBuilder::m_serverLinkRate),
                          MakeDataRateChecker())
            .AddAttribute("ServerLinkDelay",
                          "Delay of each server's link",
                          TimeValue(MicroSeconds(100)),
                          MakeTimeAccessor(&TopologyBuilder::m_serverLinkDelay),
                          MakeTimeChecker())
            .AddAttribute("TcpL4Protocol",
                          "TypeId of the TCP installed on clients and servers (routers keep stock TCP)",
                          StringValue("ns3::TcpL4Protocol"),
                          MakeStringAccessor(&TopologyBuilder::m_tcpL4Protocol),
                          MakeStringChecker())
            .AddAttribute("Ranks",
                          "MPI ranks the nodes are spread over (TopologyPartition: the core's "
                          "subtrees on ranks 1..N-1, core and servers on rank 0); 1: all on rank 0",
                          UintegerValue(1),
                          MakeUintegerAccessor(&TopologyBuilder::m_ranks),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("AttackerLinkRate",
                          "Rate of the attacker host's link to the core (AddAttacker)",
                          DataRateValue(DataRate("1Gbps")),
                          MakeDataRateAccessor(&TopologyBuilder::m_attackerLinkRate),
                          MakeDataRateChecker())
            .AddAttribute("AttackerLinkDelay",
                          "Delay of the attacker host's link to the core",
                          TimeValue(MilliSeconds(1)),
                          MakeTimeAccessor(&TopologyBuilder::m_attackerLinkDelay),
                          MakeTimeChecker());
    return tid;
}

std::string
TopologyBuilder::Build(uint32_t clients, uint32_t servers)
{
    NS_ABORT_MSG_IF(m_plan, "TopologyBuilder::Build called twice");
    auto plan = std::make_unique<TopologyAddressPlan>(clients, servers, m_shape == TREE ? m_fanout : 0);
    std::string problem = plan->Check();
    if (!problem.empty())
    {
        return problem;
    }
    TypeId tcp;
    if (!TypeId::LookupByNameFailSafe(m_tcpL4Protocol, &tcp))
    {
        return "unknown TCP '" + m_tcpL4Protocol + "'";
    }
    TypeId queueDisc;
    if (!m_bottleneckQueueDisc.empty() && !TypeId::LookupByNameFailSafe(m_bottleneckQueueDisc, &queueDisc))
    {
        return "unknown queue disc '" + m_bottleneckQueueDisc + "'";
    }
    problem = DrawAccessLinks(clients);
    if (!problem.empty())
    {
        return problem;
    }
    m_plan = std::move(plan);
    m_partition = std::make_unique<TopologyPartition>(*m_plan, m_ranks);
    CreateNodes(clients, servers);
    InstallStacks();
    BuildAccessLinks();
    BuildRouterTree();
    BuildCore();
    BuildServers();
    // With every router's links in place: one input handler per router, not four per link, each
    // list scanned per frame (links added later, the attacker's or the DNS host's, keep ns-3's).
    NodeContainer routers = GetRouters();
    for (auto it = routers.Begin(); it != routers.End(); ++it)
    {
        RouterInputHandler::Install(*it);
    }
    return "";
}

void
TopologyBuilder::CreateNodes(uint32_t clients, uint32_t servers)
{
    for (uint32_t i = 0; i < clients; ++i)
    {
        m_clients.Create(1, m_partition->RankOfClient(i));
    }
    m_servers.Create(servers, TopologyPartition::CORE_RANK);
    m_levels.resize(m_plan->Levels());
    for (uint32_t level = 0; level < m_levels.size(); ++level)
    {
        for (uint32_t r = 0; r < m_plan->RoutersAt(level); ++r)
        {
            m_levels[level].Create(1, m_partition->RankOfRouter(level, r));
        }
    }
    m_core = CreateObject<Node>(TopologyPartition::CORE_RANK);
    m_serverRouter = CreateObject<Node>(TopologyPartition::CORE_RANK);
}

void
TopologyBuilder::InstallStack(NodeContainer nodes, const std::string& tcp)
{
    HandshakeTcpStackHelper stack;
    stack.SetTcp(tcp);
    stack.SetRoutingHelper(PrefixHashRoutingHelper());
    stack.Install(nodes);
}

void
TopologyBuilder::InstallStacks()
{
    InstallStack(NodeContainer(m_clients, m_servers), m_tcpL4Protocol);
    // Routers only forward: they keep ns-3's stock stack whatever TCP the hosts run.
    NodeContainer routers = GetRouters();
    InstallStack(routers, "ns3::TcpL4Protocol");
    for (auto it = routers.Begin(); it != routers.End(); ++it)
    {
        // Strong end-system model (RFC 1122 3.3.4.2): a router checks only the incoming
        // interface's addresses (instead of all of them) before forwarding. ns-3 3.37 calls it
        // WeakEsModel (false); later ns-3 StrongEndSystemModel (true).
        Ptr<Ipv4L3Protocol> ipv4 = (*it)->GetObject<Ipv4L3Protocol>();
        if (!ipv4->SetAttributeFailSafe("StrongEndSystemModel", BooleanValue(true)))
        {
            ipv4->SetAttribute("WeakEsModel", BooleanValue(false));
        }
    }
}

Ptr<NetDevice>
TopologyBuilder::Connect(Ptr<Node> a,
                         Ptr<Node> b,
                         DataRate rate,
                         Time delay,
                         const TopologyAddressPlan::Link& link,
                         NetDeviceContainer* devices,
                         FlowControl flowControl)
{
    if (a->GetSystemId() != b->GetSystemId())
    {
        // ns-3 builds a PointToPointRemoteChannel here when MPI is enabled; its delay bounds how
        // far one rank may run ahead of another.
        m_lookahead = m_crossRankLinks == 0 ? delay : std::min(m_lookahead, delay);
        ++m_crossRankLinks;
    }
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", DataRateValue(rate));
    p2p.SetChannelAttribute("Delay", TimeValue(delay));
    if (flowControl == FlowControl::OFF)
    {
        // Flow control only matters to a queue disc, which waits while the device queue is full;
        // without one a full device queue drops the packet either way. A device's
        // NetDeviceQueueInterface and its queue's trace callbacks are about 1 kB (issue [bench]).
        p2p.DisableFlowControl();
    }
    NetDeviceContainer pair = p2p.Install(a, b);
    // Addresses by hand, not with Ipv4AddressHelper: that one also installs ns-3's default queue
    // disc (FqCoDel) on every device, which costs per flow and is not wanted outside the bottleneck.
    uint32_t ends[] = {link.first, link.second};
    for (uint32_t i = 0; i < 2; ++i)
    {
        Ptr<Ipv4> ipv4 = pair.Get(i)->GetNode()->GetObject<Ipv4>();
        int32_t interface = ipv4->AddInterface(pair.Get(i));
        ipv4->AddAddress(interface, Ipv4InterfaceAddress(Ipv4Address(ends[i]), Ipv4Mask("/30")));
        ipv4->SetMetric(interface, 1);
        ipv4->SetUp(interface);
    }
    if (devices)
    {
        devices->Add(pair);
    }
    return pair.Get(1);
}

Ptr<ErrorModel>
TopologyBuilder::MakeLossModel(double rate)
{
    if (m_lossKind == GILBERT_ELLIOTT && rate > 0 && rate < 1)
    {
        // Stationary loss pi_B = p / (p + r) with r = 1 / mean burst length.
        double r = 1.0 / m_meanBurstLength;
        Ptr<GilbertElliottErrorModel> model = CreateObject<GilbertElliottErrorModel>();
        model->SetAttribute("BadToGood", DoubleValue(r));
        model->SetAttribute("GoodToBad", DoubleValue(std::min(1.0, rate * r / (1 - rate))));
        return model;
    }
    Ptr<RateErrorModel> model = CreateObject<RateErrorModel>();
    model->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
    model->SetRate(rate);
    return model;
}

std::string
TopologyBuilder::DrawAccessLinks(uint32_t clients)
{
    m_accessDelays.reserve(clients);
    m_accessLosses.reserve(clients);
    for (uint32_t i = 0; i < clients; ++i)
    {
        // Each draw is checked, never clamped: a delay below 0 or a loss outside [0, 1] is the
        // distribution's fault, and clamping hid it (7 of 20 clients at 0 ms; issue 20).
        double delayMs = m_accessDelayMs->GetValue();
        double loss = m_accessLoss->GetValue();
        std::ostringstream problem;
        if (!(delayMs >= 0) || std::isinf(delayMs))
        {
            problem << "AccessDelay: client " << i << " drew " << delayMs << " ms, not a delay >= 0";
        }
        else if (!(loss >= 0 && loss <= 1))
        {
            problem << "AccessLoss: client " << i << " drew " << loss << ", not a probability in [0, 1]";
        }
        if (!problem.str().empty())
        {
            m_accessDelays.clear();
            m_accessLosses.clear();
            return problem.str();
        }
        // The draw is in milliseconds, kept to the nanosecond: ns-3's MilliSeconds() takes an
        // integer and would truncate 5.9 to 5 (issue 23).
        m_accessDelays.push_back(Time::FromDouble(delayMs, Time::MS));
        m_accessLosses.push_back(loss);
    }
    return "";
}

void
TopologyBuilder::BuildAccessLinks()
{
    for (uint32_t i = 0; i < m_clients.GetN(); ++i)
    {
        Time delay = m_accessDelays[i];
        double loss = m_accessLosses[i];
        Ptr<Node> router =
            m_shape == TREE ? m_levels[0].Get(m_plan->AccessRouterOf(i)) : m_core;
        NetDeviceContainer pair;
        Connect(m_clients.Get(i), router, m_accessRate, delay, m_plan->ClientLink(i), &pair);
        m_clientDevices.Add(pair.Get(0));
        m_clientRouterDevices.Add(pair.Get(1));
        if (loss > 0)
        {
            pair.Get(0)->SetAttribute("ReceiveErrorModel", PointerValue(MakeLossModel(loss)));
            pair.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(MakeLossModel(loss)));
        }
        PrefixHashRoutingHelper::Get(m_clients.Get(i))
            ->SetDefaultRoute(Ipv4Address(m_plan->ClientLink(i).second), 1);
    }
}

void
TopologyBuilder::BuildRouterTree()
{
    for (uint32_t level = 0; level < m_levels.size(); ++level)
    {
        const bool top = level + 1 == m_levels.size();
        for (uint32_t r = 0; r < m_levels[level].GetN(); ++r)
        {
            Ptr<Node> router = m_levels[level].Get(r);
            Ptr<Node> parent = top ? m_core : m_levels[level + 1].Get(m_plan->ParentOf(r));
            const auto link = m_plan->UplinkAt(level, r);
            Connect(router, parent, m_uplinkRate, m_uplinkDelay, link, nullptr);
            uint32_t uplinkInterface = router->GetObject<Ipv4>()->GetNInterfaces() - 1;
            PrefixHashRoutingHelper::Get(router)->SetDefaultRoute(Ipv4Address(link.second),
                                                                  uplinkInterface);
            // One aggregated route per child on the parent (the plan aligns each block).
            PrefixHashRoutingHelper::Get(parent)->AddRoute(Ipv4Address(m_plan->BlockNetworkAt(level, r)),
                                                           m_plan->BlockPrefixLengthAt(level),
                                                           Ipv4Address(link.first),
                                                           parent->GetObject<Ipv4>()->GetNInterfaces() - 1);
        }
    }
}

void
TopologyBuilder::BuildCore()
{
    Ptr<PrefixHashRouting> core = PrefixHashRoutingHelper::Get(m_core);
    const auto bottleneck = m_plan->Bottleneck();
    Connect(m_core,
            m_serverRouter,
            m_bottleneckRate,
            m_bottleneckDelay,
            bottleneck,
            &m_bottleneckDevices,
            FlowControl::ON);
    core->AddRoute(Ipv4Address(TopologyAddressPlan::SERVER_SPACE),
                   TopologyAddressPlan::SERVER_PREFIX,
                   Ipv4Address(bottleneck.second),
                   m_core->GetObject<Ipv4>()->GetNInterfaces() - 1);
    PrefixHashRoutingHelper::Get(m_serverRouter)
        ->AddRoute(Ipv4Address(TopologyAddressPlan::CLIENT_SPACE),
                   TopologyAddressPlan::CLIENT_PREFIX,
                   Ipv4Address(bottleneck.first),
                   m_serverRouter->GetObject<Ipv4>()->GetNInterfaces() - 1);
    if (!m_bottleneckQueueDisc.empty())
    {
        TrafficControlHelper tc;
        tc.SetRootQueueDisc(m_bottleneckQueueDisc);
        tc.Install(m_bottleneckDevices);
    }
}

void
TopologyBuilder::BuildServers()
{
    for (uint32_t j = 0; j < m_servers.GetN(); ++j)
    {
        NetDeviceContainer pair;
        const auto link = m_plan->ServerLink(j);
        Connect(m_servers.Get(j), m_serverRouter, m_serverLinkRate, m_serverLinkDelay, link, &pair);
        m_serverDevices.Add(pair.Get(0));
        PrefixHashRoutingHelper::Get(m_servers.Get(j))->SetDefaultRoute(Ipv4Address(link.second), 1);
    }
}

void
TopologyBuilder::SetDropList(uint32_t client, bool towardsClient, const std::list<uint32_t>& indices)
{
    Ptr<ReceiveListErrorModel> model = CreateObject<ReceiveListErrorModel>();
    model->SetList(indices);
    Ptr<NetDevice> device = towardsClient ? m_clientDevices.Get(client) : m_clientRouterDevices.Get(client);
    device->SetAttribute("ReceiveErrorModel", PointerValue(model));
}

Ptr<Node>
TopologyBuilder::AddAttacker()
{
    NS_ABORT_MSG_UNLESS(m_plan, "TopologyBuilder::AddAttacker before Build");
    NS_ABORT_MSG_IF(m_attacker, "TopologyBuilder::AddAttacker called twice");
    m_attacker = CreateObject<Node>(TopologyPartition::CORE_RANK);
    // Its SYNs leave through a raw socket; the TCP installed does not matter.
    InstallStack(NodeContainer(m_attacker), "ns3::TcpL4Protocol");
    const auto link = m_plan->Attacker();
    Connect(m_attacker, m_core, m_attackerLinkRate, m_attackerLinkDelay, link, nullptr);
    // A host, not a router: a SYN-ACK for a spoofed source must die here, not go back to the core.
    m_attacker->GetObject<Ipv4>()->SetForwarding(1, false);
    PrefixHashRoutingHelper::Get(m_attacker)->SetDefaultRoute(Ipv4Address(link.second), 1);
    const Ipv4Address spoofed(TopologyAddressPlan::SPOOFED_SPACE);
    PrefixHashRoutingHelper::Get(m_core)->AddRoute(spoofed,
                                                   TopologyAddressPlan::SPOOFED_PREFIX,
                                                   Ipv4Address(link.first),
                                                   m_core->GetObject<Ipv4>()->GetNInterfaces() - 1);
    Ptr<Ipv4> serverRouter = m_serverRouter->GetObject<Ipv4>();
    PrefixHashRoutingHelper::Get(m_serverRouter)
        ->AddRoute(spoofed,
                   TopologyAddressPlan::SPOOFED_PREFIX,
                   Ipv4Address(m_plan->Bottleneck().first),
                   serverRouter->GetInterfaceForDevice(m_bottleneckDevices.Get(1)));
    return m_attacker;
}

Ptr<Node>
TopologyBuilder::GetAttacker() const
{
    return m_attacker;
}

Ptr<Node>
TopologyBuilder::AddDnsHost(Time delay, double loss)
{
    NS_ABORT_MSG_UNLESS(m_plan, "TopologyBuilder::AddDnsHost before Build");
    NS_ABORT_MSG_IF(m_dnsHost, "TopologyBuilder::AddDnsHost called twice");
    m_dnsHost = CreateObject<Node>(TopologyPartition::CORE_RANK);
    InstallStack(NodeContainer(m_dnsHost), m_tcpL4Protocol);
    const auto link = m_plan->DnsHost();
    NetDeviceContainer pair;
    Connect(m_dnsHost, m_core, DataRate("1Gbps"), delay, link, &pair);
    m_dnsHost->GetObject<Ipv4>()->SetForwarding(1, false); // a host, not a router
    PrefixHashRoutingHelper::Get(m_dnsHost)->SetDefaultRoute(Ipv4Address(link.second), 1);
    if (loss > 0)
    {
        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<RateErrorModel> model = CreateObject<RateErrorModel>();
            model->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
            model->SetRate(loss);
            pair.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(model));
        }
    }
    return m_dnsHost;
}

Ptr<Node>
TopologyBuilder::GetCore() const
{
    return m_core;
}

NodeContainer
TopologyBuilder::GetClients() const
{
    return m_clients;
}

NodeContainer
TopologyBuilder::GetServers() const
{
    return m_servers;
}

NodeContainer
TopologyBuilder::GetRouters() const
{
    NodeContainer routers;
    for (const auto& level : m_levels)
    {
        routers.Add(level);
    }
    routers.Add(m_core);
    routers.Add(m_serverRouter);
    return routers;
}

Ipv4Address
TopologyBuilder::GetClientAddress(uint32_t client) const
{
    return Ipv4Address(m_plan->ClientLink(client).first);
}

Ipv4Address
TopologyBuilder::GetServerAddress(uint32_t server) const
{
    return Ipv4Address(m_plan->ServerLink(server).first);
}

Ptr<NetDevice>
TopologyBuilder::GetClientDevice(uint32_t client) const
{
    return m_clientDevices.Get(client);
}

Ptr<NetDevice>
TopologyBuilder::GetServerDevice(uint32_t server) const
{
    return m_serverDevices.Get(server);
}

Ptr<NetDevice>
TopologyBuilder::GetClientRouterDevice(uint32_t client) const
{
    return m_clientRouterDevices.Get(client);
}

NetDeviceContainer
TopologyBuilder::GetBottleneckDevices() const
{
    return m_bottleneckDevices;
}

Time
TopologyBuilder::GetAccessDelay(uint32_t client) const
{
    return m_accessDelays.at(client);
}

double
TopologyBuilder::GetAccessLoss(uint32_t client) const
{
    return m_accessLosses.at(client);
}

const TopologyPartition&
TopologyBuilder::GetPartition() const
{
    NS_ABORT_MSG_UNLESS(m_partition, "TopologyBuilder::Build has not run");
    return *m_partition;
}

Time
TopologyBuilder::GetLookahead() const
{
    return m_lookahead;
}

uint32_t
TopologyBuilder::GetCrossRankLinks() const
{
    return m_crossRankLinks;
}

const TopologyAddressPlan&
TopologyBuilder::GetPlan() const
{
    NS_ABORT_MSG_UNLESS(m_plan, "TopologyBuilder::Build has not run");
    return *m_plan;
}

void
TopologyBuilder::DoDispose()
{
    m_accessDelayMs = nullptr;
    m_accessLoss = nullptr;
    m_core = nullptr;
    m_serverRouter = nullptr;
    m_attacker = nullptr;
    m_dnsHost = nullptr;
    Object::DoDispose();
}

} // namespace ns3
