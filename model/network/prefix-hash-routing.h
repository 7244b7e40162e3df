/*
 * Static IPv4 routing whose lookup does not walk the route list: longest-prefix match by one hash
 * lookup per prefix length in use (a handful in any planned topology), so a router with thousands of
 * links or routes pays the same per packet as one with two. ns-3's Ipv4StaticRouting walks every
 * route per packet (shared/DESIGN.md, "Scale"); the topology builder installs this instead.
 */
#ifndef HANDSHAKE_PREFIX_HASH_ROUTING_H
#define HANDSHAKE_PREFIX_HASH_ROUTING_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"

#include <cstdint>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace ns3
{

namespace prefix_hash_routing_detail
{
template <typename>
struct Parameters;
template <typename R, typename C, typename... A>
struct Parameters<R (C::*)(A...)>
{
    template <size_t I>
    using At = std::tuple_element_t<I, std::tuple<A...>>;
};
} // namespace prefix_hash_routing_detail

/** RouteInput's I-th parameter type as this ns-3 declares it: its callbacks are taken by value in
 *  ns-3 3.37 and by const reference in later ns-3 (README, "Supported ns-3"). */
template <size_t I>
using RouteInputParameter =
    typename prefix_hash_routing_detail::Parameters<decltype(&Ipv4RoutingProtocol::RouteInput)>::template At<I>;

class PrefixHashRouting : public Ipv4RoutingProtocol
{
  public:
    static TypeId GetTypeId();

    /** Routes \p network/\p prefixLength via \p gateway (0.0.0.0: directly attached) on \p interface. */
    void AddRoute(Ipv4Address network, uint8_t prefixLength, Ipv4Address gateway, uint32_t interface);
    void SetDefaultRoute(Ipv4Address gateway, uint32_t interface);
    /** Number of routes, connected ones included. */
    uint32_t GetNRoutes() const;

    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    RouteInputParameter<3> ucb,
                    RouteInputParameter<4> mcb,
                    RouteInputParameter<5> lcb,
                    RouteInputParameter<6> ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit = Time::S) const override;

  protected:
    void DoDispose() override;

  private:
    struct Entry
    {
        Ipv4Address gateway;
        uint32_t interface;
    };
    /** The routes of one prefix length: network address (host order) -> entry. */
    struct Table
    {
        uint8_t length;
        std::unordered_map<uint32_t, Entry> routes;
    };

    /** What a route out of one interface carries besides its destination and gateway. */
    struct Output
    {
        Ptr<NetDevice> device; //!< null until first used, and again after an address change
        Ipv4Address source;    //!< the interface's first address
        /** The route last handed out through this interface, filled in again for the next packet
         *  when nobody holds it any more: no allocation per packet and hop (issue [bench]). */
        Ptr<Ipv4Route> route;
    };

    /** The longest-prefix match for \p destination, or null. */
    const Entry* Lookup(Ipv4Address destination) const;
    Ptr<Ipv4Route> MakeRoute(Ipv4Address destination, const Entry& entry);
    /** \p interface's Output, read from IPv4 when not known yet. */
    Output& OutputOf(uint32_t interface);
    /** Drops \p interface's Output, read again on next use (an address came or went). */
    void ForgetOutput(uint32_t interface);
    void AddConnectedRoutes(uint32_t interface);
    /** The table of \p length, made in its place (longest first) if there is none. */
    Table& TableOf(uint8_t length);

    Ptr<Ipv4> m_ipv4;
    /** A table per prefix length that has had routes, longest first: the order of lookups. Only
     *  those, not one per length: 33 empty hash maps took 1.8 kB per node (issue [bench]). */
    std::vector<Table> m_tables;
    /** By interface index. */
    std::vector<Output> m_outputs;
};

} // namespace ns3

#endif // HANDSHAKE_PREFIX_HASH_ROUTING_H
