/*
 * What the servers' TCP holds while a run goes on (issue [hardening], SYN flood): connections in
 * SYN_RCVD ("half-open", the SYN queue) and connections of any state, their peaks, the SYNs
 * received and the SYNs the TCP dropped. A server whose TCP bounds its SYN queue keeps its
 * half-open count at or below the bound whatever the flood; one that does not grows with it.
 *
 * - Our TCP: HandshakeTcpL4Protocol's node-wide traces (StateTransition: into and out of SYN_RCVD;
 *   ConnectionCreated and Outcome: a connection exists from one to the other) and its drop
 * counters.
 * - Stock ns-3 TCP has no node-wide trace: a listener's children copy its "Tx" trace
 * (TcpSocketBase's copy constructor copies m_txTrace, not the State trace), so the monitor connects
 * "Tx" on the listeners when the first SYN reaches the server, and on a child's first SYN-ACK
 * connects that child's own "State" trace. Counted from then: the child in SYN_RCVD until it leaves
 * it, and a connection until it is CLOSED. A listener opened after the first SYN is not seen.
 * - SYNs received: the server's Ipv4L3Protocol LocalDeliver trace (SYN without ACK), either TCP.
 *
 * Peaks are taken after each event that raised a count, so that a connection passing through
 * SYN_RCVD within one event (one opened by a returned SYN cookie) is not counted as half-open.
 * Every update is O(1): no walk over connections, whatever their number.
 */
#ifndef HANDSHAKE_SERVER_LOAD_MONITOR_H
#define HANDSHAKE_SERVER_LOAD_MONITOR_H

#include "ns3/ipv4-header.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/run-records.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-socket-base.h"

#include <cstdint>
#include <unordered_set>
#include <vector>

namespace ns3
{

class ServerLoadMonitor
{
  public:
    ServerLoadMonitor() = default;
    ServerLoadMonitor(const ServerLoadMonitor&) = delete;
    ServerLoadMonitor& operator=(const ServerLoadMonitor&) = delete;

    /** Watches \p servers (their index in the container is their id). Call before Simulator::Run.
     */
    void Install(NodeContainer servers);

    /** Records server \p server's half-open and connection counts every \p interval from now on. */
    void SampleEvery(uint32_t server, Time interval);

    /** One row per server; call before Simulator::Destroy (it reads the TCPs' counters). */
    std::vector<ServerRecord> Records() const;
    const std::vector<ServerLoadSample>& Samples() const;

    uint32_t HalfOpen(uint32_t server) const;
    uint32_t Connections(uint32_t server) const;

  private:
    struct Server
    {
        Ptr<Node> node;
        /** Connections in SYN_RCVD: our TCP's connection ids, or stock TCP's child sockets. */
        std::unordered_set<uint64_t> halfOpen;
        std::unordered_set<const TcpSocketBase*> stockHalfOpen;
        /** Stock TCP: the children seen (first SYN-ACK) and not CLOSED yet. */
        std::unordered_set<const TcpSocketBase*> stockChildren;
        uint32_t connections{0}; //!< our TCP: created and not ended yet
        uint32_t peakHalfOpen{0};
        uint32_t peakConnections{0};
        uint64_t synsReceived{0};
        bool stockHooked{false};
        bool peakCheckPending{false};

        uint32_t HalfOpen() const;
        uint32_t Connections() const;
    };

    void HookOurTcp(uint32_t server);
    void OurStateChanged(uint32_t server, uint64_t id, bool fromSynRcvd, bool toSynRcvd);
    void Delivered(uint32_t server, const Ipv4Header& header, Ptr<const Packet> packet);
    /** Connects "Tx" on the stock TCP listeners of \p server (their children inherit it). */
    void HookStockListeners(uint32_t server);
    void StockSent(uint32_t server, const TcpHeader& header, Ptr<const TcpSocketBase> socket);
    void StockStateChanged(uint32_t server,
                           const TcpSocketBase* socket,
                           TcpSocket::TcpStates_t from,
                           TcpSocket::TcpStates_t to);
    void Sample(uint32_t server, Time interval);
    /**
     * Counts went up: the peaks are taken once the current event is over. A connection that a
     * returned SYN cookie opens passes through SYN_RCVD within one event (CLOSED -> SYN_RCVD ->
     * ESTABLISHED) and never occupies the SYN queue: it must not count as half-open.
     */
    void Grew(uint32_t server);
    void UpdatePeaks(uint32_t server);

    std::vector<Server> m_servers;
    std::vector<ServerLoadSample> m_samples;
};

} // namespace ns3

#endif // HANDSHAKE_SERVER_LOAD_MONITOR_H
