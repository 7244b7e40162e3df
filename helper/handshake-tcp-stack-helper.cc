#include "handshake-tcp-stack-helper.h"

#include "ns3/handshake-tcp-l4-protocol.h"

#include "ns3/abort.h"
#include "ns3/arp-l3-protocol.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-list-routing-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/packet-socket-factory.h"
#include "ns3/traffic-control-layer.h"

namespace ns3
{

namespace
{

void
Aggregate(Ptr<Node> node, const std::string& typeId)
{
    ObjectFactory factory;
    factory.SetTypeId(typeId);
    node->AggregateObject(factory.Create<Object>());
}

} // namespace

HandshakeTcpStackHelper::HandshakeTcpStackHelper()
{
    m_tcp.SetTypeId("ns3::HandshakeTcpL4Protocol");
    Ipv4ListRoutingHelper list;
    list.Add(Ipv4StaticRoutingHelper(), 0);
    list.Add(Ipv4GlobalRoutingHelper(), -10);
    SetRoutingHelper(list);
}

void
HandshakeTcpStackHelper::SetTcp(const std::string& typeId)
{
    m_tcp.SetTypeId(typeId);
}

void
HandshakeTcpStackHelper::SetRoutingHelper(const Ipv4RoutingHelper& routing)
{
    m_routing.reset(routing.Copy());
}

void
HandshakeTcpStackHelper::Install(Ptr<Node> node) const
{
    NS_ABORT_MSG_IF(node->GetObject<Ipv4>(), "HandshakeTcpStackHelper: node " << node->GetId()
                                                                              << " already has IPv4");
    // InternetStackHelper::Install's order (ns-3 3.37, IPv4 only): the objects' automatic random
    // streams, hence a run's numbers, are those of a node it installed.
    Aggregate(node, "ns3::ArpL3Protocol");
    Aggregate(node, "ns3::Ipv4L3Protocol");
    Aggregate(node, "ns3::Icmpv4L4Protocol");
    node->GetObject<Ipv4>()->SetRoutingProtocol(m_routing->Create(node));
    Aggregate(node, "ns3::TrafficControlLayer");
    Aggregate(node, "ns3::UdpL4Protocol");
    node->AggregateObject(m_tcp.Create<Object>());
    node->AggregateObject(CreateObject<PacketSocketFactory>());
    node->GetObject<ArpL3Protocol>()->SetTrafficControl(node->GetObject<TrafficControlLayer>());
}

void
HandshakeTcpStackHelper::Install(NodeContainer nodes) const
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Install(*it);
    }
}

int64_t
HandshakeTcpStackHelper::AssignStreams(NodeContainer nodes, int64_t stream)
{
    int64_t used = 0;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        if (Ptr<HandshakeTcpL4Protocol> tcp = (*it)->GetObject<HandshakeTcpL4Protocol>())
        {
            used += tcp->AssignStreams(stream + used);
        }
    }
    return used;
}

} // namespace ns3
