/*
 * New HandshakeTcpSockets as copies of one socket built with the current attribute defaults
 * (issue [bench]). ns-3's construction sets every attribute from its TypeId's initial value, one
 * by one: about 250,000 instructions for this socket's 60 attributes, once per connection a client
 * opens. A copy of a socket constructed the same way is the same socket, for as long as no default
 * changed; Config::SetDefault replaces an initial value's object, so the prototype is built again
 * whenever one of the initial values is not the object it was built from.
 */
#ifndef HANDSHAKE_TCP_SOCKET_PROTOTYPE_H
#define HANDSHAKE_TCP_SOCKET_PROTOTYPE_H

#include "ns3/attribute.h"
#include "ns3/ptr.h"

#include <vector>

namespace ns3
{

class HandshakeTcpSocket;

class HandshakeTcpSocketPrototype
{
  public:
    /** A socket as CreateObject<HandshakeTcpSocket>() makes it now, with no node or L4 yet. */
    static Ptr<HandshakeTcpSocket> Create();

  private:
    /** Every attribute's initial value along the socket's TypeId and its parents. */
    static std::vector<Ptr<const AttributeValue>> Defaults();
};

} // namespace ns3

#endif // HANDSHAKE_TCP_SOCKET_PROTOTYPE_H
