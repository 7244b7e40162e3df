#include "topology-address-plan.h"

namespace ns3
{

namespace
{

uint32_t
NextPowerOfTwo(uint64_t value)
{
    uint64_t power = 1;
    while (power < value)
    {
        power <<= 1;
    }
    return power > (uint64_t(1) << 31) ? 0 : static_cast<uint32_t>(power);
}

} // namespace

TopologyAddressPlan::TopologyAddressPlan(uint32_t clients, uint32_t servers, uint32_t fanout)
    : m_clients(clients),
      m_servers(servers),
      m_fanout(fanout == 0 ? clients : fanout),
      m_dumbbell(fanout == 0),
      m_blockSize(NextPowerOfTwo(uint64_t(4) * (fanout == 0 ? clients : fanout)))
{
}

std::string
TopologyAddressPlan::Check() const
{
    if (m_clients == 0 || m_servers == 0 || m_fanout == 0)
    {
        return "needs at least one client, one server and a fan-out of at least one";
    }
    uint64_t clientSpace = uint64_t(1) << (32 - CLIENT_PREFIX);
    uint64_t needed = uint64_t(m_dumbbell ? 1 : AccessRouters()) * m_blockSize;
    if (m_blockSize == 0 || needed > clientSpace)
    {
        return std::to_string(m_clients) + " clients with fan-out " + std::to_string(m_fanout) +
               " do not fit in 10.0.0.0/8 (" + std::to_string(needed) + " addresses needed)";
    }
    if (!m_dumbbell && uint64_t(AccessRouters()) * 4 > (uint64_t(1) << 20))
    {
        return "too many access routers for 172.16.0.0/12";
    }
    if (uint64_t(m_servers) * 4 > (uint64_t(1) << (32 - SERVER_PREFIX)))
    {
        return std::to_string(m_servers) + " servers do not fit in 192.168.0.0/16 (at most 16384)";
    }
    return "";
}

uint32_t
TopologyAddressPlan::AccessRouters() const
{
    return m_dumbbell ? 0 : (m_clients + m_fanout - 1) / m_fanout;
}

uint32_t
TopologyAddressPlan::AccessRouterOf(uint32_t client) const
{
    return m_dumbbell ? 0 : client / m_fanout;
}

uint32_t
TopologyAddressPlan::BlockSize() const
{
    return m_blockSize;
}

uint8_t
TopologyAddressPlan::BlockPrefixLength() const
{
    uint8_t bits = 0;
    while ((uint64_t(1) << bits) < m_blockSize)
    {
        ++bits;
    }
    return static_cast<uint8_t>(32 - bits);
}

uint32_t
TopologyAddressPlan::BlockNetwork(uint32_t accessRouter) const
{
    return CLIENT_SPACE + accessRouter * m_blockSize;
}

TopologyAddressPlan::Link
TopologyAddressPlan::LinkAt(uint32_t network)
{
    return Link{network, network + 1, network + 2};
}

TopologyAddressPlan::Link
TopologyAddressPlan::ClientLink(uint32_t client) const
{
    uint32_t router = AccessRouterOf(client);
    uint32_t indexInBlock = client - router * m_fanout;
    return LinkAt(BlockNetwork(router) + 4 * indexInBlock);
}

TopologyAddressPlan::Link
TopologyAddressPlan::Uplink(uint32_t accessRouter) const
{
    return LinkAt(UPLINK_SPACE + 4 * accessRouter);
}

TopologyAddressPlan::Link
TopologyAddressPlan::Bottleneck() const
{
    return LinkAt(BOTTLENECK_NET);
}

TopologyAddressPlan::Link
TopologyAddressPlan::ServerLink(uint32_t server) const
{
    return LinkAt(SERVER_SPACE + 4 * server);
}

} // namespace ns3
