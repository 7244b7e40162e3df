/*
 * The DNS step of the seeds' request flow (--dns=on): a DNS host on its own link to the core
 * (--dns-server: next to the core, or behind a link of a given one-way delay and loss) runs a
 * DnsServerApplication that knows the servers as server0.example, server1.example, ... (TTL
 * --dns-ttl); every client gets a DnsStubResolver and its HTTP client looks its server's name up
 * before each new connection (HttpClientApplication's HostName). Off by default: a run without it
 * draws, sends and records exactly what it did before. doc/dns.rst.
 */
#ifndef HANDSHAKE_DNS_COMPONENT_H
#define HANDSHAKE_DNS_COMPONENT_H

#include "ns3/dns-server-application.h"
#include "ns3/dns-stub-resolver.h"
#include "ns3/scenario-component.h"

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

class DnsComponent : public ScenarioComponent
{
  public:
    /** The one-way delay of the DNS host's link with --dns-server=core. */
    static const Time CORE_LINK_DELAY;

    /** "server3.example": the name of server \p index. */
    static std::string ServerName(uint32_t index);

    void AddFlags(FlagSet& flags) override;
    std::string Validate(const SimOptions& options) override;
    void AddReportParameters(Parameters& parameters) const override;
    /** After every other component: the DNS objects take no random stream from the rest. */
    void InstallLast(ScenarioContext& context) override;
    /** The clients' resolvers' counts, added up over the ranks. */
    std::string GatherRanks() override;
    std::string SummaryLines() const override;
    void AddMetrics(std::vector<MetricRecord>& metrics) const override;

    bool IsOn() const;

  private:
    /** DNS queries the clients' resolvers sent so far (each attempt counts). */
    uint64_t QueriesSent() const;
    uint64_t CacheHits() const;

    std::string m_onText{"off"};
    std::string m_serverText{"core"};
    std::string m_ttlText{"300"};
    bool m_on{false};
    Time m_linkDelay;
    double m_linkLoss{0};
    uint32_t m_ttl{300};
    Ipv4Address m_serverAddress;
    Ptr<DnsServerApplication> m_server;
    /** Spread over ranks (GatherRanks): every rank's resolvers' counts; else empty. */
    std::optional<uint64_t> m_allQueriesSent;
    std::optional<uint64_t> m_allCacheHits;
    std::vector<Ptr<DnsStubResolver>> m_resolvers;
};

} // namespace ns3

#endif // HANDSHAKE_DNS_COMPONENT_H
