#include "http-client-application.h"

#include "http-body-generator.h"
#include "http-message-writer.h"
#include "http-random-draw.h"
#include "http-response-parser.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HttpClientApplication");
NS_OBJECT_ENSURE_REGISTERED(HttpClientApplication);

using Outcome = HttpRequestRecord::Outcome;

TypeId
HttpClientApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::HttpClientApplication")
            .SetParent<Application>()
            .SetGroupName("Handshake")
            .AddConstructor<HttpClientApplication>()
            .AddAttribute("Remote", "Server address and port", AddressValue(),
                          MakeAddressAccessor(&HttpClientApplication::m_remote), MakeAddressChecker())
            .AddAttribute("HostName",
                          "The server's name: looked up with Resolver before each connection (the "
                          "address found replaces Remote's; its port stays) and sent as the Host "
                          "field; empty: connect to Remote as it is",
                          StringValue(""), MakeStringAccessor(&HttpClientApplication::m_hostName),
                          MakeStringChecker())
            .AddAttribute("Resolver", "The host's DNS stub resolver (with HostName)", PointerValue(),
                          MakePointerAccessor(&HttpClientApplication::m_resolver),
                          MakePointerChecker<DnsStubResolver>())
            .AddAttribute("SocketType", "Socket factory TypeId (any stream socket)",
                          TypeIdValue(TcpSocketFactory::GetTypeId()),
                          MakeTypeIdAccessor(&HttpClientApplication::m_socketTid), MakeTypeIdChecker())
            .AddAttribute("Requests",
                          "Requests to make (pages in the page model); 0 = no limit (see Duration)",
                          UintegerValue(1), MakeUintegerAccessor(&HttpClientApplication::m_requests),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Duration", "Stop issuing new requests this long after start; 0 = no limit",
                          TimeValue(Seconds(0)), MakeTimeAccessor(&HttpClientApplication::m_duration),
                          MakeTimeChecker())
            .AddAttribute("ResponseSize",
                          "Body bytes asked for, as GET /bytes/<n> (main object in the page model)",
                          StringValue("ns3::ConstantRandomVariable[Constant=1000]"),
                          MakePointerAccessor(&HttpClientApplication::m_size),
                          MakePointerChecker<RandomVariableStream>())
            .AddAttribute("EmbeddedSize", "Body bytes of each embedded object in the page model",
                          StringValue("ns3::ConstantRandomVariable[Constant=1000]"),
                          MakePointerAccessor(&HttpClientApplication::m_embeddedSize),
                          MakePointerChecker<RandomVariableStream>())
            .AddAttribute("Path",
                          "Fetch this path (a server route) instead of /bytes/<ResponseSize>",
                          StringValue(""), MakeStringAccessor(&HttpClientApplication::m_path),
                          MakeStringChecker())
            .AddAttribute("ThinkTime",
                          "Seconds between a response and the next request of a connection slot "
                          "(between pages in the page model)",
                          StringValue("ns3::ConstantRandomVariable[Constant=0]"),
                          MakePointerAccessor(&HttpClientApplication::m_think),
                          MakePointerChecker<RandomVariableStream>())
            .AddAttribute("Persistent",
                          "Reuse connections (RFC 9112 9.3); false = one connection per request",
                          BooleanValue(false), MakeBooleanAccessor(&HttpClientApplication::m_persistent),
                          MakeBooleanChecker())
            .AddAttribute("Pipeline",
                          "Requests outstanding per persistent connection (RFC 9112 9.3.2)",
                          UintegerValue(1), MakeUintegerAccessor(&HttpClientApplication::m_pipeline),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("Connections", "Parallel connections (browser-like)", UintegerValue(1),
                          MakeUintegerAccessor(&HttpClientApplication::m_parallel),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("EmbeddedObjects",
                          "Page model: objects fetched in parallel after each main object; 0 = off",
                          UintegerValue(0), MakeUintegerAccessor(&HttpClientApplication::m_embedded),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("ConnectTimeout", "Give up a connection not established by then; 0 = never",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&HttpClientApplication::m_connectTimeout), MakeTimeChecker())
            .AddAttribute("ResponseTimeout",
                          "Give up when a response makes no progress this long; 0 = never",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&HttpClientApplication::m_responseTimeout), MakeTimeChecker())
            .AddAttribute("HeaderLimit", "Largest response header section accepted", UintegerValue(8192),
                          MakeUintegerAccessor(&HttpClientApplication::m_headerLimit),
                          MakeUintegerChecker<uint32_t>(64))
            .AddAttribute("BodyLimit", "Largest response body accepted", UintegerValue(1ULL << 32),
                          MakeUintegerAccessor(&HttpClientApplication::m_bodyLimit),
                          MakeUintegerChecker<uint64_t>())
            .AddTraceSource("Record", "A request ended; its record (emitted when its connection closed)",
                            MakeTraceSourceAccessor(&HttpClientApplication::m_recordTrace),
                            "ns3::HttpClientApplication::RecordTracedCallback");
    return tid;
}

