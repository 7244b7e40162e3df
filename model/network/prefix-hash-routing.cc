#include "prefix-hash-routing.h"

#include "ns3/ipv4-route.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/output-stream-wrapper.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PrefixHashRouting");
NS_OBJECT_ENSURE_REGISTERED(PrefixHashRouting);

namespace
{

uint32_t
MaskOf(uint8_t prefixLength)
{
    return prefixLength == 0 ? 0 : ~uint32_t(0) << (32 - prefixLength);
}

} // namespace

TypeId
PrefixHashRouting::GetTypeId()
{
    static TypeId tid = TypeId("ns3::PrefixHashRouting")
                            .SetParent<Ipv4RoutingProtocol>()
                            .SetGroupName("Handshake")
                            .AddConstructor<PrefixHashRouting>();
    return tid;
}

void
PrefixHashRouting::AddRoute(Ipv4Address network,
                            uint8_t prefixLength,
                            Ipv4Address gateway,
                            uint32_t interface)
{
    NS_ABORT_MSG_IF(prefixLength > 32, "prefix length " << unsigned(prefixLength) << " > 32");
    uint32_t key = network.Get() & MaskOf(prefixLength);
    TableOf(prefixLength).routes[key] = Entry{gateway, interface};
}

PrefixHashRouting::Table&
PrefixHashRouting::TableOf(uint8_t length)
{
    auto it = std::find_if(m_tables.begin(), m_tables.end(),
                           [length](const Table& table) { return table.length <= length; });
    if (it == m_tables.end() || it->length != length)
    {
        it = m_tables.insert(it, Table{length, {}});
    }
    return *it;
}

void
PrefixHashRouting::SetDefaultRoute(Ipv4Address gateway, uint32_t interface)
{
    AddRoute(Ipv4Address::GetZero(), 0, gateway, interface);
}

uint32_t
PrefixHashRouting::GetNRoutes() const
{
    uint32_t n = 0;
    for (const auto& table : m_tables)
    {
        n += static_cast<uint32_t>(table.routes.size());
    }
    return n;
}

const PrefixHashRouting::Entry*
PrefixHashRouting::Lookup(Ipv4Address destination) const
{
    for (const auto& [length, routes] : m_tables)
    {
        auto it = routes.find(destination.Get() & MaskOf(length));
        if (it != routes.end() && m_ipv4->IsUp(it->second.interface))
        {
            return &it->second;
        }
    }
    return nullptr;
}

PrefixHashRouting::Output&
PrefixHashRouting::OutputOf(uint32_t interface)
{
    if (m_outputs.size() <= interface)
    {
        m_outputs.resize(interface + 1);
    }
    Output& output = m_outputs[interface];
    if (!output.device)
    {
        output.device = m_ipv4->GetNetDevice(interface);
        output.source = m_ipv4->GetAddress(interface, 0).GetLocal();
    }
    return output;
}

Ptr<Ipv4Route>
PrefixHashRouting::MakeRoute(Ipv4Address destination, const Entry& entry)
{
    Output& output = OutputOf(entry.interface);
    if (!output.route || output.route->GetReferenceCount() != 1)
    {
        output.route = Create<Ipv4Route>(); // the last one is still held (by a socket, say)
    }
    Ipv4Route& route = *output.route;
    route.SetDestination(destination);
    route.SetGateway(entry.gateway);
    route.SetOutputDevice(output.device);
    route.SetSource(output.source);
    return output.route;
}

Ptr<Ipv4Route>
PrefixHashRouting::RouteOutput(Ptr<Packet> /* p */,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr)
{
    const Entry* entry = Lookup(header.GetDestination());
    if (!entry || (oif && m_ipv4->GetInterfaceForDevice(oif) != int32_t(entry->interface)))
    {
        NS_LOG_LOGIC("no route to " << header.GetDestination());
        sockerr = Socket::ERROR_NOROUTETOHOST;
        return nullptr;
    }
    sockerr = Socket::ERROR_NOTERROR;
    return MakeRoute(header.GetDestination(), *entry);
}

