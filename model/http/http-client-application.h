/*
 * An HTTP/1.1 client as an ns-3 Application over any ns3::Socket stream factory. It runs a workload
 * of requests (or pages: a main object, then embedded objects in parallel) on K connections,
 * persistent or not, optionally pipelined, verifies every body byte with HttpBodyGenerator, and
 * reports one HttpRequestRecord per request through the "Record" trace. See doc/http.rst.
 */
#ifndef HANDSHAKE_HTTP_CLIENT_APPLICATION_H
#define HANDSHAKE_HTTP_CLIENT_APPLICATION_H

#include "http-request-record.h"
#include "http-response-parser.h"

#include "socket-order.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/dns-stub-resolver.h"
#include "ns3/event-id.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <list>
#include <map>
#include <memory>
#include <vector>

namespace ns3
{



class HttpClientApplication : public Application
{
  public:
    /** Connections a request is put on at most: RFC 9112 9.3.1 lets a client retry a GET whose
     *  connection closed before its response started; we do so once. */
    static constexpr uint32_t MAX_ATTEMPTS = 2;

    static TypeId GetTypeId();
    HttpClientApplication();
    ~HttpClientApplication() override;

    /** Requests that ended so far (records emitted). */
    uint64_t GetCompleted() const;

    typedef void (*RecordTracedCallback)(const HttpRequestRecord& record);

  private:
    /** A request to issue. */
    struct Job
    {
        uint64_t id{0};
        uint32_t page{0};
        bool main{false};       //!< the main object of a page
        uint32_t attempts{0};   //!< connections it was put on so far (a retry is the second)
        // The first attempt's connection: the request's record starts at its connect call.
        Time firstConnectCalled{Seconds(-1)};
        Time firstDnsStart{Seconds(-1)};
        Time firstDnsEnd{Seconds(-1)};
        bool firstDnsFromCache{false};
        uint64_t firstConnection{0};
        uint16_t firstLocalPort{0};
        std::string path;
        uint64_t expected{HttpRequestRecord::UNKNOWN_SIZE};
    };

    struct InFlight
    {
        Job job;
        HttpRequestRecord record;
        bool mismatch{false};
    };

    struct Connection
    {
        uint64_t id{0};
        uint32_t slot{0};
        Ptr<Socket> socket;
        bool established{false};
        bool reusable{true};
        Time connectCalled;
        Time dnsStart{Seconds(-1)}; //!< the lookup that gave its address (HostName set)
        Time dnsEnd{Seconds(-1)};
        bool dnsFromCache{false};
        bool dnsClaimed{false}; //!< its lookup went to the request that opened it
        Time establishedAt{Seconds(-1)};
        uint16_t localPort{0};
        // Lists, not deques: an empty std::deque holds 576 bytes, and a client keeps its
        // connections' records until they close (issue [bench]).
        std::list<Job> toSend;          //!< waiting for the handshake
        std::list<InFlight> outstanding; //!< sent, response not complete; front is being parsed
        std::string unsent; //!< request bytes the send buffer had no room for yet
        std::vector<HttpRequestRecord> done; //!< ended, emitted when the connection closes
        std::unique_ptr<HttpResponseParser> parser;
        EventId connectTimer;
        EventId responseTimer;       //!< fires at responseDeadline or earlier, then moves on
        Time responseDeadline{Time::Max()}; //!< Time::Max(): no response awaited
    };

    /** Where a slot's next connection stands with the host name's lookup (HostName set). */
    enum class Lookup : uint8_t
    {
        NONE,     //!< not asked yet
        PENDING,  //!< asked, a job parked until the answer
        READY,    //!< an address for the next connection
        FAILED    //!< the parked job ends as dns-failed
    };

    struct Slot
    {
        Ptr<Socket> socket; //!< its connection, if any
        bool thinking{false};
        Lookup lookup{Lookup::NONE};
        DnsStubResolver::Result lookupResult;
        std::list<Job> parked; //!< waiting for the lookup (at most one)
    };

    void StartApplication() override;
    void StopApplication() override;
    void DoDispose() override;

    // Workload
    bool NextJob(Job& job);
    bool WorkloadExhausted() const;
    Job MakeJob(uint32_t page, bool main, Ptr<RandomVariableStream> size);
    void StartPage();
    void TryIssueAll();
    void TryIssue(uint32_t slot);
    bool SlotHasRoom(uint32_t slot) const;
    void RequestEnded(uint32_t slot, const Job& job, bool ok);
    void EndThink(uint32_t slot);