HttpClientApplication::HttpClientApplication() = default;
HttpClientApplication::~HttpClientApplication() = default;

uint64_t
HttpClientApplication::GetCompleted() const
{
    return m_completed;
}

void
HttpClientApplication::DoDispose()
{
    m_connections.clear();
    m_slots.clear();
    Application::DoDispose();
}

void
HttpClientApplication::StartApplication()
{
    m_running = true;
    m_started = Simulator::Now();
    std::ostringstream host;
    if (InetSocketAddress::IsMatchingType(m_remote))
    {
        InetSocketAddress remote = InetSocketAddress::ConvertFrom(m_remote);
        host << remote.GetIpv4();
        if (remote.GetPort() != 80)
        {
            host << ":" << remote.GetPort();
        }
    }
    m_host = host.str();
    if (!m_hostName.empty())
    {
        NS_ABORT_MSG_UNLESS(m_resolver, "HttpClientApplication: HostName '" << m_hostName << "' needs a Resolver");
        std::string port = m_host.find(':') == std::string::npos ? "" : m_host.substr(m_host.find(':'));
        m_host = m_hostName + port; // RFC 9110 7.2: the name the user asked for
    }
    m_slots.assign(m_parallel, Slot{});
    if (m_embedded > 0)
    {
        StartPage();
    }
    else
    {
        TryIssueAll();
    }
}

void
HttpClientApplication::StopApplication()
{
    m_running = false;
    while (!m_connections.empty())
    {
        Fail(m_connections.begin()->first, Outcome::UNFINISHED, "application stopped", true);
    }
    // A job waiting for its lookup was issued: it ends too, as unfinished.
    for (Slot& slot : m_slots)
    {
        for (const Job& job : slot.parked)
        {
            HttpRequestRecord r = JobRecord(job);
            r.dnsStart = slot.lookupResult.start;
            r.outcome = Outcome::UNFINISHED;
            r.detail = "application stopped during the DNS lookup";
            Emit(r);
        }
        slot.parked.clear();
    }
}

// ---- workload -----------------------------------------------------------------------------------

HttpClientApplication::Job
HttpClientApplication::MakeJob(uint32_t page, bool main, Ptr<RandomVariableStream> size)
{
    Job job;
    job.id = m_nextJob++;
    job.page = page;
    job.main = main;
    if (!m_path.empty() && (main || m_embedded == 0))
    {
        job.path = m_path;
        return job;
    }
    job.expected = static_cast<uint64_t>(HttpRandomDraw::NonNegative(
        size, size == m_embeddedSize ? "HttpClientApplication::EmbeddedSize" : "HttpClientApplication::ResponseSize"));
    job.path = "/bytes/" + std::to_string(job.expected);
    return job;
}

