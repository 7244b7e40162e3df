/*
 * Joins a simulated node to a real Linux network through a tap (issue [emulation]): an FdNetDevice
 * (Ethernet, DIX framing) on the tap's file descriptor becomes one more IPv4 interface of the node,
 * which then routes between the Linux side and the rest of the simulation:
 *
 *   Linux host (tap, in a netns) ==== FdNetDevice [gateway node] ---- simulated links ...
 *
 * The Linux kernel sees a real Ethernet peer: ARP requests for the gateway's address are answered
 * by the node's ArpL3Protocol with the device's MAC, and the node resolves the Linux address the
 * same way. FdNetDevice reads on its own thread and needs ns-3's real-time scheduler
 * (RealtimeSimulatorImpl). Routers of the simulation reach the Linux subnet through AddRoute.
 */
#ifndef HANDSHAKE_EMULATION_GATEWAY_HELPER_H
#define HANDSHAKE_EMULATION_GATEWAY_HELPER_H

#include "ns3/fd-net-device.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/mac48-address.h"
#include "ns3/node.h"

#include <string>

namespace ns3
{

class EmulationGatewayHelper
{
  public:
    /**
     * Adds to \p node an FdNetDevice on the tap descriptor \p fd (from LinuxTapFile::Open; the
     * device owns and closes it) with MAC \p mac and MTU \p mtu, as an IPv4 interface with
     * \p address, up. The node must have an Internet stack. Returns the device.
     */
    static Ptr<FdNetDevice> Install(Ptr<Node> node,
                                    int fd,
                                    const Ipv4InterfaceAddress& address,
                                    Mac48Address mac,
                                    uint16_t mtu = 1500);

    /**
     * Makes \p router (routing with PrefixHashRouting, as TopologyBuilder's nodes do) send
     * \p network/\p prefixLength to \p nextHop, on the interface whose subnet holds \p nextHop.
     * Returns an error text, empty on success.
     */
    static std::string AddRoute(Ptr<Node> router,
                                Ipv4Address network,
                                uint8_t prefixLength,
                                Ipv4Address nextHop);

    /**
     * Writes what crosses the tap, both ways, to the pcap file \p path (Ethernet link type; time
     * stamps are simulation time, which the real-time scheduler keeps on the wall clock).
     */
    static void EnablePcap(const std::string& path, Ptr<FdNetDevice> device);
};

} // namespace ns3

#endif // HANDSHAKE_EMULATION_GATEWAY_HELPER_H
