#include "http-server-application.h"

#include "http-body-generator.h"
#include "http-message-writer.h"
#include "http-random-draw.h"
#include "http-request-parser.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/type-id.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HttpServerApplication");
NS_OBJECT_ENSURE_REGISTERED(HttpServerApplication);

namespace
{

constexpr uint32_t g_maxChunk = 16384; //!< bytes handed to the socket per Send

/** n for "/bytes/<n>" (digits only), else false. */
bool
ParseBytesPath(const std::string& path, uint64_t& n)
{
    static const std::string prefix = "/bytes/";
    if (path.compare(0, prefix.size(), prefix) != 0 || path.size() == prefix.size() ||
        path.size() > prefix.size() + 18)
    {
        return false;
    }
    std::string digits = path.substr(prefix.size());
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    {
        return false;
    }
    n = std::strtoull(digits.c_str(), nullptr, 10);
    return true;
}

} // namespace

TypeId
HttpServerApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::HttpServerApplication")
            .SetParent<Application>()
            .SetGroupName("Handshake")
            .AddConstructor<HttpServerApplication>()
            .AddAttribute("Port", "TCP port to listen on", UintegerValue(80),
                          MakeUintegerAccessor(&HttpServerApplication::m_port),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("SocketType", "Socket factory TypeId (any stream socket)",
                          TypeIdValue(TcpSocketFactory::GetTypeId()),
                          MakeTypeIdAccessor(&HttpServerApplication::m_socketTid),
                          MakeTypeIdChecker())
            .AddAttribute("ResponseDelay",
                          "Think time in seconds between a request's arrival and its response",
                          StringValue("ns3::ConstantRandomVariable[Constant=0]"),
                          MakePointerAccessor(&HttpServerApplication::m_delay),
                          MakePointerChecker<RandomVariableStream>())
            .AddAttribute("IdleTimeout",
                          "Close a persistent connection idle this long (RFC 9112 9.8); 0 = never",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&HttpServerApplication::m_idleTimeout),
                          MakeTimeChecker())
            .AddAttribute("MaxRequestsPerConnection",
                          "Requests served on one connection before closing it; 0 = unlimited",
                          UintegerValue(0),
                          MakeUintegerAccessor(&HttpServerApplication::m_maxRequests),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MaxConnections",
                          "Concurrent connections; further SYNs are refused; 0 = unlimited",
                          UintegerValue(0),
                          MakeUintegerAccessor(&HttpServerApplication::m_maxConnections),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("HeaderLimit",
                          "Bytes of request line and header fields accepted; more -> 431 (RFC 6585 5)",
                          UintegerValue(8192),
                          MakeUintegerAccessor(&HttpServerApplication::m_headerLimit),
                          MakeUintegerChecker<uint32_t>(64))
            .AddAttribute("RequestBodyLimit",
                          "Bytes of request content accepted; more -> 413 (RFC 9110 15.5.14)",
                          UintegerValue(65536),
                          MakeUintegerAccessor(&HttpServerApplication::m_requestBodyLimit),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("BytesRoute",
                          "Serve /bytes/<n> with an n-byte body (besides the route table)",
                          BooleanValue(true),
                          MakeBooleanAccessor(&HttpServerApplication::m_bytesRoute),
                          MakeBooleanChecker())
            .AddAttribute("MaxBodySize", "Largest n served by /bytes/<n>; larger -> 404",
                          UintegerValue(1ULL << 30),
                          MakeUintegerAccessor(&HttpServerApplication::m_maxBodySize),
                          MakeUintegerChecker<uint64_t>())
            .AddTraceSource("Response", "A response was completely handed to the socket",
                            MakeTraceSourceAccessor(&HttpServerApplication::m_responseTrace),
                            "ns3::HttpServerApplication::ResponseTracedCallback")
            .AddTraceSource("BadRequest", "A request was answered with an error status",
                            MakeTraceSourceAccessor(&HttpServerApplication::m_badRequestTrace),
                            "ns3::HttpServerApplication::BadRequestTracedCallback");
    return tid;
}

HttpServerApplication::HttpServerApplication() = default;
HttpServerApplication::~HttpServerApplication() = default;

void
HttpServerApplication::AddRoute(const std::string& path,
                                Ptr<RandomVariableStream> size,
                                uint16_t status,
                                const std::string& contentType)
{
    m_routes[path] = Route{size, status, contentType};
}

uint64_t
HttpServerApplication::GetStatusCount(uint16_t status) const
{
    auto it = m_statusCounts.find(status);
    return it == m_statusCounts.end() ? 0 : it->second;
}

uint64_t
HttpServerApplication::GetRefusedCount() const
{
    return m_refused;
}

uint64_t
HttpServerApplication::GetAcceptedCount() const
{
    return m_accepted;
}

uint32_t
HttpServerApplication::GetOpenConnections() const
{
    return static_cast<uint32_t>(m_connections.size());
}

void
HttpServerApplication::DoDispose()
{
    m_listener = nullptr;
    m_connections.clear();
    m_routes.clear();
    Application::DoDispose();
}

void
HttpServerApplication::StartApplication()
{
    m_listener = Socket::CreateSocket(GetNode(), m_socketTid);
    m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port));
    m_listener->Listen();
    m_listener->SetAcceptCallback(MakeCallback(&HttpServerApplication::HandleConnectionRequest, this),
                                  MakeCallback(&HttpServerApplication::HandleAccept, this));
}