bool
HttpClientApplication::WorkloadExhausted() const
{
    return (m_requests != 0 && m_issued >= m_requests) ||
           (!m_duration.IsZero() && Simulator::Now() >= m_started + m_duration);
}

bool
HttpClientApplication::NextJob(Job& job)
{
    if (!m_ready.empty())
    {
        job = m_ready.front();
        m_ready.pop_front();
        return true;
    }
    if (m_embedded > 0 || WorkloadExhausted())
    {
        return false; // page objects only come through m_ready
    }
    ++m_issued;
    job = MakeJob(0, false, m_size);
    return true;
}

void
HttpClientApplication::StartPage()
{
    m_pageThinking = false;
    if (!m_running || WorkloadExhausted())
    {
        TryIssueAll(); // lets idle persistent connections close
        return;
    }
    m_page = static_cast<uint32_t>(m_issued++);
    m_ready.push_back(MakeJob(m_page, true, m_size));
    m_pageLeft = 1;
    TryIssueAll();
}

void
HttpClientApplication::TryIssueAll()
{
    for (uint32_t slot = 0; slot < m_slots.size(); ++slot)
    {
        TryIssue(slot);
    }
}

bool
HttpClientApplication::SlotHasRoom(uint32_t slot) const
{
    const Slot& s = m_slots[slot];
    if (!s.socket)
    {
        return true;
    }
    const Connection& c = m_connections.at(s.socket);
    return m_persistent && c.reusable && c.toSend.size() + c.outstanding.size() < m_pipeline;
}

void
HttpClientApplication::TryIssue(uint32_t slot)
{
    if (!m_running || slot >= m_slots.size() || m_slots[slot].thinking)
    {
        return;
    }
    while (SlotHasRoom(slot))
    {
        Slot& s = m_slots[slot];
        Job job;
        if (!s.parked.empty())
        {
            job = s.parked.front();
            s.parked.pop_front();
        }
        else if (!NextJob(job))
        {
            break;
        }
        if (!s.socket && !AddressReady(slot))
        {
            // The job waits for the lookup it started (or that failed): the next connection's
            // address comes first.
            m_slots[slot].parked.push_front(job);
            if (m_slots[slot].lookup == Lookup::FAILED)
            {
                LookupFailed(slot);
            }
            break;
        }
        Assign(m_slots[slot].socket ? m_connections.at(m_slots[slot].socket) : Open(slot), job);
    }
    // Nothing left to ask: an idle persistent connection is closed by us (RFC 9112 9.6).
    Ptr<Socket> socket = m_slots[slot].socket;
    bool pageWork = m_embedded > 0 && (m_pageLeft > 0 || !WorkloadExhausted());
    if (socket && m_persistent && m_ready.empty() && !pageWork && WorkloadExhausted())
    {
        const Connection& c = m_connections.at(socket);
        if (c.established && c.toSend.empty() && c.outstanding.empty())
        {
            Finish(socket, true);
        }
    }
}

void
HttpClientApplication::RequestEnded(uint32_t slot, const Job& job, bool ok)
{
    if (m_embedded > 0)
    {
        if (job.main && ok)
        {
            for (uint32_t i = 0; i < m_embedded; ++i)
            {
                m_ready.push_back(MakeJob(job.page, false, m_embeddedSize));
            }
            m_pageLeft += m_embedded;
        }
        if (--m_pageLeft == 0 && !m_pageThinking)
        {
            m_pageThinking = true;
            Time think = Seconds(HttpRandomDraw::NonNegative(m_think, "HttpClientApplication::ThinkTime"));
            Simulator::Schedule(think, &HttpClientApplication::StartPage, this);
        }
        Simulator::ScheduleNow(&HttpClientApplication::TryIssueAll, this);
        return;
    }
    Time think = Seconds(HttpRandomDraw::NonNegative(m_think, "HttpClientApplication::ThinkTime"));
    if (!think.IsZero() && !m_slots[slot].thinking)
    {
        m_slots[slot].thinking = true;
        Simulator::Schedule(think, &HttpClientApplication::EndThink, this, slot);
        return;
    }
    // Deferred: the caller may still be walking the connection's state.
    Simulator::ScheduleNow(&HttpClientApplication::TryIssue, this, slot);
}

