#include "byte-fetch-client.h"

#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ByteFetchClient");
NS_OBJECT_ENSURE_REGISTERED(ByteFetchClient);

TypeId
ByteFetchClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ByteFetchClient")
            .SetParent<Application>()
            .AddConstructor<ByteFetchClient>()
            .AddAttribute("Remote",
                          "Server address and port",
                          AddressValue(),
                          MakeAddressAccessor(&ByteFetchClient::m_remote),
                          MakeAddressChecker())
            .AddAttribute("Fetches",
                          "Connections to open one after the other",
                          UintegerValue(1),
                          MakeUintegerAccessor(&ByteFetchClient::m_fetches),
                          MakeUintegerChecker<uint32_t>(1))
            .AddTraceSource("Fetch",
                            "A fetch ended: bytes, start, end, whether the server closed normally",
                            MakeTraceSourceAccessor(&ByteFetchClient::m_fetchTrace),
                            "ns3::ByteFetchClient::FetchTracedCallback");
    return tid;
}

std::optional<Time>
ByteFetchClient::FetchUnderWay() const
{
    return m_socket ? std::optional<Time>(m_started) : std::nullopt;
}

uint64_t
ByteFetchClient::BytesSoFar() const
{
    return m_bytes;
}

void
ByteFetchClient::StartApplication()
{
    Connect();
}

void
ByteFetchClient::StopApplication()
{
    if (m_socket)
    {
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
ByteFetchClient::Connect()
{
    m_bytes = 0;
    m_started = Simulator::Now();
    m_socket = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    m_socket->Bind();
    m_socket->SetRecvCallback(MakeCallback(&ByteFetchClient::HandleRead, this));
    m_socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                                 MakeCallback(&ByteFetchClient::HandleFailure, this));
    m_socket->SetCloseCallbacks(MakeCallback(&ByteFetchClient::HandlePeerClose, this),
                                MakeCallback(&ByteFetchClient::HandleFailure, this));
    m_socket->Connect(m_remote);
}

void
ByteFetchClient::HandleRead(Ptr<Socket> socket)
{
    // Stock ns-3 TCP returns an empty packet, not null, at end of stream in CLOSE_WAIT.
    Ptr<Packet> packet;
    while ((packet = socket->Recv()) && packet->GetSize() > 0)
    {
        m_bytes += packet->GetSize();
    }
}

void
ByteFetchClient::HandlePeerClose(Ptr<Socket> socket)
{
    HandleRead(socket);
    socket->Close(); // our FIN: the second half of the four-way teardown
    Finish(true);
}

void
ByteFetchClient::HandleFailure(Ptr<Socket> /* socket */)
{
    Finish(false);
}

void
ByteFetchClient::Finish(bool ok)
{
    NS_LOG_INFO("fetch " << m_done << " ended ok=" << ok << " bytes=" << m_bytes);
    m_fetchTrace(m_bytes, m_started, Simulator::Now(), ok);
    // The closing socket may still report (e.g. its last FIN timing out): this fetch is recorded.
    m_socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                                MakeNullCallback<void, Ptr<Socket>>());
    m_socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                                 MakeNullCallback<void, Ptr<Socket>>());
    m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    m_socket = nullptr;
    if (++m_done < m_fetches)
    {
        Simulator::ScheduleNow(&ByteFetchClient::Connect, this);
    }
}

} // namespace ns3
