/*
 * The IPv4 address and route plan of a topology, computed from a few numbers (no ns-3 objects), so
 * that set-up and per-packet cost stay linear in hosts and every router holds O(fan-out) routes.
 *
 *   clients  10.0.0.0/8      one /30 per access link; access router a owns one aligned block of
 *                            BlockSize() addresses, so the core needs one route per access router
 *   uplinks  172.16.0.0/12   one /30 per access-router-to-core link (tree only)
 *   bottleneck 100.64.0.0/30 core <-> server router
 *   servers  192.168.0.0/16  one /30 per server link
 */
#ifndef HANDSHAKE_TOPOLOGY_ADDRESS_PLAN_H
#define HANDSHAKE_TOPOLOGY_ADDRESS_PLAN_H

#include <cstdint>
#include <string>

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

    uint32_t AccessRouters() const;           //!< 0 for a dumbbell
    uint32_t AccessRouterOf(uint32_t client) const;
    /** Addresses in one access router's client block (a power of two). */
    uint32_t BlockSize() const;
    uint8_t BlockPrefixLength() const;
    uint32_t BlockNetwork(uint32_t accessRouter) const;

    Link ClientLink(uint32_t client) const;   //!< first = client, second = its router
    Link Uplink(uint32_t accessRouter) const; //!< first = access router, second = core
    Link Bottleneck() const;                  //!< first = core, second = server router
    Link ServerLink(uint32_t server) const;   //!< first = server, second = server router

    static constexpr uint32_t CLIENT_SPACE = 0x0A000000;    //!< 10.0.0.0/8
    static constexpr uint32_t UPLINK_SPACE = 0xAC100000;    //!< 172.16.0.0/12
    static constexpr uint32_t BOTTLENECK_NET = 0x64400000;  //!< 100.64.0.0/30
    static constexpr uint32_t SERVER_SPACE = 0xC0A80000;    //!< 192.168.0.0/16
    static constexpr uint8_t CLIENT_PREFIX = 8;
    static constexpr uint8_t SERVER_PREFIX = 16;

  private:
    static Link LinkAt(uint32_t network);

    uint32_t m_clients;
    uint32_t m_servers;
    uint32_t m_fanout; //!< effective: clients for a dumbbell
    bool m_dumbbell;
    uint32_t m_blockSize;
};

} // namespace ns3

#endif // HANDSHAKE_TOPOLOGY_ADDRESS_PLAN_H
