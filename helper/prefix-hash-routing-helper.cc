#include "prefix-hash-routing-helper.h"

namespace ns3
{

PrefixHashRoutingHelper*
PrefixHashRoutingHelper::Copy() const
{
    return new PrefixHashRoutingHelper(*this);
}

Ptr<Ipv4RoutingProtocol>
PrefixHashRoutingHelper::Create(Ptr<Node> /* node */) const
{
    return CreateObject<PrefixHashRouting>();
}

Ptr<PrefixHashRouting>
PrefixHashRoutingHelper::Get(Ptr<Node> node)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    return ipv4 ? DynamicCast<PrefixHashRouting>(ipv4->GetRoutingProtocol()) : nullptr;
}

} // namespace ns3
