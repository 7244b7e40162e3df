#include "dns-component.h"

#include "ns3/attribute-text.h"
#include "ns3/decimal-number.h"
#include "ns3/flag-set.h"
#include "ns3/http-client-application.h"
#include "ns3/mpi-ranks.h"
#include "ns3/scenario-context.h"
#include "ns3/sim-options.h"
#include "ns3/topology-builder.h"

#include "ns3/object-factory.h"
#include "ns3/pointer.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <cstdlib>
#include <optional>
#include <sstream>

namespace ns3
{

const Time DnsComponent::CORE_LINK_DELAY = MicroSeconds(100);

std::string
DnsComponent::ServerName(uint32_t index)
{
    return "server" + std::to_string(index) + ".example";
}

void
DnsComponent::AddFlags(FlagSet& flags)
{
    flags.Add("dns",
              "on: each client looks its server's name (serverN.example) up before each new "
              "connection, through a DNS server (UDP 53); off: clients connect to the address",
              m_onText);
    flags.Add("dns-server",
              "where the DNS server is: core (a host next to the core router) or "
              "link:DELAY[:LOSS] (a host behind its own link of that one-way delay and loss, e.g. "
              "link:20ms:0.01)",
              m_serverText);
    flags.Add("dns-ttl", "TTL of the DNS answers, seconds (0..2147483647; the clients cache them that long)",
              m_ttlText);
}

std::string
DnsComponent::Validate(const SimOptions& /* options */)
{
    if (m_onText != "on" && m_onText != "off")
    {
        return "--dns: '" + m_onText + "' is not one of on, off";
    }
    m_on = m_onText == "on";
    if (!ParseDecimalNumber(m_ttlText, 0, 0x7fffffff, &m_ttl)) // RFC 2181 8
    {
        return "--dns-ttl: '" + m_ttlText + "' is not a whole number of seconds in 0..2147483647";
    }
    if (m_serverText == "core")
    {
        m_linkDelay = CORE_LINK_DELAY;
        m_linkLoss = 0;
        return "";
    }
    const std::string usage = "--dns-server: '" + m_serverText + "' is not core or link:DELAY[:LOSS]";
    if (m_serverText.rfind("link:", 0) != 0)
    {
        return usage;
    }
    std::string rest = m_serverText.substr(5);
    std::string delay = rest.substr(0, rest.find(':'));
    if (!AttributeText::ParseNonNegativeTime(delay, &m_linkDelay))
    {
        return usage + " (DELAY: a non-negative time such as 20ms)";
    }
    m_linkLoss = 0;
    if (rest.find(':') != std::string::npos)
    {
        std::string loss = rest.substr(rest.find(':') + 1);
        char* end = nullptr;
        m_linkLoss = std::strtod(loss.c_str(), &end);
        if (loss.empty() || *end != '\0' || !(m_linkLoss >= 0 && m_linkLoss <= 1))
        {
            return usage + " (LOSS: a probability in 0..1)";
        }
    }
    return "";
}

void
DnsComponent::AddReportParameters(Parameters& parameters) const
{
    if (m_on)
    {
        parameters.emplace_back("dns", "on");
        parameters.emplace_back("dns-server", m_serverText);
        parameters.emplace_back("dns-ttl", m_ttlText);
    }
}

void
DnsComponent::InstallLast(ScenarioContext& context)
{
    if (!m_on)
    {
        return;
    }
    TopologyBuilder& topology = context.topology;
    Ptr<Node> host = topology.AddDnsHost(m_linkDelay, m_linkLoss);
    m_serverAddress = Ipv4Address(topology.GetPlan().DnsHost().first);
    m_server = CreateObject<DnsServerApplication>();
    m_server->SetAttribute("Ttl", UintegerValue(m_ttl));
    NodeContainer servers = topology.GetServers();
    for (uint32_t j = 0; j < servers.GetN(); ++j)
    {
        m_server->AddRecord(ServerName(j), topology.GetServerAddress(j));
    }
    host->AddApplication(m_server);
    m_server->SetStartTime(Seconds(0));
    NodeContainer clients = topology.GetClients();
    m_resolvers.reserve(clients.GetN());
    for (uint32_t i = 0; i < clients.GetN(); ++i)
    {
        Ptr<DnsStubResolver> resolver =
            CreateObjectWithAttributes<DnsStubResolver>("Server", Ipv4AddressValue(m_serverAddress));
        resolver->SetNode(clients.Get(i));
        m_resolvers.push_back(resolver);
        Ptr<Node> node = clients.Get(i);
        for (uint32_t a = 0; a < node->GetNApplications(); ++a)
        {
            if (Ptr<HttpClientApplication> http = DynamicCast<HttpClientApplication>(node->GetApplication(a)))
            {
                http->SetAttribute("HostName", StringValue(ServerName(i % servers.GetN())));
                http->SetAttribute("Resolver", PointerValue(resolver));
            }
        }
    }
}

std::string
DnsComponent::SummaryLines() const
{
    if (!m_on)
    {
        return "";
    }
    std::ostringstream os;
    const uint64_t hits = m_allCacheHits ? *m_allCacheHits : CacheHits();
    os << "  DNS server " << m_serverAddress << " (" << m_serverText << "): queries sent " << QueriesSent()
       << ", answered " << m_server->GetAnswered() << " (NXDOMAIN " << m_server->GetNxDomain()
       << "), malformed dropped " << m_server->GetMalformed() << "; answers from the clients' caches " << hits
       << "\n";
    return os.str();
}

void
DnsComponent::AddMetrics(std::vector<MetricRecord>& metrics) const
{
    // Present in every run (a sweep's columns), empty without --dns=on.
    std::optional<double> queries;
    std::optional<double> answered;
    if (m_on)
    {
        queries = QueriesSent();
        answered = m_server->GetAnswered();
    }
    metrics.push_back({"dns_queries_sent", queries, true, "",
                       "DNS queries the clients sent, each attempt of a lookup (--dns=on)"});
    metrics.push_back({"dns_server_answered", answered, true, "", "DNS queries the server answered (--dns=on)"});
}

std::string
DnsComponent::GatherRanks()
{
    if (m_on)
    {
        m_allQueriesSent = MpiRanks::Sum(QueriesSent());
        m_allCacheHits = MpiRanks::Sum(CacheHits());
    }
    return "";
}

uint64_t
DnsComponent::CacheHits() const
{
    uint64_t hits = 0;
    for (const auto& resolver : m_resolvers)
    {
        hits += resolver->GetCacheHits();
    }
    return hits;
}

uint64_t
DnsComponent::QueriesSent() const
{
    if (m_allQueriesSent)
    {
        return *m_allQueriesSent;
    }
    uint64_t queries = 0;
    for (const auto& resolver : m_resolvers)
    {
        queries += resolver->GetQueriesSent();
    }
    return queries;
}

bool
DnsComponent::IsOn() const
{
    return m_on;
}

} // namespace ns3
