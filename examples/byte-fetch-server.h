/*
 * A minimal server for handshake-sim until the HTTP apps land: on each accepted connection it sends
 * a number of bytes drawn from a random variable, then closes, so every connection shows a
 * handshake, a transfer and a teardown.
 */
#ifndef HANDSHAKE_BYTE_FETCH_SERVER_H
#define HANDSHAKE_BYTE_FETCH_SERVER_H

#include "ns3/application.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"

#include <map>

namespace ns3
{

class ByteFetchServer : public Application
{
  public:
    static TypeId GetTypeId();

  private:
    void StartApplication() override;
    void StopApplication() override;
    void HandleAccept(Ptr<Socket> socket, const Address& from);
    void SendMore(Ptr<Socket> socket, uint32_t txAvailable);
    void Forget(Ptr<Socket> socket);

    uint16_t m_port{80};
    Ptr<RandomVariableStream> m_size;
    Ptr<Socket> m_listener;
    std::map<Ptr<Socket>, uint64_t> m_remaining; //!< bytes still to send per accepted socket
};

} // namespace ns3

#endif // HANDSHAKE_BYTE_FETCH_SERVER_H
