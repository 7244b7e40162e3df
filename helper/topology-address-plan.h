/*
 * The IPv4 address and route plan of a topology, computed from a few numbers (no ns-3 objects), so
 * that set-up and per-packet cost stay linear in hosts and every router holds O(fan-out) routes.
 *
 *   clients  10.0.0.0/8      one /30 per access link; access router a owns one aligned block of
 *                            BlockSize() addresses, so its parent needs one route per access router
 *   uplinks  172.16.0.0/12   one /30 per router-to-parent link (tree only)
 *
 * A tree keeps every router's fan-out bounded: when there are more access routers than the fan-out,
 * they are grouped under aggregation routers (level 1), those under level 2 if needed, and so on;
 * the top level hangs from the core. A level-k router owns an aligned block made of its children's
 * blocks, so each router holds one route per child plus a default route towards the core. Routers
 * thus keep O(fan-out) interfaces and routes whatever the number of clients: ns-3's Ipv4L3Protocol
 * looks up a packet's incoming interface by a walk over all interfaces, so a core with one link per
 * access router would pay O(clients / fan-out) per packet.
 *   bottleneck 100.64.0.0/30 core <-> server router
 *   attacker 100.64.0.4/30   attacker host <-> core (TopologyBuilder::AddAttacker, SYN floods)
 *   dns      100.64.0.8/30   DNS host <-> core (TopologyBuilder::AddDnsHost)
 *   servers  192.168.0.0/16  one /30 per server link
 *   spoofed  198.18.0.0/15   sources of spoofed SYNs (RFC 2544's benchmarking block), routed to
 *                            the attacker's link so that replies to them end there
 */
#ifndef HANDSHAKE_TOPOLOGY_ADDRESS_PLAN_H
#define HANDSHAKE_TOPOLOGY_ADDRESS_PLAN_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

class TopologyAddressPlan
{
  public:
    /** A point-to-point /30: network, the address of the first end and of the second end. */
    struct Link
    {
        uint32_t network;
        uint32_t first;  //!< network + 1 (host, or access router on uplinks)
        uint32_t second; //!< network + 2 (the router side)
    };

    /**
     * \param clients number of clients
     * \param servers number of servers
     * \param fanout clients per access router; 0 means a dumbbell (all clients on the core router)
     */
    TopologyAddressPlan(uint32_t clients, uint32_t servers, uint32_t fanout);

    /** Empty if the plan fits its address blocks, else why not. */
    std::string Check() const;

    uint32_t Clients() const;
    uint32_t AccessRouters() const;           //!< 0 for a dumbbell
    /** Router levels below the core: 0 for a dumbbell, 1 for access routers only, ... */
    uint32_t Levels() const;
    /** Routers at \p level (0: access routers, 1: their aggregation routers, ...). */
    uint32_t RoutersAt(uint32_t level) const;
    /** The index at level + 1 of the parent of \p router at \p level (the top level's is the core). */
    uint32_t ParentOf(uint32_t router) const;
    /** Addresses in the block of a router at \p level (a power of two). */
    uint32_t BlockSizeAt(uint32_t level) const;
    uint8_t BlockPrefixLengthAt(uint32_t level) const;
    uint32_t BlockNetworkAt(uint32_t level, uint32_t router) const;
    /** first = the router at \p level, second = its parent (next level up, or the core). */
    Link UplinkAt(uint32_t level, uint32_t router) const;
    uint32_t AccessRouterOf(uint32_t client) const;
    /** Addresses in one access router's client block (a power of two). */
    uint32_t BlockSize() const;
    uint8_t BlockPrefixLength() const;
    uint32_t BlockNetwork(uint32_t accessRouter) const;

    Link ClientLink(uint32_t client) const;   //!< first = client, second = its router
    Link Uplink(uint32_t accessRouter) const; //!< first = access router, second = core
    Link Bottleneck() const;                  //!< first = core, second = server router
    Link Attacker() const;                    //!< first = attacker host, second = core
    Link DnsHost() const;                     //!< first = DNS host, second = core
    Link ServerLink(uint32_t server) const;   //!< first = server, second = server router

    static constexpr uint32_t CLIENT_SPACE = 0x0A000000;    //!< 10.0.0.0/8
    static constexpr uint32_t UPLINK_SPACE = 0xAC100000;    //!< 172.16.0.0/12
    static constexpr uint32_t BOTTLENECK_NET = 0x64400000;  //!< 100.64.0.0/30
    static constexpr uint32_t ATTACKER_NET = 0x64400004;    //!< 100.64.0.4/30
    static constexpr uint32_t DNS_NET = 0x64400008;         //!< 100.64.0.8/30
    static constexpr uint32_t SPOOFED_SPACE = 0xC6120000;   //!< 198.18.0.0/15
    static constexpr uint32_t SERVER_SPACE = 0xC0A80000;    //!< 192.168.0.0/16
    static constexpr uint8_t CLIENT_PREFIX = 8;
    static constexpr uint8_t SERVER_PREFIX = 16;
    static constexpr uint8_t SPOOFED_PREFIX = 15;

  private:
    static Link LinkAt(uint32_t network);
    void PlanLevels();

    uint32_t m_clients;
    uint32_t m_servers;
    uint32_t m_fanout; //!< effective: clients for a dumbbell
    bool m_dumbbell;
    uint32_t m_blockSize;
    std::vector<uint32_t> m_levelRouters;  //!< routers per level, access routers first
    std::vector<uint64_t> m_levelBlock;    //!< block size per level (0 if it overflows 32 bits)
    std::vector<uint32_t> m_levelFirstUplink; //!< index of each level's first uplink /30
};

} // namespace ns3

#endif // HANDSHAKE_TOPOLOGY_ADDRESS_PLAN_H