void
HttpClientApplication::EndThink(uint32_t slot)
{
    if (slot < m_slots.size())
    {
        m_slots[slot].thinking = false;
        TryIssue(slot);
    }
}

// ---- host name lookup ---------------------------------------------------------------------------

bool
HttpClientApplication::AddressReady(uint32_t slot)
{
    Slot& s = m_slots[slot];
    if (m_hostName.empty() || s.lookup == Lookup::READY)
    {
        return true;
    }
    if (s.lookup == Lookup::NONE)
    {
        s.lookup = Lookup::PENDING;
        Ptr<HttpClientApplication> self(this); // alive until the answer, even if stopped
        m_inResolve = true;
        m_resolver->Resolve(m_hostName,
                            [self, slot](const DnsStubResolver::Result& r) { self->LookupDone(slot, r); });
        m_inResolve = false;
    }
    return m_slots[slot].lookup == Lookup::READY;
}

void
HttpClientApplication::LookupDone(uint32_t slot, const DnsStubResolver::Result& result)
{
    if (slot >= m_slots.size())
    {
        return;
    }
    Slot& s = m_slots[slot];
    s.lookupResult = result;
    s.lookup = result.ok ? Lookup::READY : Lookup::FAILED;
    if (!m_inResolve && m_running)
    {
        Simulator::ScheduleNow(&HttpClientApplication::TryIssue, this, slot);
    }
}

void
HttpClientApplication::LookupFailed(uint32_t slot)
{
    Slot& s = m_slots[slot];
    Job job = s.parked.front();
    s.parked.pop_front();
    s.lookup = Lookup::NONE; // the next job asks again
    HttpRequestRecord r = JobRecord(job);
    r.attempts = job.attempts;
    r.dnsStart = s.lookupResult.start;
    r.dnsEnd = s.lookupResult.end;
    r.outcome = Outcome::DNS_FAILED;
    r.detail = "DNS lookup of " + m_hostName + ": " + s.lookupResult.failure;
    Emit(r);
    RequestEnded(slot, job, false);
}

// ---- connections --------------------------------------------------------------------------------

HttpClientApplication::Connection&
HttpClientApplication::Open(uint32_t slot)
{
    Ptr<Socket> socket = Socket::CreateSocket(GetNode(), m_socketTid);
    Connection& c = m_connections[socket];
    c.id = m_nextConnection++;
    c.slot = slot;
    c.socket = socket;
    c.reusable = m_persistent;
    c.parser = std::make_unique<HttpResponseParser>(m_headerLimit, m_bodyLimit);
    Connection* self = &c; // std::map nodes do not move
    c.parser->SetBodySink([this, self](const uint8_t* data, size_t size) { VerifyBody(*self, data, size); });
    if (Inet6SocketAddress::IsMatchingType(m_remote))
    {
        socket->Bind6();
    }
    else
    {
        socket->Bind();
    }
    Address local;
    socket->GetSockName(local);
    if (InetSocketAddress::IsMatchingType(local))
    {
        c.localPort = InetSocketAddress::ConvertFrom(local).GetPort();
    }
    socket->SetConnectCallback(MakeCallback(&HttpClientApplication::HandleConnected, this),
                               MakeCallback(&HttpClientApplication::HandleConnectFailed, this));
    socket->SetRecvCallback(MakeCallback(&HttpClientApplication::HandleRead, this));
    socket->SetSendCallback(MakeCallback(&HttpClientApplication::HandleSendSpace, this));
    socket->SetCloseCallbacks(MakeCallback(&HttpClientApplication::HandlePeerClose, this),
                              MakeCallback(&HttpClientApplication::HandleError, this));
    c.connectCalled = Simulator::Now();
    Address remote = m_remote;
    Slot& s = m_slots[slot];
    if (!m_hostName.empty())
    {
        // The address the lookup found, for this connection; the next one looks up again.
        remote = InetSocketAddress(s.lookupResult.address, InetSocketAddress::ConvertFrom(m_remote).GetPort());
        c.dnsStart = s.lookupResult.start;
        c.dnsEnd = s.lookupResult.end;
        c.dnsFromCache = s.lookupResult.fromCache;
        s.lookup = Lookup::NONE;
    }
    socket->Connect(remote);
    if (!m_connectTimeout.IsZero())
    {
        c.connectTimer = Simulator::Schedule(m_connectTimeout, &HttpClientApplication::ConnectTimeout,
                                             this, PeekPointer(socket), c.id);
    }
    m_slots[slot].socket = socket;
    NS_LOG_INFO("connection " << c.id << " from port " << c.localPort);
    return c;
}

