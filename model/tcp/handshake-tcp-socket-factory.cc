#include "handshake-tcp-socket-factory.h"

#include "handshake-tcp-l4-protocol.h"

#include "ns3/socket.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(HandshakeTcpSocketFactory);

TypeId
HandshakeTcpSocketFactory::GetTypeId()
{
    static TypeId tid = TypeId("ns3::HandshakeTcpSocketFactory")
                            .SetParent<TcpSocketFactory>()
                            .SetGroupName("Handshake")
                            .AddConstructor<HandshakeTcpSocketFactory>();
    return tid;
}

void
HandshakeTcpSocketFactory::SetTcp(Ptr<HandshakeTcpL4Protocol> tcp)
{
    m_tcp = tcp;
}

Ptr<Socket>
HandshakeTcpSocketFactory::CreateSocket()
{
    return m_tcp->CreateSocket();
}

void
HandshakeTcpSocketFactory::DoDispose()
{
    m_tcp = nullptr;
    TcpSocketFactory::DoDispose();
}

} // namespace ns3