    // Host name lookup
    /** Whether slot \p slot may open a connection now: no HostName, or its lookup answered. Starts
     *  the lookup when none is under way (a cache hit answers at once). */
    bool AddressReady(uint32_t slot);
    void LookupDone(uint32_t slot, const DnsStubResolver::Result& result);
    /** The parked job of a failed lookup ends as dns-failed (no connection was opened). */
    void LookupFailed(uint32_t slot);

    // Connections
    Connection& Open(uint32_t slot);
    /** Puts \p job on \p c (an attempt), sending it at once if \p c is established. */
    void Assign(Connection& c, Job job);
    void SendRequests(Connection& c);
    void HandleConnected(Ptr<Socket> socket);
    void HandleConnectFailed(Ptr<Socket> socket);
    void HandleRead(Ptr<Socket> socket);
    void HandlePeerClose(Ptr<Socket> socket);
    /** The send buffer has room again: write what of the requests is still unsent. */
    void HandleSendSpace(Ptr<Socket> socket, uint32_t available);
    /** Writes as much of c.unsent as the send buffer takes (ns3::Socket's Send is all or nothing). */
    void WriteUnsent(Connection& c);
    void HandleError(Ptr<Socket> socket);
    void ConnectTimeout(const Socket* socket, uint64_t connection);
    void ResponseTimeout(const Socket* socket, uint64_t connection);
    /** Moves the connection's response deadline to a timeout from now (or clears it): the one
     *  pending event stays and, when it fires early, waits for the rest. */
    void ArmResponseTimer(Connection& c);
    /** The connection \p connection on \p socket (named by address by the timers' events, which
     *  must not hold the socket), if it is still open. */
    std::map<Ptr<Socket>, Connection, SocketOrder>::iterator FindConnection(const Socket* socket,
                                                                           uint64_t connection);
    /** False when the connection failed (and is gone). */
    bool ParseResponses(Connection& c);
    void CompleteResponse(Connection& c, const HttpResponseParser::Response& response);
    void EndOfStream(Ptr<Socket> socket);
    /** The record's fields that come from \p job alone (node, request, page, path, size). */
    HttpRequestRecord JobRecord(const Job& job) const;
    /** \p job's record on \p c: JobRecord, the connection's and the first attempt's fields. */
    HttpRequestRecord NewRecord(const Connection& c, const Job& job) const;
    void VerifyBody(Connection& c, const uint8_t* data, size_t size);
    /** Ends every request still on \p c with \p outcome, closes it and emits its records. */
    void Fail(Ptr<Socket> socket, HttpRequestRecord::Outcome outcome, const std::string& detail,
              bool closeSocket);
    void Finish(Ptr<Socket> socket, bool closeSocket);
    void Emit(const HttpRequestRecord& record);

    // Attributes
    Address m_remote;
    std::string m_hostName;           //!< resolved before each connection when set
    Ptr<DnsStubResolver> m_resolver;  //!< the host's resolver (HostName set)
    TypeId m_socketTid;
    uint32_t m_requests;
    Time m_duration;
    Ptr<RandomVariableStream> m_size;
    Ptr<RandomVariableStream> m_embeddedSize;
    std::string m_path;
    std::string m_host; //!< Host field (RFC 9112 3.2)
    Ptr<RandomVariableStream> m_think;
    bool m_persistent;
    uint32_t m_pipeline;
    uint32_t m_parallel;
    uint32_t m_embedded;
    Time m_connectTimeout;
    Time m_responseTimeout;
    uint32_t m_headerLimit;
    uint64_t m_bodyLimit;

    // State
    std::vector<Slot> m_slots;
    std::map<Ptr<Socket>, Connection, SocketOrder> m_connections;
    std::list<Job> m_ready;      //!< jobs waiting for a slot (page objects, retries)
    uint64_t m_issued{0};        //!< requests (or pages) drawn from the workload
    uint64_t m_nextJob{0};
    uint64_t m_nextConnection{0};
    uint32_t m_page{0};
    uint32_t m_pageLeft{0};      //!< objects of the current page not yet ended
    bool m_pageThinking{false};
    Time m_started;
    uint64_t m_completed{0};
    bool m_running{false};
    bool m_inResolve{false}; //!< within m_resolver->Resolve: an answer now is a cache hit

    TracedCallback<const HttpRequestRecord&> m_recordTrace;
};

} // namespace ns3

#endif // HANDSHAKE_HTTP_CLIENT_APPLICATION_H
