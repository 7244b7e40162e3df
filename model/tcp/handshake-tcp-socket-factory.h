/*
 * The socket factory aggregated to a node by HandshakeTcpL4Protocol. It derives from
 * ns3::TcpSocketFactory, so an application asking for TcpSocketFactory::GetTypeId() on a node with
 * our TCP (BulkSend, PacketSink, our HTTP apps) gets a HandshakeTcpSocket.
 */
#ifndef HANDSHAKE_TCP_SOCKET_FACTORY_H
#define HANDSHAKE_TCP_SOCKET_FACTORY_H

#include "ns3/ptr.h"
#include "ns3/tcp-socket-factory.h"

namespace ns3
{

class HandshakeTcpL4Protocol;
class Socket;

class HandshakeTcpSocketFactory : public TcpSocketFactory
{
  public:
    static TypeId GetTypeId();

    void SetTcp(Ptr<HandshakeTcpL4Protocol> tcp);
    Ptr<Socket> CreateSocket() override;

  protected:
    void DoDispose() override;

  private:
    Ptr<HandshakeTcpL4Protocol> m_tcp;
};

} // namespace ns3

#endif // HANDSHAKE_TCP_SOCKET_FACTORY_H
