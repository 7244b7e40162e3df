/*
 * Installs the Internet stack with handshake's TCP on chosen nodes: ns-3's InternetStackHelper
 * with SetTcp("ns3::HandshakeTcpL4Protocol"). Nodes installed with a plain InternetStackHelper keep
 * ns-3's stock TCP, so both can talk to each other in one simulation.
 */
#ifndef HANDSHAKE_TCP_STACK_HELPER_H
#define HANDSHAKE_TCP_STACK_HELPER_H

#include "ns3/internet-stack-helper.h"
#include "ns3/node-container.h"

namespace ns3
{

class HandshakeTcpStackHelper
{
  public:
    HandshakeTcpStackHelper();

    /** The underlying helper, to set routing or disable IPv6 before Install. */
    InternetStackHelper& Stack() { return m_stack; }

    void Install(Ptr<Node> node) const;
    void Install(NodeContainer nodes) const;

    /**
     * Fixes the random streams of our TCP (ISN and port keys) on \p nodes, starting at \p stream;
     * returns how many streams were used. Other stack objects are left to InternetStackHelper.
     */
    static int64_t AssignStreams(NodeContainer nodes, int64_t stream);

  private:
    InternetStackHelper m_stack;
};

} // namespace ns3

#endif // HANDSHAKE_TCP_STACK_HELPER_H
