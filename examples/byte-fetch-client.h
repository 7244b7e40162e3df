/*
 * A minimal client for handshake-sim until the HTTP apps land: opens a connection to the server,
 * reads until the server closes, closes its side, and repeats for the configured number of fetches.
 */
#ifndef HANDSHAKE_BYTE_FETCH_CLIENT_H
#define HANDSHAKE_BYTE_FETCH_CLIENT_H

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <optional>

namespace ns3
{

class ByteFetchClient : public Application
{
  public:
    static TypeId GetTypeId();

    /** Signature of the "Fetch" trace: bytes received, connect time, close time, success. */
    typedef void (*FetchTracedCallback)(uint64_t bytes, Time started, Time finished, bool ok);

    /** When the fetch under way started; nullopt when none is under way. */
    std::optional<Time> FetchUnderWay() const;
    uint64_t BytesSoFar() const;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void Connect();
    void HandleRead(Ptr<Socket> socket);
    void HandlePeerClose(Ptr<Socket> socket);
    void HandleFailure(Ptr<Socket> socket);
    void Finish(bool ok);

    Address m_remote;
    uint32_t m_fetches{1};
    uint32_t m_done{0};
    uint64_t m_bytes{0};
    Time m_started;
    Ptr<Socket> m_socket;
    TracedCallback<uint64_t, Time, Time, bool> m_fetchTrace;
};

} // namespace ns3

#endif // HANDSHAKE_BYTE_FETCH_CLIENT_H
