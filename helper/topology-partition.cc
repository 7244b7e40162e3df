#include "topology-partition.h"

namespace ns3
{

TopologyPartition::TopologyPartition(const TopologyAddressPlan& plan, uint32_t ranks)
    : m_plan(plan),
      m_ranks(ranks < 1 ? 1 : ranks),
      m_units(plan.Levels() == 0 ? plan.Clients() : plan.RoutersAt(plan.Levels() - 1))
{
}

uint32_t
TopologyPartition::Ranks() const
{
    return m_ranks;
}

uint32_t
TopologyPartition::Units() const
{
    return m_units;
}

uint32_t
TopologyPartition::RankOfUnit(uint32_t unit) const
{
    if (m_ranks == 1 || m_units == 0)
    {
        return CORE_RANK;
    }
    // Contiguous blocks over ranks 1..R-1: unit u goes to 1 + floor(u (R-1) / U), so block sizes
    // differ by one at most and neighbouring clients (neighbouring addresses) share a rank.
    return 1 + static_cast<uint32_t>(uint64_t(unit) * (m_ranks - 1) / m_units);
}

uint32_t
TopologyPartition::RankOfRouter(uint32_t level, uint32_t router) const
{
    for (uint32_t l = level; l + 1 < m_plan.Levels(); ++l)
    {
        router = m_plan.ParentOf(router);
    }
    return RankOfUnit(router);
}

uint32_t
TopologyPartition::RankOfClient(uint32_t client) const
{
    if (m_plan.Levels() == 0)
    {
        return RankOfUnit(client); // a dumbbell: each client is a child of the core
    }
    return RankOfRouter(0, m_plan.AccessRouterOf(client));
}

} // namespace ns3
