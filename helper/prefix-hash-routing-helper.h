/* Installs PrefixHashRouting as a node's only IPv4 routing protocol (InternetStackHelper::SetRoutingHelper). */
#ifndef HANDSHAKE_PREFIX_HASH_ROUTING_HELPER_H
#define HANDSHAKE_PREFIX_HASH_ROUTING_HELPER_H

#include "ns3/prefix-hash-routing.h"

#include "ns3/ipv4-routing-helper.h"
#include "ns3/node.h"

namespace ns3
{

class PrefixHashRoutingHelper : public Ipv4RoutingHelper
{
  public:
    PrefixHashRoutingHelper* Copy() const override;
    Ptr<Ipv4RoutingProtocol> Create(Ptr<Node> node) const override;

    /** The PrefixHashRouting of \p node (null if it has another routing protocol). */
    static Ptr<PrefixHashRouting> Get(Ptr<Node> node);
};

} // namespace ns3

#endif // HANDSHAKE_PREFIX_HASH_ROUTING_HELPER_H
