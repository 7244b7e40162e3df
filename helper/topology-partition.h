/*
 * Which rank (ns-3 system id) each node of a TopologyBuilder topology runs on when one simulation is
 * spread over MPI processes (doc/mpi.rst). The unit of the partition is a child of the core with
 * everything below it: a top-level router of a tree with its routers, clients and their access links,
 * or one client of a dumbbell. Units go to ranks 1..R-1 in contiguous blocks of (nearly) equal size;
 * rank 0 holds the core, the bottleneck, the server router and the servers (and the DNS host and the
 * attacker), which see every connection and so carry a share of the work as large as all clients'
 * together. Every link between ranks is then a point-to-point uplink of a unit to the core (or a
 * dumbbell's access link), as ns-3's PointToPointRemoteChannel requires.
 *
 * Plain arithmetic on a TopologyAddressPlan: no MPI, testable anywhere.
 */
#ifndef HANDSHAKE_TOPOLOGY_PARTITION_H
#define HANDSHAKE_TOPOLOGY_PARTITION_H

#include "ns3/topology-address-plan.h"

#include <cstdint>

namespace ns3
{

class TopologyPartition
{
  public:
    /** The rank of the core, the servers and every host attached to the core's side. */
    static constexpr uint32_t CORE_RANK = 0;

    /** \p ranks >= 1; with 1 every node is on rank 0. */
    TopologyPartition(const TopologyAddressPlan& plan, uint32_t ranks);

    uint32_t Ranks() const;
    /** Children of the core: the units that are placed whole on one rank. */
    uint32_t Units() const;
    uint32_t RankOfClient(uint32_t client) const;
    /** The rank of router \p router at tree level \p level (0: access routers). */
    uint32_t RankOfRouter(uint32_t level, uint32_t router) const;
    /** The rank of unit \p unit (a top-level router of a tree, a client of a dumbbell). */
    uint32_t RankOfUnit(uint32_t unit) const;

  private:
    const TopologyAddressPlan& m_plan;
    uint32_t m_ranks;
    uint32_t m_units;
};

} // namespace ns3

#endif // HANDSHAKE_TOPOLOGY_PARTITION_H
