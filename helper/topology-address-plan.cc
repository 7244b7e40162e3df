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

/** The prefix length of an aligned block of \p size addresses (a power of two). */
uint8_t
PrefixLength(uint64_t size)
{
    uint8_t bits = 0;
    while ((uint64_t(1) << bits) < size)
    {
        ++bits;
    }
    return static_cast<uint8_t>(32 - bits);
}

} // namespace

TopologyAddressPlan::TopologyAddressPlan(uint32_t clients, uint32_t servers, uint32_t fanout)
    : m_clients(clients),
      m_servers(servers),
      m_fanout(fanout == 0 ? clients : fanout),
      m_dumbbell(fanout == 0),
      m_blockSize(NextPowerOfTwo(uint64_t(4) * (fanout == 0 ? clients : fanout)))
{
    PlanLevels();
}

void
TopologyAddressPlan::PlanLevels()
{
    if (m_dumbbell || m_fanout == 0 || m_clients == 0)
    {
        return;
    }
    m_levelRouters.push_back((m_clients + m_fanout - 1) / m_fanout);
    m_levelBlock.push_back(m_blockSize);
    // A fan-out of 1 cannot aggregate: the core then takes every access router.
    while (m_fanout > 1 && m_levelRouters.back() > m_fanout)
    {
        m_levelRouters.push_back((m_levelRouters.back() + m_fanout - 1) / m_fanout);
        uint64_t block = m_levelBlock.back() * NextPowerOfTwo(m_fanout);
        m_levelBlock.push_back(block > (uint64_t(1) << 32) ? 0 : block);
    }
    uint32_t first = 0;
    for (uint32_t count : m_levelRouters)
    {
        m_levelFirstUplink.push_back(first);
        first += count;
    }
}

std::string
TopologyAddressPlan::Check() const
{
    if (m_clients == 0 || m_servers == 0 || m_fanout == 0)
    {
        return "needs at least one client, one server and a fan-out of at least one";
    }
    uint64_t clientSpace = uint64_t(1) << (32 - CLIENT_PREFIX);
    uint64_t topBlock = m_dumbbell ? m_blockSize : m_levelBlock.back();
    uint64_t needed = m_dumbbell ? m_blockSize : m_levelRouters.back() * topBlock;
    if (m_blockSize == 0 || topBlock == 0 || needed > clientSpace)
    {
        return std::to_string(m_clients) + " clients with fan-out " + std::to_string(m_fanout) +
               " do not fit in 10.0.0.0/8 (" + std::to_string(needed) + " addresses needed)";
    }
    uint64_t routers = m_dumbbell ? 0 : m_levelFirstUplink.back() + m_levelRouters.back();
    if (routers * 4 > (uint64_t(1) << 20))
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
TopologyAddressPlan::Clients() const
{
    return m_clients;
}

uint32_t
TopologyAddressPlan::AccessRouters() const
{
    return m_dumbbell ? 0 : m_levelRouters.front();
}

uint32_t
TopologyAddressPlan::Levels() const
{
    return m_levelRouters.size();
}

uint32_t
TopologyAddressPlan::RoutersAt(uint32_t level) const
{
    return m_levelRouters.at(level);
}

uint32_t
TopologyAddressPlan::ParentOf(uint32_t router) const
{
    return router / m_fanout;
}

uint32_t
TopologyAddressPlan::BlockSizeAt(uint32_t level) const
{
    return static_cast<uint32_t>(m_levelBlock.at(level));
}

uint8_t
TopologyAddressPlan::BlockPrefixLengthAt(uint32_t level) const
{
    return PrefixLength(m_levelBlock.at(level));
}

uint32_t
TopologyAddressPlan::BlockNetworkAt(uint32_t level, uint32_t router) const
{
    // A router's block sits at its index among its siblings inside its parent's block.
    uint64_t offset = 0;
    const uint32_t top = Levels() - 1;
    for (uint32_t k = level; k < top; ++k)
    {
        offset += uint64_t(router % m_fanout) * m_levelBlock[k];
        router = ParentOf(router);
    }
    offset += uint64_t(router) * m_levelBlock[top];
    return static_cast<uint32_t>(CLIENT_SPACE + offset);
}

TopologyAddressPlan::Link
TopologyAddressPlan::UplinkAt(uint32_t level, uint32_t router) const
{
    return LinkAt(UPLINK_SPACE + 4 * (m_levelFirstUplink.at(level) + router));
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
    return PrefixLength(m_blockSize);
}

uint32_t
TopologyAddressPlan::BlockNetwork(uint32_t accessRouter) const
{
    return m_dumbbell ? CLIENT_SPACE : BlockNetworkAt(0, accessRouter);
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
    return UplinkAt(0, accessRouter);
}

TopologyAddressPlan::Link
TopologyAddressPlan::Bottleneck() const
{
    return LinkAt(BOTTLENECK_NET);
}

TopologyAddressPlan::Link
TopologyAddressPlan::Attacker() const
{
    return LinkAt(ATTACKER_NET);
}

TopologyAddressPlan::Link
TopologyAddressPlan::DnsHost() const
{
    return LinkAt(DNS_NET);
}

TopologyAddressPlan::Link
TopologyAddressPlan::ServerLink(uint32_t server) const
{
    return LinkAt(SERVER_SPACE + 4 * server);
}

} // namespace ns3