bool
PrefixHashRouting::RouteInput(Ptr<const Packet> p,
                              const Ipv4Header& header,
                              Ptr<const NetDevice> idev,
                              RouteInputParameter<3> ucb,
                              RouteInputParameter<4> /* mcb */,
                              RouteInputParameter<5> lcb,
                              RouteInputParameter<6> ecb)
{
    uint32_t iif = m_ipv4->GetInterfaceForDevice(idev);
    // With the strong end-system model (Ipv4L3Protocol::WeakEsModel false, as the topology builder
    // sets on routers) this checks only the incoming interface's addresses: O(1) per packet.
    if (m_ipv4->IsDestinationAddress(header.GetDestination(), iif))
    {
        if (lcb.IsNull())
        {
            return false;
        }
        lcb(p, header, iif);
        return true;
    }
    if (header.GetDestination().IsMulticast())
    {
        return false; // no multicast forwarding here
    }
    if (!m_ipv4->IsForwarding(iif))
    {
        ecb(p, header, Socket::ERROR_NOROUTETOHOST);
        return true;
    }
    const Entry* entry = Lookup(header.GetDestination());
    if (!entry)
    {
        return false; // Ipv4L3Protocol counts and traces the drop (no route)
    }
    ucb(MakeRoute(header.GetDestination(), *entry), p, header);
    return true;
}

void
PrefixHashRouting::AddConnectedRoutes(uint32_t interface)
{
    for (uint32_t j = 0; j < m_ipv4->GetNAddresses(interface); ++j)
    {
        Ipv4InterfaceAddress address = m_ipv4->GetAddress(interface, j);
        if (address.GetLocal() == Ipv4Address::GetLoopback() || address.GetMask() == Ipv4Mask::GetOnes())
        {
            continue;
        }
        AddRoute(address.GetLocal().CombineMask(address.GetMask()),
                 static_cast<uint8_t>(address.GetMask().GetPrefixLength()),
                 Ipv4Address::GetZero(),
                 interface);
    }
}

void
PrefixHashRouting::ForgetOutput(uint32_t interface)
{
    if (interface < m_outputs.size())
    {
        m_outputs[interface].device = nullptr; // its first address may have changed
    }
}

void
PrefixHashRouting::NotifyInterfaceUp(uint32_t interface)
{
    AddConnectedRoutes(interface);
}

void
PrefixHashRouting::NotifyInterfaceDown(uint32_t interface)
{
    // Lookup skips routes on interfaces that are down, so a link that comes back up needs no
    // re-planning; only the connected routes are re-added on the way up.
    NS_LOG_INFO("interface " << interface << " down");
}

void
PrefixHashRouting::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress /* address */)
{
    ForgetOutput(interface);
    if (m_ipv4->IsUp(interface))
    {
        AddConnectedRoutes(interface);
    }
}

void
PrefixHashRouting::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    ForgetOutput(interface);
    auto length = static_cast<uint8_t>(address.GetMask().GetPrefixLength());
    auto table = std::find_if(m_tables.begin(), m_tables.end(),
                              [length](const Table& t) { return t.length == length; });
    if (table == m_tables.end())
    {
        return;
    }
    auto it = table->routes.find(address.GetLocal().CombineMask(address.GetMask()).Get());
    if (it != table->routes.end() && it->second.interface == interface)
    {
        table->routes.erase(it);
    }
}

void
PrefixHashRouting::SetIpv4(Ptr<Ipv4> ipv4)
{
    m_ipv4 = ipv4;
    m_outputs.clear();
    for (uint32_t i = 0; i < m_ipv4->GetNInterfaces(); ++i)
    {
        if (m_ipv4->IsUp(i))
        {
            AddConnectedRoutes(i);
        }
    }
}

void
PrefixHashRouting::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit /* unit */) const
{
    std::ostream& os = *stream->GetStream();
    os << "PrefixHashRouting, " << GetNRoutes() << " routes\nDestination        Gateway          Iface\n";
    for (const auto& [length, routes] : m_tables)
    {
        for (const auto& [network, entry] : routes)
        {
            std::ostringstream destination;
            destination << Ipv4Address(network) << "/" << unsigned(length);
            os << std::left << std::setw(19) << destination.str() << std::setw(17) << entry.gateway
               << entry.interface << "\n";
        }
    }
}

void
PrefixHashRouting::DoDispose()
{
    m_ipv4 = nullptr;
    m_tables.clear();
    m_outputs.clear();
    Ipv4RoutingProtocol::DoDispose();
}

} // namespace ns3
