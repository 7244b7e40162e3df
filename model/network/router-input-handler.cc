#include "router-input-handler.h"

#include "ns3/arp-l3-protocol.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/traffic-control-layer.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RouterInputHandler");

namespace
{

/** The EtherTypes of IPv4 (RFC 894) and ARP (RFC 826), for which ns-3 registers the handlers. Not
 *  Ipv4L3Protocol::PROT_NUMBER and ArpL3Protocol::PROT_NUMBER: later ns-3 deprecates them. */
constexpr uint16_t ETHERTYPE_IPV4 = 0x0800;
constexpr uint16_t ETHERTYPE_ARP = 0x0806;

} // namespace

RouterInputHandler::RouterInputHandler(Ptr<Ipv4L3Protocol> ipv4, Ptr<ArpL3Protocol> arp)
    : m_ipv4(ipv4),
      m_arp(arp)
{
}

bool
RouterInputHandler::Install(Ptr<Node> node)
{
    Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
    Ptr<ArpL3Protocol> arp = node->GetObject<ArpL3Protocol>();
    Ptr<TrafficControlLayer> tc = node->GetObject<TrafficControlLayer>();
    if (!ipv4 || !arp || !tc || node->GetObject<Ipv6>())
    {
        return false;
    }
    Ptr<RouterInputHandler> handler = Ptr<RouterInputHandler>(new RouterInputHandler(ipv4, arp), false);
    // Ipv4L3Protocol::AddInterface registered TrafficControlLayer::Receive twice per interface (IPv4,
    // ARP); Node::UnregisterProtocolHandler removes one equal handler per call. The loopback
    // interface has its own single handler (SetupLoopback), which stays.
    Node::ProtocolHandler tcReceive = MakeCallback(&TrafficControlLayer::Receive, tc);
    uint32_t covered = 0;
    for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
    {
        Ptr<NetDevice> device = ipv4->GetNetDevice(i);
        if (DynamicCast<LoopbackNetDevice>(device))
        {
            continue;
        }
        ++covered;
        node->UnregisterProtocolHandler(tcReceive);
        node->UnregisterProtocolHandler(tcReceive);
        uint32_t index = device->GetIfIndex();
        if (handler->m_devices.size() <= index)
        {
            handler->m_devices.resize(index + 1);
        }
        handler->m_devices[index] = device;
    }
    Node::ProtocolHandler receive = MakeCallback(&RouterInputHandler::Receive, handler);
    node->RegisterProtocolHandler(receive, ETHERTYPE_IPV4, nullptr);
    node->RegisterProtocolHandler(receive, ETHERTYPE_ARP, nullptr);
    NS_LOG_LOGIC("node " << node->GetId() << ": one input handler for " << covered << " interfaces");
    return true;
}

void
RouterInputHandler::Receive(Ptr<NetDevice> device,
                            Ptr<const Packet> packet,
                            uint16_t protocol,
                            const Address& from,
                            const Address& to,
                            NetDevice::PacketType packetType)
{
    uint32_t index = device->GetIfIndex();
    if (index >= m_devices.size() || m_devices[index] != device)
    {
        return; // added after Install: ns-3's own handlers deliver it
    }
    if (protocol == ETHERTYPE_IPV4)
    {
        m_ipv4->Receive(device, packet, protocol, from, to, packetType);
    }
    else
    {
        m_arp->Receive(device, packet, protocol, from, to, packetType);
    }
}

} // namespace ns3