void
HttpClientApplication::Assign(Connection& c, Job job)
{
    if (job.attempts++ == 0)
    {
        job.firstConnectCalled = c.connectCalled;
        // The lookup was this request's if it opened the connection; a request that reuses one
        // looked nothing up.
        if (!c.dnsClaimed)
        {
            job.firstDnsStart = c.dnsStart;
            job.firstDnsEnd = c.dnsEnd;
            job.firstDnsFromCache = c.dnsFromCache;
            c.dnsClaimed = true;
        }
        job.firstConnection = c.id;
        job.firstLocalPort = c.localPort;
    }
    c.toSend.push_back(job);
    if (c.established)
    {
        SendRequests(c);
    }
}

HttpRequestRecord
HttpClientApplication::JobRecord(const Job& job) const
{
    HttpRequestRecord r;
    r.node = GetNode()->GetId();
    r.request = job.id;
    r.page = job.page;
    r.path = job.path;
    r.expectedBytes = job.expected;
    return r;
}

HttpRequestRecord
HttpClientApplication::NewRecord(const Connection& c, const Job& job) const
{
    HttpRequestRecord r = JobRecord(job);
    r.connection = c.id;
    r.localPort = c.localPort;
    // A retried request is measured from its first attempt: the time lost there is the request's.
    r.connectCalled = job.firstConnectCalled;
    r.dnsStart = job.firstDnsStart;
    r.dnsEnd = job.firstDnsEnd;
    r.dnsFromCache = job.firstDnsFromCache;
    r.attempts = job.attempts;
    r.firstConnection = job.firstConnection;
    r.firstLocalPort = job.firstLocalPort;
    r.established = c.establishedAt;
    return r;
}

void
HttpClientApplication::SendRequests(Connection& c)
{
    while (!c.toSend.empty())
    {
        InFlight f;
        f.job = c.toSend.front();
        c.toSend.pop_front();
        f.record = NewRecord(c, f.job);
        f.record.bodyBytes = 0;
        c.unsent += HttpMessageWriter::Request("GET", f.job.path, m_host, m_persistent);
        f.record.requestSent = Simulator::Now(); // handed to TCP, perhaps in pieces (WriteUnsent)
        c.outstanding.push_back(std::move(f));
    }
    WriteUnsent(c);
    ArmResponseTimer(c);
}

void
HttpClientApplication::WriteUnsent(Connection& c)
{
    // A send buffer smaller than a request (SndBufSize) takes it in pieces, each as room opens.
    while (!c.unsent.empty())
    {
        uint32_t room = std::min<uint32_t>(c.socket->GetTxAvailable(),
                                           static_cast<uint32_t>(c.unsent.size()));
        if (room == 0)
        {
            return; // HandleSendSpace resumes
        }
        int sent = c.socket->Send(reinterpret_cast<const uint8_t*>(c.unsent.data()), room, 0);
        if (sent <= 0)
        {
            return;
        }
        c.unsent.erase(0, static_cast<size_t>(sent));
    }
}

