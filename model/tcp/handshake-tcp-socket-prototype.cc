#include "handshake-tcp-socket-prototype.h"

#include "handshake-tcp-socket.h"

#include "ns3/object.h"
#include "ns3/type-id.h"

namespace ns3
{

namespace
{

struct Prototype
{
    Ptr<HandshakeTcpSocket> socket;
    std::vector<Ptr<const AttributeValue>> defaults; //!< held, so that none is freed and reused
};

/** Never destroyed: a static Object would be torn down after the ns-3 singletons it uses. */
Prototype&
TheOne()
{
    static Prototype* prototype = new Prototype;
    return *prototype;
}

} // namespace

std::vector<Ptr<const AttributeValue>>
HandshakeTcpSocketPrototype::Defaults()
{
    std::vector<Ptr<const AttributeValue>> values;
    for (TypeId tid = HandshakeTcpSocket::GetTypeId();; tid = tid.GetParent())
    {
        for (size_t i = 0; i < tid.GetAttributeN(); ++i)
        {
            values.push_back(tid.GetAttribute(i).initialValue);
        }
        if (tid.GetParent() == tid)
        {
            break;
        }
    }
    return values;
}

Ptr<HandshakeTcpSocket>
HandshakeTcpSocketPrototype::Create()
{
    Prototype& prototype = TheOne();
    std::vector<Ptr<const AttributeValue>> now = Defaults();
    if (!prototype.socket || now != prototype.defaults)
    {
        prototype.socket = CreateObject<HandshakeTcpSocket>();
        prototype.defaults = std::move(now);
    }
    // The copy constructor gives a listener's child its settings; the prototype has no node,
    // L4, callbacks or trace sinks, so its copy is a socket as constructed.
    return CopyObject<HandshakeTcpSocket>(prototype.socket);
}

} // namespace ns3
