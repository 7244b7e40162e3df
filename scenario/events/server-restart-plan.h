/*
 * Server restarts for handshake-sim (issue [hardening], --server-restart): a server host crashes
 * at a time and comes back after a while, as RFC 9293 3.5.1 describes ("a failure or reboot that
 * resulted in loss of memory").
 *
 * At START the server's TCP forgets every connection and listener without sending anything
 * (HandshakeTcpL4Protocol::Crash); its HTTP server application is left without sockets, as a
 * crashed process is (no graceful StopApplication: that would send FINs). While the host is down,
 * its TCP answers every segment with a RST: SYNs to port 80 (nobody listens, RFC 9293 3.10.7.1),
 * so clients' connects are refused, and the next segment of each connection that was open, so the
 * client finds it half-open and resets it (RFC 9293 3.5.1 figure 10). At START+DURATION a new
 * HttpServerApplication starts on the host and listens again.
 *
 * Text form: comma-separated SERVER@START+DURATION with ns-3 times, SERVER "server:N", e.g.
 * "server:0@5s+10s,server:0@30s+1s". Needs handshake's TCP on the servers: stock ns-3 TCP cannot
 * lose its connections without a segment.
 */
#ifndef HANDSHAKE_SERVER_RESTART_PLAN_H
#define HANDSHAKE_SERVER_RESTART_PLAN_H

#include "ns3/node-container.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

class HttpServerHelper;

class ServerRestartPlan
{
  public:
    struct Restart
    {
        uint32_t server{0};
        Time start;    //!< the host crashes
        Time duration; //!< down for this long; then its HTTP server starts again
    };

    /**
     * Parses \p text (empty: no restart) for \p servers servers. Returns an error text naming the
     * faulty part, empty if valid. Two restarts of one server may not overlap in time.
     */
    std::string Parse(const std::string& text, uint32_t servers);

    const std::vector<Restart>& Restarts() const;

    /**
     * Schedules every restart: the crash of server N (node N of \p servers, which must run
     * HandshakeTcpL4Protocol) and a new application from \p http on it. Call before
     * Simulator::Run, after the other objects of the scenario are made (the new applications are
     * made now, and would shift the random streams of objects made after them).
     */
    void Schedule(const NodeContainer& servers, const HttpServerHelper& http) const;

  private:
    std::vector<Restart> m_restarts;
};

} // namespace ns3

#endif // HANDSHAKE_SERVER_RESTART_PLAN_H