void
HttpClientApplication::HandleSendSpace(Ptr<Socket> socket, uint32_t /* available */)
{
    auto it = m_connections.find(socket);
    if (it != m_connections.end() && it->second.established)
    {
        WriteUnsent(it->second);
    }
}

void
HttpClientApplication::HandleConnected(Ptr<Socket> socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
    {
        return;
    }
    Connection& c = it->second;
    c.established = true;
    c.establishedAt = Simulator::Now();
    c.connectTimer.Cancel();
    SendRequests(c);
}

void
HttpClientApplication::HandleConnectFailed(Ptr<Socket> socket)
{
    Fail(socket, Outcome::CONNECT_FAILED, "connection refused or SYN retries exhausted", false);
}

std::map<Ptr<Socket>, HttpClientApplication::Connection, SocketOrder>::iterator
HttpClientApplication::FindConnection(const Socket* socket, uint64_t connection)
{
    auto it = m_connections.find(socket);
    return it != m_connections.end() && it->second.id == connection ? it : m_connections.end();
}

void
HttpClientApplication::ConnectTimeout(const Socket* key, uint64_t connection)
{
    auto it = FindConnection(key, connection);
    if (it != m_connections.end())
    {
        Fail(it->first, Outcome::CONNECT_FAILED, "connect timeout", true);
    }
}

void
HttpClientApplication::ResponseTimeout(const Socket* key, uint64_t connection)
{
    auto it = FindConnection(key, connection);
    if (it == m_connections.end())
    {
        return;
    }
    Connection& c = it->second;
    c.responseTimer = EventId();
    if (c.responseDeadline == Time::Max())
    {
        return;
    }
    if (Simulator::Now() < c.responseDeadline)
    {
        c.responseTimer = Simulator::Schedule(c.responseDeadline - Simulator::Now(),
                                              &HttpClientApplication::ResponseTimeout, this, key, connection);
        return;
    }
    Ptr<Socket> socket = it->first;
    if (c.outstanding.empty())
    {
        Finish(socket, true); // the server never closed after its last response
        return;
    }
    Fail(socket, Outcome::TIMEOUT, "no response progress", true);
}

void
HttpClientApplication::ArmResponseTimer(Connection& c)
{
    bool waiting = !c.outstanding.empty() || (!m_persistent && !c.done.empty());
    if (m_responseTimeout.IsZero() || !waiting)
    {
        c.responseDeadline = Time::Max(); // a pending event finds nothing to wait for
        return;
    }
    c.responseDeadline = Simulator::Now() + m_responseTimeout;
    if (c.responseTimer.IsExpired())
    {
        c.responseTimer = Simulator::Schedule(m_responseTimeout, &HttpClientApplication::ResponseTimeout,
                                              this, PeekPointer(c.socket), c.id);
    }
}

void
HttpClientApplication::HandleRead(Ptr<Socket> socket)
{
    auto it = m_connections.find(socket);
    bool eof = false;
    Ptr<Packet> packet;
    while ((packet = socket->Recv()))
    {
        if (packet->GetSize() == 0)
        {
            eof = true; // stock ns-3 TCP: end of stream in CLOSE_WAIT
            break;
        }
        if (it == m_connections.end())
        {
            continue;
        }
        Connection& c = it->second;
        if (!c.outstanding.empty() && !HttpRequestRecord::IsSet(c.outstanding.front().record.firstByte))
        {
            c.outstanding.front().record.firstByte = Simulator::Now();
        }
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        c.parser->Append(bytes.data(), bytes.size());
    }
    if (it == m_connections.end() || !ParseResponses(it->second))
    {
        return;
    }
    if (eof)
    {
        EndOfStream(socket);
    }
}

