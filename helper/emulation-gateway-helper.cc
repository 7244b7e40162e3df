#include "emulation-gateway-helper.h"

#include "ns3/abort.h"
#include "ns3/fd-net-device-helper.h"
#include "ns3/ipv4.h"
#include "ns3/prefix-hash-routing-helper.h"

#include <sstream>

namespace ns3
{

Ptr<FdNetDevice>
EmulationGatewayHelper::Install(Ptr<Node> node,
                                int fd,
                                const Ipv4InterfaceAddress& address,
                                Mac48Address mac,
                                uint16_t mtu)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_UNLESS(ipv4,
                        "EmulationGatewayHelper: node " << node->GetId() << " has no IPv4 stack");
    Ptr<FdNetDevice> device = CreateObject<FdNetDevice>();
    device->SetAddress(mac); // the default, ff:ff:ff:ff:ff:ff, would make every frame a broadcast
    device->SetEncapsulationMode(FdNetDevice::DIX);
    device->SetMtu(mtu);
    device->SetFileDescriptor(fd);
    node->AddDevice(device);
    // By hand rather than with Ipv4AddressHelper, as TopologyBuilder does: no queue disc, which
    // FdNetDevice (no transmit queue of its own, writes at once) has no use for.
    int32_t interface = ipv4->AddInterface(device);
    ipv4->AddAddress(interface, address);
    ipv4->SetMetric(interface, 1);
    ipv4->SetUp(interface);
    return device;
}

std::string
EmulationGatewayHelper::AddRoute(Ptr<Node> router,
                                 Ipv4Address network,
                                 uint8_t prefixLength,
                                 Ipv4Address nextHop)
{
    Ptr<PrefixHashRouting> routing = PrefixHashRoutingHelper::Get(router);
    Ptr<Ipv4> ipv4 = router->GetObject<Ipv4>();
    if (!routing || !ipv4)
    {
        return "node " + std::to_string(router->GetId()) + " does not route with PrefixHashRouting";
    }
    for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
    {
        for (uint32_t j = 0; j < ipv4->GetNAddresses(i); ++j)
        {
            Ipv4InterfaceAddress a = ipv4->GetAddress(i, j);
            if (a.GetLocal() != Ipv4Address::GetLoopback() &&
                a.GetMask().IsMatch(a.GetLocal(), nextHop))
            {
                routing->AddRoute(network, prefixLength, nextHop, i);
                return "";
            }
        }
    }
    std::ostringstream error;
    error << "node " << router->GetId() << " has no interface on the subnet of " << nextHop;
    return error.str();
}

void
EmulationGatewayHelper::EnablePcap(const std::string& path, Ptr<FdNetDevice> device)
{
    FdNetDeviceHelper helper;
    helper.EnablePcap(path, device, true, true);
}

} // namespace ns3
