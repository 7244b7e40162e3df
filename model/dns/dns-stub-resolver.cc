#include "dns-stub-resolver.h"

#include "ns3/dns-wire.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnsStubResolver");
NS_OBJECT_ENSURE_REGISTERED(DnsStubResolver);

TypeId
DnsStubResolver::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnsStubResolver")
            .SetParent<Object>()
            .SetGroupName("Handshake")
            .AddConstructor<DnsStubResolver>()
            .AddAttribute("Server", "The DNS server's address (resolv.conf's nameserver)",
                          Ipv4AddressValue(Ipv4Address("127.0.0.1")),
                          MakeIpv4AddressAccessor(&DnsStubResolver::m_server),
                          MakeIpv4AddressChecker())
            .AddAttribute("Port", "The DNS server's UDP port", UintegerValue(53),
                          MakeUintegerAccessor(&DnsStubResolver::m_port),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("Timeout",
                          "Wait this long for an answer before the next attempt (resolv.conf(5) "
                          "'timeout', glibc's RES_TIMEOUT: 5 s)",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&DnsStubResolver::m_timeout),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddAttribute("Attempts",
                          "Queries sent for one lookup before it fails (resolv.conf(5) 'attempts', "
                          "glibc's RES_DFLRETRY: 2)",
                          UintegerValue(2),
                          MakeUintegerAccessor(&DnsStubResolver::m_attempts),
                          MakeUintegerChecker<uint32_t>(1, 5)) // resolv.conf caps attempts at 5
            .AddTraceSource("Query", "A query sent: the name, its ID and the attempt",
                            MakeTraceSourceAccessor(&DnsStubResolver::m_queryTrace),
                            "ns3::DnsStubResolver::QueryTracedCallback");
    return tid;
}

DnsStubResolver::DnsStubResolver()
    : m_ids(CreateObject<UniformRandomVariable>())
{
}

DnsStubResolver::~DnsStubResolver() = default;

void
DnsStubResolver::SetNode(Ptr<Node> node)
{
    m_node = node;
}

uint64_t
DnsStubResolver::GetQueriesSent() const
{
    return m_queriesSent;
}

uint64_t
DnsStubResolver::GetCacheHits() const
{
    return m_cacheHits;
}

uint64_t
DnsStubResolver::GetIgnored() const
{
    return m_ignored;
}

int64_t
DnsStubResolver::AssignStreams(int64_t stream)
{
    m_ids->SetStream(stream);
    return 1;
}

void
DnsStubResolver::DoDispose()
{
    for (auto& [name, lookup] : m_lookups)
    {
        lookup.timer.Cancel();
    }
    m_lookups.clear();
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
    m_node = nullptr;
    Object::DoDispose();
}

void
DnsStubResolver::Resolve(const std::string& rawName, ResultCallback done)
{
    std::string name = DnsWire::CanonicalName(rawName);
    Time now = Simulator::Now();
    auto cached = m_cache.find(name);
    if (cached != m_cache.end() && now < cached->second.expires)
    {
        ++m_cacheHits;
        Result result;
        result.ok = true;
        result.address = cached->second.address;
        result.fromCache = true;
        result.start = result.end = now;
        done(result);
        return;
    }
    auto [it, fresh] = m_lookups.try_emplace(name);
    it->second.waiting.push_back(std::move(done));
    if (!fresh)
    {
        return; // one query per name: this lookup waits for the one in flight
    }
    if (!DnsWire::IsValidName(name))
    {
        Result result;
        result.failure = "not a domain name";
        result.start = result.end = now;
        Finish(name, result);
        return;
    }
    Lookup& lookup = it->second;
    lookup.start = now;
    lookup.id = static_cast<uint16_t>(m_ids->GetInteger(0, 0xffff)); // RFC 5452 9.2: a random ID
    Send(name, lookup);
}

void
DnsStubResolver::Send(const std::string& name, Lookup& lookup)
{
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
        m_socket->Bind(); // an ephemeral port, as a stub resolver's
        m_socket->SetRecvCallback(MakeCallback(&DnsStubResolver::HandleRead, this));
    }
    ++lookup.attempt;
    std::vector<uint8_t> wire = DnsWire::Encode(DnsMessage::Query(lookup.id, name));
    ++m_queriesSent;
    m_queryTrace(name, lookup.id, lookup.attempt);
    NS_LOG_INFO("query '" << name << "' id " << lookup.id << " attempt " << lookup.attempt);
    m_socket->SendTo(Create<Packet>(wire.data(), wire.size()), 0, InetSocketAddress(m_server, m_port));
    lookup.timer = Simulator::Schedule(m_timeout, &DnsStubResolver::Timeout, this, name);
}

void
DnsStubResolver::Timeout(const std::string& name)
{
    auto it = m_lookups.find(name);
    if (it == m_lookups.end())
    {
        return;
    }
    if (it->second.attempt < m_attempts)
    {
        Send(name, it->second); // the same query again, same ID (glibc's res_send)
        return;
    }
    Result result;
    result.failure = "timeout";
    result.start = it->second.start;
    result.end = Simulator::Now();
    Finish(name, result);
}

void
DnsStubResolver::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        DnsMessage answer;
        std::string error = DnsWire::Decode(bytes.data(), bytes.size(), answer);
        auto it = error.empty() ? m_lookups.find(answer.questionName) : m_lookups.end();
        InetSocketAddress source = InetSocketAddress::ConvertFrom(from);
        // RFC 5452 9.1: accept only an answer to the query sent, from the server it went to.
        if (it == m_lookups.end() || !answer.response || answer.id != it->second.id ||
            source.GetIpv4() != m_server || source.GetPort() != m_port)
        {
            ++m_ignored;
            NS_LOG_WARN("ignored a datagram of " << bytes.size() << " bytes from " << source.GetIpv4()
                                                 << (error.empty() ? "" : ": " + error));
            continue;
        }
        Result result;
        result.start = it->second.start;
        result.end = Simulator::Now();
        if (answer.rcode == DnsMessage::NOERROR && !answer.answers.empty())
        {
            const DnsAnswer& a = answer.answers.front();
            result.ok = true;
            result.address = Ipv4Address(a.address);
            if (a.ttl > 0)
            {
                m_cache[it->first] = {result.address, result.end + Seconds(a.ttl)};
            }
        }
        else
        {
            result.failure = answer.rcode == DnsMessage::NXDOMAIN ? "nxdomain"
                             : answer.rcode == DnsMessage::NOERROR
                                 ? "no-address"
                                 : "rcode " + std::to_string(answer.rcode);
        }
        std::string name = it->first;
        Finish(name, result);
    }
}

void
DnsStubResolver::Finish(const std::string& name, Result result)
{
    auto it = m_lookups.find(name);
    if (it == m_lookups.end())
    {
        return;
    }
    it->second.timer.Cancel();
    std::vector<ResultCallback> waiting = std::move(it->second.waiting);
    m_lookups.erase(it);
    NS_LOG_INFO("'" << name << "': " << (result.ok ? "ok" : result.failure));
    for (const ResultCallback& done : waiting)
    {
        done(result);
    }
}

} // namespace ns3