bool
HttpClientApplication::ParseResponses(Connection& c)
{
    Ptr<Socket> socket = c.socket;
    while (true)
    {
        if (c.outstanding.empty())
        {
            if (c.parser->Pending() > 0)
            {
                // Bytes beyond the last response: its framing (Content-Length) was wrong.
                if (!c.done.empty() && c.done.back().outcome == Outcome::OK)
                {
                    c.done.back().outcome = Outcome::BAD_RESPONSE;
                    c.done.back().detail = "bytes after the end of the response";
                }
                Fail(socket, Outcome::BAD_RESPONSE, "unsolicited bytes", true);
                return false;
            }
            break;
        }
        HttpResponseParser::Response response;
        auto status = c.parser->Next(response);
        if (status == HttpResponseParser::Status::NEED_MORE)
        {
            break;
        }
        if (status != HttpResponseParser::Status::DONE)
        {
            Fail(socket, Outcome::BAD_RESPONSE, "malformed response: " + c.parser->Error(), true);
            return false;
        }
        CompleteResponse(c, response);
    }
    ArmResponseTimer(c);
    return true;
}

void
HttpClientApplication::VerifyBody(Connection& c, const uint8_t* data, size_t size)
{
    if (c.outstanding.empty())
    {
        return;
    }
    InFlight& f = c.outstanding.front();
    HttpBodyGenerator body(f.job.path);
    if (!f.mismatch && body.FirstMismatch(f.record.bodyBytes, data, size) != size)
    {
        f.mismatch = true;
    }
    f.record.bodyBytes += size;
}

void
HttpClientApplication::CompleteResponse(Connection& c, const HttpResponseParser::Response& response)
{
    InFlight f = std::move(c.outstanding.front());
    c.outstanding.pop_front();
    HttpRequestRecord& r = f.record;
    r.lastByte = Simulator::Now();
    r.status = response.status;
    r.bodyBytes = response.bodyBytes;
    r.outcome = Outcome::OK;
    if (response.status / 100 == 2)
    {
        if (f.job.expected != HttpRequestRecord::UNKNOWN_SIZE && response.bodyBytes != f.job.expected)
        {
            r.outcome = Outcome::BAD_RESPONSE;
            r.detail = "wrong length: " + std::to_string(response.bodyBytes) + " bytes, asked for " +
                       std::to_string(f.job.expected);
        }
        else if (f.mismatch)
        {
            r.outcome = Outcome::BODY_MISMATCH;
            r.detail = "body differs from the generator's";
        }
    }
    if (!response.keepAlive)
    {
        c.reusable = false;
    }
    if (!c.outstanding.empty() && c.parser->InProgress())
    {
        c.outstanding.front().record.firstByte = Simulator::Now(); // pipelined: already arriving
    }
    bool ok = r.outcome == Outcome::OK;
    c.done.push_back(std::move(r));
    if (!m_persistent && response.keepAlive && c.outstanding.empty())
    {
        // We asked for "Connection: close" but the server keeps the connection: close it ourselves.
        Simulator::ScheduleNow(&HttpClientApplication::Finish, this, c.socket, true);
    }
    RequestEnded(c.slot, f.job, ok);
}

void
HttpClientApplication::HandlePeerClose(Ptr<Socket> socket)
{
    if (m_connections.count(socket) == 0)
    {
        return;
    }
    HandleRead(socket);
    if (m_connections.count(socket) != 0)
    {
        EndOfStream(socket);
    }
}

void
HttpClientApplication::EndOfStream(Ptr<Socket> socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
    {
        return;
    }
    Connection& c = it->second;
    if (!c.established)
    {
        Fail(socket, Outcome::CONNECT_FAILED, "closed before the handshake completed", true);
        return;
    }
    HttpResponseParser::Response response;
    auto status = c.parser->Finish(response);
    if (status == HttpResponseParser::Status::DONE && !c.outstanding.empty())
    {
        CompleteResponse(c, response);
    }
    else if (status != HttpResponseParser::Status::NEED_MORE)
    {
        Fail(socket, Outcome::BAD_RESPONSE, "truncated response: " + c.parser->Error(), true);
        return;
    }
    // Requests whose response never started: the server closed first (idle timeout or its
    // request limit). RFC 9112 9.3.1: a GET may be retried; once, on a new connection.
    for (auto f = c.outstanding.rbegin(); f != c.outstanding.rend(); ++f)
    {
        if (f->job.attempts < MAX_ATTEMPTS)
        {
            m_ready.push_front(f->job);
        }
        else
        {
            f->record.outcome = Outcome::RESET;
            f->record.detail = "closed by the server before the response";
            c.done.push_back(f->record);
            RequestEnded(c.slot, f->job, false);
        }
    }
    c.outstanding.clear();
    Finish(socket, true);
}

