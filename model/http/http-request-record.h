/*
 * What happened to one HTTP request of an HttpClientApplication: the times of each lifecycle step,
 * the status, the bytes, and exactly one outcome. Emitted by the client's "Record" trace source
 * once the connection that carried the request is closed (or the application stops).
 */
#ifndef HANDSHAKE_HTTP_REQUEST_RECORD_H
#define HANDSHAKE_HTTP_REQUEST_RECORD_H

#include "ns3/nstime.h"

#include <cstdint>
#include <limits>
#include <string>

namespace ns3
{

struct HttpRequestRecord
{
    enum class Outcome : uint8_t
    {
        OK,             //!< a complete, well-framed response; body verified when status is 2xx
        CONNECT_FAILED, //!< the connection was never established (refused, timed out)
        RESET,          //!< the connection broke (RST, TCP gave up, or closed before the response)
        TIMEOUT,        //!< no response progress for ResponseTimeout
        BAD_RESPONSE,   //!< malformed, truncated, or wrong-length response
        BODY_MISMATCH,  //!< the body's bytes differ from HttpBodyGenerator's for the path
        UNFINISHED,     //!< still under way when the client application stopped
        DNS_FAILED      //!< the host name could not be resolved: no connection was opened
    };

    static constexpr uint64_t UNKNOWN_SIZE = std::numeric_limits<uint64_t>::max();

    /** "ok", "connect-failed", "reset", "timeout", "bad-response", "body-mismatch", "unfinished",
     *  "dns-failed". */
    static std::string OutcomeName(Outcome outcome);
    /** True once \p t was set (unset times are negative). */
    static bool IsSet(Time t) { return !t.IsNegative(); }

    uint32_t node{0};        //!< client node id
    uint64_t request{0};     //!< request number within the client, from 0
    uint64_t connection{0};  //!< connection number within the client, from 0
    uint32_t page{0};        //!< page number (page model), else 0
    uint16_t localPort{0};   //!< the client's TCP port, to find the connection in a pcap
    std::string path;
    uint32_t attempts{1};        //!< connections the request was put on (2: retried once)
    uint64_t firstConnection{0}; //!< the first attempt's connection (= connection if not retried)
    uint16_t firstLocalPort{0};  //!< the first attempt's TCP port

    /** The DNS lookup of the host name before the first attempt's connection (HostName set): its
     *  start and end, equal when the answer came from the resolver's cache (dnsFromCache). */
    Time dnsStart{Seconds(-1)};
    Time dnsEnd{Seconds(-1)};
    bool dnsFromCache{false};
    /** Socket::Connect called for the connection of the request's first attempt (a retry's time
     *  on an earlier connection counts: the user waited for it too). */
    Time connectCalled{Seconds(-1)};
    Time established{Seconds(-1)};   //!< the carrying connection reached ESTABLISHED
    Time requestSent{Seconds(-1)};   //!< the request bytes were handed to the socket
    Time firstByte{Seconds(-1)};     //!< first byte of the response received
    Time lastByte{Seconds(-1)};      //!< last byte of the response received
    Time closed{Seconds(-1)};        //!< the carrying connection was closed

    uint16_t status{0};
    uint64_t expectedBytes{UNKNOWN_SIZE}; //!< body size asked for (/bytes/<n>), if known
    uint64_t bodyBytes{0};
    Outcome outcome{Outcome::UNFINISHED};
    std::string detail; //!< why, for outcomes other than ok
};

} // namespace ns3

#endif // HANDSHAKE_HTTP_REQUEST_RECORD_H
