/*
 * Orders Ptr<Socket> map keys by address and finds them by a plain const Socket*. A timer's event
 * can then name its connection by that pointer and the connection's id, instead of holding a
 * Ptr<Socket>: an event ns-3 cancels stays in the scheduler until its time, and one holding a
 * Ptr kept a closed socket, its TCP state and buffers alive for the whole timeout (60 s for a
 * response, issue [bench]).
 */
#ifndef HANDSHAKE_SOCKET_ORDER_H
#define HANDSHAKE_SOCKET_ORDER_H

#include "ns3/ptr.h"
#include "ns3/socket.h"

#include <functional>

namespace ns3
{

struct SocketOrder
{
    using is_transparent = void;

    static const Socket* Address(const Ptr<Socket>& socket) { return PeekPointer(socket); }
    static const Socket* Address(const Socket* socket) { return socket; }

    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const
    {
        return std::less<const Socket*>()(Address(a), Address(b));
    }
};

} // namespace ns3

#endif // HANDSHAKE_SOCKET_ORDER_H
