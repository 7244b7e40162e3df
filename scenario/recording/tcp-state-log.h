/*
 * The states each connection of handshake's TCP went through, in order, from the TCP's own
 * node-wide traces (ConnectionCreated, StateTransition, Outcome, Retransmission, RtoExpired), plus
 * what the TCP refused to take in (BadChecksumDrop, Drop). handshake-emu writes it so that a run
 * against a real Linux peer shows our side's path through RFC 9293 3.3.2's diagram, e.g.
 *
 *   conn 2/1 192.168.0.1:80 10.200.0.2:40312 states=CLOSED,SYN_RCVD,ESTABLISHED,CLOSE_WAIT,
 *       LAST_ACK,CLOSED outcome=CLOSED_NORMALLY retransmissions=0 rto=0
 *
 * (one line: node/id, local and remote address). A passive connection starts in SYN_RCVD, made by
 * its listener, which stays in LISTEN. Stock ns-3 TCP has no such traces: nodes without
 * HandshakeTcpL4Protocol are skipped.
 */
#ifndef HANDSHAKE_TCP_STATE_LOG_H
#define HANDSHAKE_TCP_STATE_LOG_H

#include "ns3/address.h"
#include "ns3/node-container.h"
#include "ns3/tcp-actions.h"
#include "ns3/tcp-state.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

class TcpStateLog
{
  public:
    struct Connection
    {
        uint32_t node{0};
        uint64_t id{0};
        std::string local;                       //!< "a.b.c.d:port"
        std::string remote;                      //!< "a.b.c.d:port"
        std::vector<handshake::TcpState> states; //!< the first state, then each new one
        std::string outcome;                     //!< empty while the connection has not ended
        uint32_t retransmissions{0};
        uint32_t rtoExpiries{0};
    };

    /** Listens to every node of \p nodes that runs handshake's TCP; returns how many do. */
    uint32_t Install(const NodeContainer& nodes);

    /** In order of creation. */
    const std::vector<Connection>& Connections() const;
    /** Connections whose last state is not CLOSED. */
    uint32_t OpenConnections() const;
    /** Segments the TCP dropped for a bad checksum, on all the nodes. */
    uint64_t BadChecksumDrops() const;
    /** Segments dropped before reaching a connection, by reason (HandshakeTcpL4Protocol::Drop). */
    const std::map<std::string, uint64_t>& Drops() const;

    /** One line per connection (see the file comment), then one per drop reason and bad checksums.
     */
    std::string Format() const;

  private:
    Connection& Find(uint32_t node, uint64_t id);

    std::vector<Connection> m_connections;
    std::map<std::pair<uint32_t, uint64_t>, size_t> m_index;
    uint64_t m_badChecksums{0};
    std::map<std::string, uint64_t> m_drops;
};

} // namespace ns3

#endif // HANDSHAKE_TCP_STATE_LOG_H
