/*
 * One ConnectionRecord per TCP connection a client opens, built from the segments its node sends and
 * receives (Ipv4L3Protocol "SendOutgoing" and "LocalDeliver" traces): SYN sent, established, FIN sent
 * and received, TIME_WAIT entered, closed, final state, retransmissions and outcome, as the client's
 * side of RFC 9293's state diagram sees them. Being on the wire, it records ns-3's stock TCP and
 * handshake's own TCP alike, so the two can be compared row for row.
 *
 * Where the clients run handshake's own TCP (HandshakeTcpL4Protocol), the recorder also listens to
 * its node-wide trace sources (ConnectionCreated, StateTransition, Outcome): the state and outcome
 * then come from the TCP itself, including what the wire cannot show, such as the end of TIME_WAIT
 * (the `closed` time) or an abort. Where they run ns-3's stock TCP, it finds the socket of each
 * connection when its first SYN leaves (the node's TcpL4Protocol "SocketList", by local port) and
 * listens to that socket's "State" trace: the state then comes from the TCP too, and Settle()
 * notices a connection the stock TCP dropped without a segment or a state change.
 *
 * The servers' side of each connection comes from their TCP's traces likewise (our TCP's node-wide
 * StateTransition; stock TCP's forked sockets, found by their first SYN-ACK through the listeners'
 * "Tx" trace that the children inherit): the server's TIME_WAIT and CLOSED times, and its FIN from
 * the segments its host sends.
 *
 * Spread over MPI ranks (doc/mpi.rst), a server's rank does not see the client's SYN leave: a SYN
 * from a client's address that reaches a server with no record of its connection opens the
 * connection's server side only (RankConnections), which rank 0's merge joins to the client's record
 * from the client's rank. On one process the client's record always comes first.
 *
 * Per packet: one read of the header's fixed part (TcpWireHeader) and one hash lookup. Optionally, for the connections of chosen clients
 * (the capture policy's sample), one SegmentRecord per segment and one StateRecord per state either
 * side entered. A segment's states are the client TCP's own where its trace reaches the connection
 * (state_source "tcp"); else they are inferred from the segments and marked "wire". With the TCP's
 * states, a segment's "before" is the client's state when it left or arrived, or, for the first
 * segment of a simulated instant, at the start of that instant (an application's connect or close
 * just before it: CLOSED -> SYN_SENT, ESTABLISHED -> FIN_WAIT_1); its "after" is the state once the
 * instant's events up to the connection's next segment are done (the TCP handles a received segment
 * after IPv4's trace shows it, and stock TCP changes state after it sends a SYN or FIN).
 */
#ifndef HANDSHAKE_CONNECTION_RECORDER_H
#define HANDSHAKE_CONNECTION_RECORDER_H

#include "ns3/rank-records.h"
#include "ns3/run-records.h"
#include "ns3/tcp-actions.h"
#include "ns3/tcp-state.h"
#include "ns3/tcp-wire-header.h"

#include "ns3/address.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-socket-base.h"

