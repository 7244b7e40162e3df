/*
 * A host's stub resolver, as glibc's: it asks one DNS server for a name's A record over UDP, waits
 * Timeout for the answer and sends the same query again, Attempts times in all (glibc's defaults:
 * 5 s and 2, resolv.conf(5)), and keeps each answer for its TTL, so that a second lookup within it
 * sends nothing (a per-host cache, as nscd or systemd-resolved keep). One query per name is in
 * flight: lookups of a name already asked for wait for its answer. The answer must match the
 * query's ID, name and server (RFC 5452 9.1); anything else is ignored and counted.
 */
#ifndef HANDSHAKE_DNS_STUB_RESOLVER_H
#define HANDSHAKE_DNS_STUB_RESOLVER_H

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

class DnsStubResolver : public Object
{
  public:
    /** How one lookup ended. */
    struct Result
    {
        bool ok{false};
        Ipv4Address address;  //!< when ok
        bool fromCache{false}; //!< answered from the cache: no packet, no time
        std::string failure;  //!< when not ok: "nxdomain", "no-address", "timeout", "rcode N"
        Time start;           //!< when the lookup began
        Time end;             //!< when it ended (start for a cache hit)
    };
    using ResultCallback = std::function<void(const Result&)>;

    static TypeId GetTypeId();
    DnsStubResolver();
    ~DnsStubResolver() override;

    /** The node whose UDP stack sends the queries; before the first Resolve. */
    void SetNode(Ptr<Node> node);

    /**
     * Looks \p name up and calls \p done with the result: at once (before returning) from the
     * cache, else when the answer comes or the last attempt times out.
     */
    void Resolve(const std::string& name, ResultCallback done);

    /** Queries sent (each attempt counts). */
    uint64_t GetQueriesSent() const;
    /** Lookups answered from the cache. */
    uint64_t GetCacheHits() const;
    /** Datagrams received that answered no query in flight (wrong ID, name or server, or not DNS). */
    uint64_t GetIgnored() const;

    /** Fixes the random stream of the query IDs; returns the number of streams used (1). */
    int64_t AssignStreams(int64_t stream);

    /** Signature of the Query trace: the name, the query's ID and the attempt (1, 2, ...). */
    typedef void (*QueryTracedCallback)(const std::string& name, uint16_t id, uint32_t attempt);

  private:
    /** A name being looked up. */
    struct Lookup
    {
        uint16_t id{0};
        uint32_t attempt{0};
        Time start;
        EventId timer;
        std::vector<ResultCallback> waiting;
    };
    struct CacheEntry
    {
        Ipv4Address address;
        Time expires;
    };

    void DoDispose() override;
    void Send(const std::string& name, Lookup& lookup);
    void Timeout(const std::string& name);
    void HandleRead(Ptr<Socket> socket);
    /** Ends \p name's lookup with \p result for everyone waiting on it. */
    void Finish(const std::string& name, Result result);

    Ipv4Address m_server;
    uint16_t m_port{53};
    Time m_timeout;
    uint32_t m_attempts{2};
    Ptr<Node> m_node;
    Ptr<Socket> m_socket;
    Ptr<UniformRandomVariable> m_ids;
    std::map<std::string, Lookup> m_lookups;
    std::map<std::string, CacheEntry> m_cache;
    uint64_t m_queriesSent{0};
    uint64_t m_cacheHits{0};
    uint64_t m_ignored{0};
    TracedCallback<const std::string&, uint16_t, uint32_t> m_queryTrace;
};

} // namespace ns3

#endif // HANDSHAKE_DNS_STUB_RESOLVER_H
