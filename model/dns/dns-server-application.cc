#include "dns-server-application.h"

#include "ns3/dns-wire.h"

#include "ns3/abort.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnsServerApplication");
NS_OBJECT_ENSURE_REGISTERED(DnsServerApplication);

TypeId
DnsServerApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnsServerApplication")
            .SetParent<Application>()
            .SetGroupName("Handshake")
            .AddConstructor<DnsServerApplication>()
            .AddAttribute("Port", "UDP port to answer on (RFC 1035 4.2.1: 53)", UintegerValue(53),
                          MakeUintegerAccessor(&DnsServerApplication::m_port),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("Ttl", "TTL of the A records answered, seconds (RFC 1035 3.2.1)",
                          UintegerValue(300),
                          MakeUintegerAccessor(&DnsServerApplication::m_ttl),
                          MakeUintegerChecker<uint32_t>(0, 0x7fffffff)) // RFC 2181 8
            .AddTraceSource("Query", "A query answered: the name, its type and the RCODE answered",
                            MakeTraceSourceAccessor(&DnsServerApplication::m_queryTrace),
                            "ns3::DnsServerApplication::QueryTracedCallback")
            .AddTraceSource("Drop", "A datagram dropped because it is not a DNS query, and why",
                            MakeTraceSourceAccessor(&DnsServerApplication::m_dropTrace),
                            "ns3::DnsServerApplication::DropTracedCallback");
    return tid;
}

DnsServerApplication::DnsServerApplication() = default;
DnsServerApplication::~DnsServerApplication() = default;

void
DnsServerApplication::AddRecord(const std::string& name, Ipv4Address address)
{
    NS_ABORT_MSG_UNLESS(DnsWire::IsValidName(name), "DnsServerApplication: '" << name << "' is not a domain name");
    m_records[DnsWire::CanonicalName(name)] = address.Get();
}

uint64_t
DnsServerApplication::GetAnswered() const
{
    return m_answered;
}

uint64_t
DnsServerApplication::GetNxDomain() const
{
    return m_nxDomain;
}

uint64_t
DnsServerApplication::GetMalformed() const
{
    return m_malformed;
}

void
DnsServerApplication::StartApplication()
{
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    NS_ABORT_MSG_IF(m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0,
                    "DnsServerApplication: cannot bind UDP port " << m_port);
    m_socket->SetRecvCallback(MakeCallback(&DnsServerApplication::HandleRead, this));
}

void
DnsServerApplication::StopApplication()
{
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket = nullptr;
    }
}

void
DnsServerApplication::DoDispose()
{
    m_socket = nullptr;
    Application::DoDispose();
}

DnsMessage
DnsServerApplication::Answer(const DnsMessage& query) const
{
    DnsMessage answer = query;
    answer.response = true;
    answer.authoritative = true;
    answer.recursionAvailable = false; // authoritative only
    answer.answers.clear();
    if (query.opcode != 0)
    {
        answer.authoritative = false;
        answer.rcode = DnsMessage::NOTIMP; // RFC 1035 4.1.1: not implemented
        return answer;
    }
    auto record = m_records.find(query.questionName);
    if (record == m_records.end())
    {
        answer.rcode = DnsMessage::NXDOMAIN; // RFC 1035 4.1.1: the name does not exist
        return answer;
    }
    answer.rcode = DnsMessage::NOERROR;
    if (query.questionType == DnsMessage::TYPE_A && query.questionClass == DnsMessage::CLASS_IN)
    {
        answer.answers.push_back({query.questionName, m_ttl, record->second});
    }
    return answer; // another type of a name held: NOERROR with no answer (RFC 2308 2.2)
}

void
DnsServerApplication::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        DnsMessage query;
        std::string error = DnsWire::Decode(bytes.data(), bytes.size(), query);
        if (error.empty() && query.response)
        {
            error = "a response, not a query";
        }
        if (!error.empty())
        {
            ++m_malformed;
            NS_LOG_WARN("dropped a datagram of " << bytes.size() << " bytes from "
                                                 << InetSocketAddress::ConvertFrom(from).GetIpv4() << ": "
                                                 << error);
            m_dropTrace(packet, error);
            continue;
        }
        DnsMessage answer = Answer(query);
        std::vector<uint8_t> wire = DnsWire::Encode(answer);
        NS_ASSERT_MSG(!wire.empty(), "an answer to a parsed query encodes");
        ++m_answered;
        m_nxDomain += answer.rcode == DnsMessage::NXDOMAIN;
        NS_LOG_INFO("'" << query.questionName << "' type " << query.questionType << " -> rcode "
                        << unsigned(answer.rcode) << ", " << answer.answers.size() << " answer(s)");
        m_queryTrace(query.questionName, query.questionType, answer.rcode);
        socket->SendTo(Create<Packet>(wire.data(), wire.size()), 0, from);
    }
}

} // namespace ns3
