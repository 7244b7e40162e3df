/*
 * Installs the IPv4 Internet stack with handshake's TCP on chosen nodes: the objects ns-3's
 * InternetStackHelper aggregates for IPv4 (ARP, IPv4, ICMP, the routing, traffic control, UDP, a
 * packet socket factory), in its order, with our L4 protocol as the TCP. Done here rather than by
 * InternetStackHelper::SetTcp, which later ns-3 dropped (README, "Supported ns-3"). Nodes installed
 * with a plain InternetStackHelper keep ns-3's stock TCP, so both can talk to each other in one
 * simulation; SetTcp("ns3::TcpL4Protocol") installs the stock one with the same routing.
 */
#ifndef HANDSHAKE_TCP_STACK_HELPER_H
#define HANDSHAKE_TCP_STACK_HELPER_H

#include "ns3/ipv4-routing-helper.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <memory>
#include <string>

namespace ns3
{

class HandshakeTcpStackHelper
{
  public:
    /** Our TCP, and InternetStackHelper's default routing (static, then global). */
    HandshakeTcpStackHelper();
    HandshakeTcpStackHelper(const HandshakeTcpStackHelper&) = delete;
    HandshakeTcpStackHelper& operator=(const HandshakeTcpStackHelper&) = delete;

    /** The TCP's L4 protocol TypeId: "ns3::HandshakeTcpL4Protocol" (default) or "ns3::TcpL4Protocol". */
    void SetTcp(const std::string& typeId);
    /** The IPv4 routing protocol each node gets (copied). */
    void SetRoutingHelper(const Ipv4RoutingHelper& routing);

    /** Aborts on a node that already has IPv4, as InternetStackHelper does. */
    void Install(Ptr<Node> node) const;
    void Install(NodeContainer nodes) const;

    /**
     * Fixes the random streams of our TCP (ISN and port keys) on \p nodes, starting at \p stream;
     * returns how many streams were used. Other stack objects are left to InternetStackHelper.
     */
    static int64_t AssignStreams(NodeContainer nodes, int64_t stream);

  private:
    ObjectFactory m_tcp;
    std::unique_ptr<Ipv4RoutingHelper> m_routing;
};

} // namespace ns3

#endif // HANDSHAKE_TCP_STACK_HELPER_H
