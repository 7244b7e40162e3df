#include "handshake-tcp-stack-helper.h"

#include "ns3/handshake-tcp-l4-protocol.h"

namespace ns3
{

HandshakeTcpStackHelper::HandshakeTcpStackHelper()
{
    m_stack.SetTcp("ns3::HandshakeTcpL4Protocol");
    // Our TCP speaks IPv4 only for now; no IPv6 stack keeps the nodes' behaviour predictable.
    m_stack.SetIpv6StackInstall(false);
}

void
HandshakeTcpStackHelper::Install(Ptr<Node> node) const
{
    m_stack.Install(node);
}

void
HandshakeTcpStackHelper::Install(NodeContainer nodes) const
{
    m_stack.Install(nodes);
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
