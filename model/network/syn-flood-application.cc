#include "syn-flood-application.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-raw-socket-factory.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-option-rfc793.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SynFloodApplication");
NS_OBJECT_ENSURE_REGISTERED(SynFloodApplication);

namespace
{

const uint8_t TCP_PROTOCOL = 6;

} // namespace

TypeId
SynFloodApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SynFloodApplication")
            .SetParent<Application>()
            .SetGroupName("Handshake")
            .AddConstructor<SynFloodApplication>()
            .AddAttribute("Rate",
                          "SYNs per second, evenly spaced from the start time",
                          DoubleValue(100),
                          MakeDoubleAccessor(&SynFloodApplication::m_rate),
                          MakeDoubleChecker<double>(1e-6, 1e9))
            .AddAttribute("Remote",
                          "The server under attack: an InetSocketAddress (address and port)",
                          AddressValue(),
                          MakeAddressAccessor(&SynFloodApplication::m_remote),
                          MakeAddressChecker())
            .AddAttribute("SpoofedNetwork",
                          "Sources are drawn from this prefix (RFC 2544's benchmarking block by "
                          "default: no real host has those addresses)",
                          Ipv4AddressValue("198.18.0.0"),
                          MakeIpv4AddressAccessor(&SynFloodApplication::m_spoofedNetwork),
                          MakeIpv4AddressChecker())
            .AddAttribute("SpoofedMask",
                          "Mask of SpoofedNetwork",
                          Ipv4MaskValue("255.254.0.0"),
                          MakeIpv4MaskAccessor(&SynFloodApplication::m_spoofedMask),
                          MakeIpv4MaskChecker())
            .AddAttribute("Mss",
                          "MSS option of each SYN, bytes (0: no option)",
                          UintegerValue(1460),
                          MakeUintegerAccessor(&SynFloodApplication::m_mss),
                          MakeUintegerChecker<uint16_t>())
            .AddTraceSource("Syn",
                            "A spoofed SYN was sent (TCP segment, IPv4 header, TCP header)",
                            MakeTraceSourceAccessor(&SynFloodApplication::m_synTrace),
                            "ns3::SynFloodApplication::SynCallback");
    return tid;
}

SynFloodApplication::SynFloodApplication()
    : m_random(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

SynFloodApplication::~SynFloodApplication()
{
    NS_LOG_FUNCTION(this);
}

int64_t
SynFloodApplication::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

uint64_t
SynFloodApplication::GetSent() const
{
    return m_sent;
}

void
SynFloodApplication::DoDispose()
{
    Simulator::Cancel(m_next);
    m_socket = nullptr;
    m_random = nullptr;
    Application::DoDispose();
}

void
SynFloodApplication::Halt()
{
    NS_LOG_FUNCTION(this);
    m_halted = true;
    Simulator::Cancel(m_next);
}

void
SynFloodApplication::StartApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_halted)
    {
        return;
    }
    NS_ABORT_MSG_UNLESS(InetSocketAddress::IsMatchingType(m_remote),
                        "SynFloodApplication: Remote must be an InetSocketAddress");
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    NS_ABORT_MSG_UNLESS(ipv4 && ipv4->GetRoutingProtocol(),
                        "SynFloodApplication needs IPv4 and routing");
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(GetNode(), Ipv4RawSocketFactory::GetTypeId());
        m_socket->SetAttribute("Protocol", UintegerValue(TCP_PROTOCOL));
        m_socket->SetAttribute("IpHeaderInclude", BooleanValue(true));
        // A raw socket gets a copy of every IPv4 packet of its protocol the node receives
        // (Ipv4L3Protocol::Receive), the SYN-ACKs to spoofed sources included, and keeps them until
        // read: unread, they grew the attacker's memory by one packet per SYN-ACK.
        m_socket->ShutdownRecv();
        // Bound to the device towards the server: otherwise the raw socket looks the (spoofed)
        // source up among the node's own addresses and asserts when it is not one of them.
        Ipv4Header probe;
        probe.SetDestination(InetSocketAddress::ConvertFrom(m_remote).GetIpv4());
        Socket::SocketErrno error;
        Ptr<Ipv4Route> route =
            ipv4->GetRoutingProtocol()->RouteOutput(Create<Packet>(), probe, nullptr, error);
        NS_ABORT_MSG_UNLESS(route, "SynFloodApplication: no route to " << probe.GetDestination());
        m_socket->BindToNetDevice(route->GetOutputDevice());
    }
    m_startedAt = Simulator::Now();
    m_sentAtStart = m_sent;
    m_next = Simulator::ScheduleNow(&SynFloodApplication::SendSyn, this);
}

void
SynFloodApplication::StopApplication()
{
    NS_LOG_FUNCTION(this);
    Simulator::Cancel(m_next);
}

Ipv4Address
SynFloodApplication::SpoofedSource()
{
    uint32_t hostBits = ~m_spoofedMask.Get();
    uint32_t host =
        hostBits < 2 ? m_random->GetInteger(0, hostBits) : m_random->GetInteger(1, hostBits - 1);
    return Ipv4Address((m_spoofedNetwork.Get() & m_spoofedMask.Get()) | host);
}

void
SynFloodApplication::SendSyn()
{
    InetSocketAddress remote = InetSocketAddress::ConvertFrom(m_remote);
    Ipv4Address source = SpoofedSource();

    TcpHeader tcp;
    tcp.SetSourcePort(static_cast<uint16_t>(m_random->GetInteger(1024, 65535)));
    tcp.SetDestinationPort(remote.GetPort());
    tcp.SetSequenceNumber(SequenceNumber32(m_random->GetInteger(0, 0xFFFFFFFF)));
    tcp.SetAckNumber(SequenceNumber32(0));
    tcp.SetFlags(TcpHeader::SYN);
    tcp.SetWindowSize(64240); // what Linux offers on a SYN with a 1460-byte MSS
    if (m_mss > 0)
    {
        Ptr<TcpOptionMSS> mss = CreateObject<TcpOptionMSS>();
        mss->SetMSS(m_mss);
        tcp.AppendOption(mss);
    }
    // The checksum covers the spoofed source (RFC 9293 3.1 pseudo-header): a server that checks
    // it, as ours does, must accept the SYN.
    tcp.EnableChecksums();
    tcp.InitializeChecksum(source, remote.GetIpv4(), TCP_PROTOCOL);
    Ptr<Packet> segment = Create<Packet>();
    segment->AddHeader(tcp);

    Ipv4Header ip;
    ip.SetSource(source);
    ip.SetDestination(remote.GetIpv4());
    ip.SetProtocol(TCP_PROTOCOL);
    ip.SetPayloadSize(segment->GetSize());
    ip.SetTtl(64);
    ip.SetIdentification(m_ipId++);
    ip.SetDontFragment();
    ip.EnableChecksum();
    m_synTrace(segment, ip, tcp);

    Ptr<Packet> packet = segment->Copy();
    packet->AddHeader(ip);
    NS_LOG_LOGIC("SYN " << source << ":" << tcp.GetSourcePort() << " -> " << remote.GetIpv4() << ":"
                        << remote.GetPort() << " seq " << tcp.GetSequenceNumber());
    m_socket->SendTo(packet, 0, InetSocketAddress(remote.GetIpv4(), TCP_PROTOCOL));
    ++m_sent;
    // Spaced from the start, not from the previous SYN, so that rounding never drifts the rate.
    Time next = m_startedAt + Seconds(static_cast<double>(m_sent - m_sentAtStart) / m_rate);
    m_next = Simulator::Schedule(next - Simulator::Now(), &SynFloodApplication::SendSyn, this);
}

} // namespace ns3