#include <cstdint>
#include <functional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ns3
{

class ConnectionRecorder
{
  public:
    /** Records the connections opened by \p clients; \p sampled clients also get SegmentRecords. */
    void Install(const NodeContainer& clients, const std::vector<uint32_t>& sampled = {});
    /** Counts the servers' retransmissions of the clients' connections, as their hosts sent them
     *  (their segments to a client may be lost before the client's capture sees them). */
    void InstallServers(const NodeContainer& servers);

    /**
     * The records, in order of first SYN. Connections that have not ended get the outcome
     * "unfinished"; call after Simulator::Run.
     */
    std::vector<ConnectionRecord> Records() const;
    /** Records(), moved out instead of copied (the recorder keeps its keys, so FindId still
     *  answers): at 100,000 clients the copy was part of the run's peak memory (issue [bench]). */
    std::vector<ConnectionRecord> TakeRecords();
    /** Every connection, the server sides of clients on other MPI ranks included, with what
     *  RankRecordsMerge needs to join the two sides; call after Simulator::Run. */
    std::vector<RankConnection> RankConnections() const;
    const std::vector<SegmentRecord>& Segments() const;
    /** Each state the sampled connections' sides entered, in order. */
    const std::vector<StateRecord>& States() const;
    /** Segments() and States() handed over, without a copy (after the run, once: the recorder
     *  keeps none of them). */
    std::vector<SegmentRecord> TakeSegments();
    std::vector<StateRecord> TakeStates();
    /** Testing: ignore the clients' TCP traces, as if only the wire could be seen (state_source
     *  "wire"). Call before Install. */
    void UseWireOnly();
    /** Connections whose client side is in TIME_WAIT now. */
    uint32_t TimeWaitCount() const;
    /** The id of the latest connection from \p client port \p port; 0 if there is none. */
    uint64_t FindId(Ipv4Address client, uint16_t port) const;
    /** Connections the clients have started so far. */
    uint64_t Started() const;
    /** Connections that have ended (closed, reset, refused, timed out where the TCP traces it, or
     *  whose client reached TIME_WAIT). */
    uint64_t Ended() const;
    /** Connections whose client side is CLOSED by its TCP's own trace (TIME_WAIT over included). */
    uint64_t TcpClosed() const;
    /** True when the clients' TCP traces its states (handshake's TCP), so TcpClosed() counts. */
    bool TcpTraced() const;

    /**
     * Ends the connections whose stock ns-3 TCP has let them go silently: when its retries run out
     * (TcpSocketBase::ReTxTimeout, LastAckTimeout) it frees the socket's endpoint and tells only the
     * application, its State staying where it was (LAST_ACK, say). Such a connection is recorded
     * CLOSED by its TCP with the outcome "timeout" and no closed time (the moment is not traced).
     * Call before counting Ended(); O(connections).
     */
    void Settle();

  private:
    using State = handshake::TcpState;

    struct Key
    {
        uint32_t client;
        uint32_t server;
        uint16_t clientPort;
        uint16_t serverPort;
        bool operator==(const Key& other) const;
    };
    struct KeyHash
    {
        size_t operator()(const Key& key) const;
    };
    struct Connection
    {
        ConnectionRecord record;
        State state{State::CLOSED}; //!< the client's side, as far as its segments show
        uint32_t iss{0};
        uint32_t highestSent{0};   //!< one past the highest sequence number sent
        uint32_t serverHighestSent{0}; //!< the same for the server's segments
        bool serverSent{false};
        uint32_t finSeq{0};        //!< sequence number of our FIN
        bool finSent{false};
        bool finAcked{false};
        bool peerFin{false};
        bool ended{false};
        bool handshakeAcked{false}; //!< the client sent anything but a RST after the SYN-ACK
        bool sampled{false};
        bool tcpTraced{false}; //!< the TCP's own state trace reached this connection
        bool tcpHooked{false}; //!< the client TCP's state trace is connected to this connection
        State tcpState{State::CLOSED};
        State tcpLastState{State::CLOSED}; //!< the state before the latest transition
        const char* tcpOutcome{nullptr};
        Ptr<TcpSocketBase> stockSocket; //!< the stock TCP's socket, until the connection ended
        // Which segment row a client state change of the TCP belongs to (the class comment).
        int64_t lastRow{-1};          //!< index in m_segments of its latest segment, -1 none
        double lastRowTime{-1};
        double instantTime{-1};       //!< the instant of the latest TCP state change
        State instantStart{State::CLOSED}; //!< the state at the start of that instant
        bool serverHooked{false}; //!< the server TCP's state trace reached this connection
        bool serverSideOnly{false}; //!< its client runs on another MPI rank (the class comment)
        State serverState{State::LISTEN};
    };
    /** A TCP connection id of a node, bound to a client's connection once its record exists. */
    struct TcpBinding
    {
        Key key;
        bool server{false};
        int64_t index{-1}; //!< in m_connections, -1 until bound
        std::vector<std::pair<State, State>> early; //!< client transitions before its first SYN left
    };

    void Sent(uint32_t node, const Ipv4Header& header, Ptr<const Packet> packet, uint32_t interface);
    void ServerSent(const Ipv4Header& header, Ptr<const Packet> packet);
    void Received(uint32_t node, const Ipv4Header& header, Ptr<const Packet> packet, uint32_t interface);
    /** A new connection of \p key whose client's SYN carries \p iss, found by its key and its
     *  client end from now on. */
    Connection& Add(const Key& key, uint32_t iss, uint32_t clientNode);
    Connection* Open(const Key& key, const TcpWireHeader& syn, uint32_t node);
    /** A server got the SYN of a client on another MPI rank: its side of the connection only. */
    void OpenServerSide(const Key& key, uint32_t iss, uint32_t clientNode);
    /** The record of \p c as the run ended (final state, outcome). */
    /** \p record (\p c's, copied or moved) with its outcome and final states filled in. */
    ConnectionRecord Finished(ConnectionRecord record, const Connection& c) const;
    void OnSent(Connection& c, const TcpWireHeader& tcp, uint32_t length);
    void OnReceived(Connection& c, const TcpWireHeader& tcp);
    void Enter(Connection& c, State state, const char* outcome = nullptr);
    void Segment(Connection& c, bool fromClient, const TcpWireHeader& tcp, uint32_t length, State before);
    void InstallTcpTraces(Ptr<Node> node);
    void InstallServerTcpTraces(Ptr<Node> node);
    void TcpCreated(uint32_t node, uint64_t id, const Address& local, const Address& remote, bool server);
    Connection* TcpConnection(uint32_t node, uint64_t id);
    void TcpState(uint32_t node, uint64_t id, State from, State to);
    /** A state transition as the client's TCP traced it (ours or stock). */
    void ApplyTcpState(Connection& c, State from, State to);
    /** A state transition as the server's TCP traced it. */
    void ApplyServerState(Connection& c, State from, State to);
    void AddState(const Connection& c, bool server, State from, State to, bool fromTcp);
    /** Stock TCP servers: on the first SYN a server gets, listen to its listeners' "Tx". */
    void ServerReceived(uint32_t node, const Ipv4Header& header, Ptr<const Packet> packet);
    void StockServerSent(const TcpHeader& header, Ptr<const TcpSocketBase> socket);
    /** Listens to the State trace of the stock TCP socket bound to \p port on \p node. */
    void HookStockSocket(size_t index, uint32_t node, uint16_t port);
    /** Counts \p c as ended (once) and lets go of its stock socket. */
    void End(Connection& c);
    void TcpOutcome(uint32_t node, uint64_t id, handshake::TcpOutcome outcome);
    State FinalState(const Connection& c) const;

    std::unordered_map<Key, size_t, KeyHash> m_index; //!< live 4-tuple -> m_connections index
    std::unordered_map<uint64_t, uint64_t> m_byClientPort; //!< (client << 16 | port) -> latest id
    std::vector<Connection> m_connections;
    std::vector<SegmentRecord> m_segments;
    std::vector<StateRecord> m_states;
    std::unordered_set<uint32_t> m_sampledNodes;
    std::unordered_map<uint32_t, uint32_t> m_clientNodes; //!< a client's IPv4 address -> its node id
    uint64_t m_serverSidesOnly{0}; //!< connections whose client is on another MPI rank
    uint64_t m_ended{0};
    std::unordered_map<uint64_t, TcpBinding> m_tcpIds; //!< (node << 40 | TCP connection id) -> binding
    std::unordered_map<Key, uint64_t, KeyHash> m_clientTcpIds; //!< 4-tuple -> latest client TcpKey
    std::unordered_set<uint32_t> m_stockServersHooked; //!< stock TCP servers whose listeners are hooked
    bool m_wireOnly{false};
    std::unordered_map<uint32_t, Ptr<TcpL4Protocol>> m_stockTcp; //!< node -> its stock TCP
    uint64_t m_tcpClosed{0};
    bool m_tcpTraced{false};
};

} // namespace ns3

#endif // HANDSHAKE_CONNECTION_RECORDER_H