void
HttpClientApplication::HandleError(Ptr<Socket> socket)
{
    auto it = m_connections.find(socket);
    if (it != m_connections.end())
    {
        bool established = it->second.established;
        Fail(socket, established ? Outcome::RESET : Outcome::CONNECT_FAILED,
             "connection reset or timed out", false);
    }
}

void
HttpClientApplication::Fail(Ptr<Socket> socket, Outcome outcome, const std::string& detail, bool closeSocket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
    {
        return;
    }
    Connection& c = it->second;
    NS_LOG_INFO("connection " << c.id << ": " << HttpRequestRecord::OutcomeName(outcome) << ": " << detail);
    std::vector<Job> ended;
    bool first = true;
    for (auto& f : c.outstanding)
    {
        // The response being parsed gets the outcome; those queued behind a corrupt one are lost.
        bool corrupt = outcome == Outcome::BAD_RESPONSE || outcome == Outcome::BODY_MISMATCH;
        f.record.outcome = (first || !corrupt) ? outcome : Outcome::RESET;
        f.record.detail = detail;
        c.done.push_back(f.record);
        ended.push_back(f.job);
        first = false;
    }
    for (auto& job : c.toSend)
    {
        HttpRequestRecord r = NewRecord(c, job);
        r.outcome = c.established || outcome == Outcome::UNFINISHED ? outcome : Outcome::CONNECT_FAILED;
        r.detail = detail;
        c.done.push_back(r);
        ended.push_back(job);
    }
    c.outstanding.clear();
    c.toSend.clear();
    uint32_t slot = c.slot;
    Finish(socket, closeSocket);
    for (const auto& job : ended)
    {
        RequestEnded(slot, job, false);
    }
}

void
HttpClientApplication::Finish(Ptr<Socket> socket, bool closeSocket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
    {
        return;
    }
    Connection& c = it->second;
    c.connectTimer.Cancel();
    c.responseTimer.Cancel();
    socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(), MakeNullCallback<void, Ptr<Socket>>());
    socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(), MakeNullCallback<void, Ptr<Socket>>());
    if (closeSocket)
    {
        // Unread data at Close() would make TCP answer with a RST. At end of stream stock ns-3
        // TCP keeps returning an empty packet, not null.
        Ptr<Packet> unread;
        while ((unread = socket->Recv()) && unread->GetSize() > 0)
        {
        }
        socket->Close(); // after the server's FIN this is the second half of the teardown
    }
    Time now = Simulator::Now();
    std::vector<HttpRequestRecord> done = std::move(c.done);
    uint32_t slot = c.slot;
    if (slot < m_slots.size() && m_slots[slot].socket == socket)
    {
        m_slots[slot].socket = nullptr;
    }
    m_connections.erase(it);
    for (auto& r : done)
    {
        r.closed = now;
        Emit(r);
    }
    if (m_running)
    {
        Simulator::ScheduleNow(&HttpClientApplication::TryIssue, this, slot);
    }
}

void
HttpClientApplication::Emit(const HttpRequestRecord& record)
{
    ++m_completed;
    NS_LOG_INFO("request " << record.request << " " << record.path << ": "
                           << HttpRequestRecord::OutcomeName(record.outcome) << " " << record.status
                           << " " << record.bodyBytes << " bytes " << record.detail);
    m_recordTrace(record);
}

} // namespace ns3
