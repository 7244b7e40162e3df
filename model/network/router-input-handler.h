/*
 * One protocol handler per router instead of ns-3's four per device. For every IPv4 interface,
 * ns-3 3.37 registers two handlers in the Node (IPv4 and ARP, both TrafficControlLayer::Receive)
 * and two more in the TrafficControlLayer, and both layers scan their whole list for every frame
 * received: a router with F links pays O(F) per packet twice over (1.7% each of the 1,000-client
 * run with scripts/setup-ns3's ns-3; at fan-out 1,000 as much as the flatter tree's fewer hops
 * saved; issue [bench]). Installed on a node
 * whose interfaces are all in place, this handler takes over the devices it was installed with and
 * hands their frames straight to Ipv4L3Protocol or ArpL3Protocol, as TrafficControlLayer::Receive
 * did (it does nothing else in 3.37): by the device's index, O(1). A device added afterwards keeps
 * ns-3's own handlers.
 */
#ifndef HANDSHAKE_ROUTER_INPUT_HANDLER_H
#define HANDSHAKE_ROUTER_INPUT_HANDLER_H

#include "ns3/address.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simple-ref-count.h"

#include <vector>

namespace ns3
{

class ArpL3Protocol;
class Ipv4L3Protocol;

class RouterInputHandler : public SimpleRefCount<RouterInputHandler>
{
  public:
    /**
     * Takes over the frames of \p node's IPv4 interfaces. Returns false, and changes nothing,
     * when the node has no IPv4 stack or has IPv6 too (whose handlers would share the list).
     */
    static bool Install(Ptr<Node> node);

    /** Frames received by the devices it covers. */
    void Receive(Ptr<NetDevice> device,
                 Ptr<const Packet> packet,
                 uint16_t protocol,
                 const Address& from,
                 const Address& to,
                 NetDevice::PacketType packetType);

  private:
    RouterInputHandler(Ptr<Ipv4L3Protocol> ipv4, Ptr<ArpL3Protocol> arp);

    Ptr<Ipv4L3Protocol> m_ipv4;
    Ptr<ArpL3Protocol> m_arp;
    /** The covered devices by their index in the node (NetDevice::GetIfIndex). */
    std::vector<Ptr<NetDevice>> m_devices;
};

} // namespace ns3

#endif // HANDSHAKE_ROUTER_INPUT_HANDLER_H
