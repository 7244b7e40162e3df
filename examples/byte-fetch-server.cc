#include "byte-fetch-server.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ByteFetchServer");
NS_OBJECT_ENSURE_REGISTERED(ByteFetchServer);

TypeId
ByteFetchServer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ByteFetchServer")
            .SetParent<Application>()
            .AddConstructor<ByteFetchServer>()
            .AddAttribute("Port",
                          "TCP port to listen on",
                          UintegerValue(80),
                          MakeUintegerAccessor(&ByteFetchServer::m_port),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("Size",
                          "Bytes sent on each connection before closing",
                          StringValue("ns3::ConstantRandomVariable[Constant=20000]"),
                          MakePointerAccessor(&ByteFetchServer::m_size),
                          MakePointerChecker<RandomVariableStream>());
    return tid;
}

void
ByteFetchServer::StartApplication()
{
    m_listener = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port));
    m_listener->Listen();
    m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                  MakeCallback(&ByteFetchServer::HandleAccept, this));
}

void
ByteFetchServer::StopApplication()
{
    if (m_listener)
    {
        m_listener->Close();
    }
    for (auto& [socket, remaining] : m_remaining)
    {
        socket->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
        socket->Close();
    }
    m_remaining.clear();
}

void
ByteFetchServer::HandleAccept(Ptr<Socket> socket, const Address& from)
{
    NS_LOG_INFO("accepted " << InetSocketAddress::ConvertFrom(from).GetIpv4());
    double drawn = std::max(0.0, m_size->GetValue());
    m_remaining[socket] = static_cast<uint64_t>(drawn);
    socket->SetSendCallback(MakeCallback(&ByteFetchServer::SendMore, this));
    socket->SetCloseCallbacks(MakeCallback(&ByteFetchServer::Forget, this),
                              MakeCallback(&ByteFetchServer::Forget, this));
    SendMore(socket, socket->GetTxAvailable());
}

void
ByteFetchServer::SendMore(Ptr<Socket> socket, uint32_t /* txAvailable */)
{
    auto it = m_remaining.find(socket);
    if (it == m_remaining.end())
    {
        return;
    }
    // Real payload bytes: a repeating printable pattern, so a capture shows content, not zeros.
    static const std::vector<uint8_t> pattern = [] {
        std::vector<uint8_t> bytes(16384);
        for (size_t i = 0; i < bytes.size(); ++i)
        {
            bytes[i] = static_cast<uint8_t>('a' + i % 26);
        }
        return bytes;
    }();
    while (it->second > 0 && socket->GetTxAvailable() > 0)
    {
        uint32_t chunk = static_cast<uint32_t>(
            std::min<uint64_t>({it->second, socket->GetTxAvailable(), pattern.size()}));
        int sent = socket->Send(Create<Packet>(pattern.data(), chunk));
        if (sent <= 0)
        {
            return;
        }
        it->second -= static_cast<uint32_t>(sent);
    }
    if (it->second == 0)
    {
        socket->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
        m_remaining.erase(it);
        socket->Close(); // FIN follows the queued data
    }
}

void
ByteFetchServer::Forget(Ptr<Socket> socket)
{
    m_remaining.erase(socket);
}

} // namespace ns3