void
HttpServerApplication::StopApplication()
{
    if (m_listener)
    {
        m_listener->Close();
        m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                      MakeNullCallback<void, Ptr<Socket>, const Address&>());
    }
    while (!m_connections.empty())
    {
        CloseConnection(m_connections.begin()->first);
    }
}

bool
HttpServerApplication::HandleConnectionRequest(Ptr<Socket>, const Address&)
{
    if (m_maxConnections != 0 && m_connections.size() >= m_maxConnections)
    {
        ++m_refused;
        NS_LOG_INFO("refusing a connection: " << m_connections.size() << " open");
        return false;
    }
    return true;
}

void
HttpServerApplication::HandleAccept(Ptr<Socket> socket, const Address& from)
{
    NS_LOG_INFO("accepted " << InetSocketAddress::ConvertFrom(from).GetIpv4() << ":"
                            << InetSocketAddress::ConvertFrom(from).GetPort());
    ++m_accepted;
    Connection& c = m_connections[socket];
    c.parser = std::make_unique<HttpRequestParser>(m_headerLimit, m_requestBodyLimit);
    socket->SetRecvCallback(MakeCallback(&HttpServerApplication::HandleRead, this));
    socket->SetSendCallback(MakeCallback(&HttpServerApplication::HandleSend, this));
    socket->SetCloseCallbacks(MakeCallback(&HttpServerApplication::HandlePeerClose, this),
                              MakeCallback(&HttpServerApplication::HandleError, this));
    ArmIdle(socket, c);
}

void
HttpServerApplication::HandleRead(Ptr<Socket> socket)
{
    auto it = m_connections.find(socket);
    Ptr<Packet> packet;
    // Always drain the socket: closing with unread data would make TCP send a RST.
    while ((packet = socket->Recv()))
    {
        if (packet->GetSize() == 0)
        {
            break; // stock ns-3 TCP: end of stream in CLOSE_WAIT
        }
        if (it == m_connections.end() || it->second.inputDone)
        {
            continue;
        }
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        it->second.parser->Append(bytes.data(), bytes.size());
    }
    if (it != m_connections.end())
    {
        it->second.idle.Cancel();
        ParseRequests(socket, it->second);
    }
}

void
HttpServerApplication::ParseRequests(Ptr<Socket> socket, Connection& c)
{
    HttpRequestParser::Request request;
    while (!c.inputDone)
    {
        auto status = c.parser->Next(request);
        if (status == HttpRequestParser::Status::NEED_MORE)
        {
            break;
        }
        if (status == HttpRequestParser::Status::DONE)
        {
            Dispatch(socket, c, request.method, request.target, request.keepAlive);
            continue;
        }
        // The framing is lost: answer and close (RFC 9112 2.2 for 400).
        uint16_t code = status == HttpRequestParser::Status::HEADER_TOO_LARGE ? 431
                        : status == HttpRequestParser::Status::BODY_TOO_LARGE ? 413
                                                                               : 400;
        Reject(socket, c, code, c.parser->Error(), true);
    }
    Pump(socket);
}

void
HttpServerApplication::Dispatch(Ptr<Socket> socket,
                                Connection& c,
                                const std::string& method,
                                const std::string& target,
                                bool keepAlive)
{
    ++c.requests;
    // RFC 9112 9.6: after "Connection: close" no further request is processed.
    bool close = !keepAlive || (m_maxRequests != 0 && c.requests >= m_maxRequests);
    if (method != "GET" && method != "HEAD")
    {
        Reject(socket, c, 501, "method " + method + " not implemented", close); // RFC 9110 9.1
        return;
    }
    Pending p;
    p.method = method;
    p.target = target;
    p.path = target.substr(0, target.find('?'));
    std::string contentType;
    if (!Lookup(p.path, p.bodySize, p.status, contentType))
    {
        Reject(socket, c, 404, "no route for " + p.path, close);
        return;
    }
    p.close = close;
    c.inputDone = close;
    p.head = HttpMessageWriter::ResponseHead(p.status, p.bodySize, contentType, !close);
    if (method == "HEAD")
    {
        p.bodySize = 0; // RFC 9110 9.3.2: same fields as GET, no content
    }
    Enqueue(socket, c, std::move(p), Seconds(HttpRandomDraw::NonNegative(m_delay, "HttpServerApplication::ResponseDelay")));
}

bool
HttpServerApplication::Lookup(const std::string& path,
                              uint64_t& size,
                              uint16_t& status,
                              std::string& contentType)
{
    auto route = m_routes.find(path);
    if (route != m_routes.end())
    {
        size = static_cast<uint64_t>(
            HttpRandomDraw::NonNegative(route->second.size, "HttpServerApplication route " + path));
        status = route->second.status;
        contentType = route->second.contentType;
        return true;
    }
    if (m_bytesRoute && ParseBytesPath(path, size) && size <= m_maxBodySize)
    {
        status = 200;
        contentType = "application/octet-stream";
        return true;
    }
    return false;
}

void
HttpServerApplication::Reject(Ptr<Socket> socket,
                              Connection& c,
                              uint16_t status,
                              const std::string& reason,
                              bool close)
{
    NS_LOG_INFO("answering " << status << ": " << reason);
    m_badRequestTrace(status, reason);
    Pending p;
    p.status = status;
    p.path = "/error/" + std::to_string(status);
    p.bodySize = reason.empty() ? 0 : 64;
    p.close = close;
    c.inputDone = c.inputDone || close;
    p.head = HttpMessageWriter::ResponseHead(status, p.bodySize, "text/plain", !close);
    Enqueue(socket, c, std::move(p), Seconds(0));
}

void
HttpServerApplication::Enqueue(Ptr<Socket> socket, Connection& c, Pending p, Time delay)
{
    p.id = m_nextId++;
    ++m_statusCounts[p.status];
    p.ready = delay.IsZero();
    if (!p.ready)
    {
        Simulator::Schedule(delay, &HttpServerApplication::MarkReady, this, socket, p.id);
    }
    c.queue.push_back(std::move(p));
}

void
HttpServerApplication::MarkReady(Ptr<Socket> socket, uint64_t id)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
    {
        return;
    }
    for (auto& p : it->second.queue)
    {
        p.ready = p.ready || p.id == id;
    }
    Pump(socket);
}

void
HttpServerApplication::HandleSend(Ptr<Socket> socket, uint32_t)
{
    Pump(socket);
}

bool
HttpServerApplication::SendSome(Ptr<Socket> socket, Pending& p)
{
    uint64_t total = p.head.size() + p.bodySize;
    std::vector<uint8_t> chunk;
    HttpBodyGenerator body(p.path);
    while (p.sent < total)
    {
        uint32_t room = socket->GetTxAvailable();
        if (room == 0)
        {
            return false; // HandleSend resumes when the peer acknowledges data
        }
        uint32_t size = static_cast<uint32_t>(std::min<uint64_t>({room, total - p.sent, g_maxChunk}));
        chunk.resize(size);
        for (uint32_t i = 0; i < size;)
        {
            uint64_t at = p.sent + i;
            if (at < p.head.size())
            {
                uint32_t n = static_cast<uint32_t>(std::min<uint64_t>(size - i, p.head.size() - at));
                std::copy_n(p.head.data() + at, n, chunk.data() + i);
                i += n;
            }
            else
            {
                body.Fill(at - p.head.size(), chunk.data() + i, size - i);
                i = size;
            }
        }
        int sent = socket->Send(chunk.data(), size, 0);
        if (sent <= 0)
        {
            return false;
        }
        p.sent += static_cast<uint64_t>(sent);
    }
    return true;
}

void
HttpServerApplication::Pump(Ptr<Socket> socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
    {
        return;
    }
    Connection& c = it->second;
    while (!c.queue.empty() && c.queue.front().ready)
    {
        Pending& p = c.queue.front();
        if (!SendSome(socket, p))
        {
            return;
        }
        m_responseTrace(p.status, p.method, p.target, p.bodySize);
        bool close = p.close;
        c.queue.pop_front();
        if (close)
        {
            CloseConnection(socket); // the FIN follows the queued response
            return;
        }
    }
    if (c.queue.empty())
    {
        if (c.peerClosed)
        {
            CloseConnection(socket);
            return;
        }
        ArmIdle(socket, c);
    }
}

void
HttpServerApplication::ArmIdle(Ptr<Socket> socket, Connection& c)
{
    c.idle.Cancel();
    if (!m_idleTimeout.IsZero())
    {
        c.idle = Simulator::Schedule(m_idleTimeout,
                                     &HttpServerApplication::CloseIdle,
                                     this,
                                     PeekPointer(socket));
    }
}

void
HttpServerApplication::CloseIdle(const Socket* socket)
{
    // Forget cancels this event before the connection leaves the map, so a socket found here is
    // the one the event was armed for.
    auto it = m_connections.find(socket);
    if (it != m_connections.end())
    {
        CloseConnection(it->first);
    }
}

void
HttpServerApplication::HandlePeerClose(Ptr<Socket> socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
    {
        return;
    }
    HandleRead(socket);
    it = m_connections.find(socket);
    if (it != m_connections.end())
    {
        it->second.peerClosed = true;
        it->second.inputDone = true;
        Pump(socket); // closes once the queued responses are sent
    }
}

void
HttpServerApplication::HandleError(Ptr<Socket> socket)
{
    NS_LOG_INFO("connection reset or timed out");
    Forget(socket);
}

void
HttpServerApplication::CloseConnection(Ptr<Socket> socket)
{
    if (m_connections.count(socket) == 0)
    {
        return;
    }
    Forget(socket);
    socket->Close();
}

void
HttpServerApplication::Forget(Ptr<Socket> socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
    {
        return;
    }
    it->second.idle.Cancel();
    socket->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
    socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(), MakeNullCallback<void, Ptr<Socket>>());
    m_connections.erase(it);
}

} // namespace ns3
