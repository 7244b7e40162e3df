/*
 * An HTTP/1.1 origin server as an ns-3 Application over any ns3::Socket stream factory (ns-3's
 * stock TCP or handshake's own). Responses come from a route table; bodies are generated from
 * (path, offset) by HttpBodyGenerator so clients verify every byte. See doc/http.rst.
 */
#ifndef HANDSHAKE_HTTP_SERVER_APPLICATION_H
#define HANDSHAKE_HTTP_SERVER_APPLICATION_H

#include "socket-order.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <list>
#include <map>
#include <memory>
#include <string>

namespace ns3
{

class HttpRequestParser;

class HttpServerApplication : public Application
{
  public:
    static TypeId GetTypeId();
    HttpServerApplication();
    ~HttpServerApplication() override;

    /**
     * Serves \p path (exact match, query ignored) with a body whose size is drawn from \p size for
     * each request, with \p status and \p contentType.
     */
    void AddRoute(const std::string& path,
                  Ptr<RandomVariableStream> size,
                  uint16_t status = 200,
                  const std::string& contentType = "application/octet-stream");

    /** Responses queued so far with this status (200, 400, 404, 413, 431, 501, ...). */
    uint64_t GetStatusCount(uint16_t status) const;
    /** Connections refused by the MaxConnections limit. */
    uint64_t GetRefusedCount() const;
    /** Connections accepted so far. */
    uint64_t GetAcceptedCount() const;
    /** Connections open now. */
    uint32_t GetOpenConnections() const;

    /** Signature of the Response trace: status, method, target, body bytes, once fully sent. */
    typedef void (*ResponseTracedCallback)(uint16_t status,
                                           const std::string& method,
                                           const std::string& target,
                                           uint64_t bodyBytes);
    /** Signature of the BadRequest trace: the status answered (400, 404, 413, 431, 501) and why. */
    typedef void (*BadRequestTracedCallback)(uint16_t status, const std::string& reason);

  private:
    struct Route
    {
        Ptr<RandomVariableStream> size;
        uint16_t status;
        std::string contentType;
    };

    /** A response waiting for its turn on a connection (RFC 9112 9.3.2: in request order). */
    struct Pending
    {
        uint64_t id{0};
        uint16_t status{200};
        std::string method;
        std::string target;
        std::string path;   //!< names the body (HttpBodyGenerator)
        std::string head;   //!< serialised status line and fields
        uint64_t bodySize{0};
        uint64_t sent{0};   //!< bytes of head + body handed to the socket
        bool ready{false};  //!< its response delay has elapsed
        bool close{false};  //!< close the connection once it is sent
    };

    struct Connection
    {
        std::unique_ptr<HttpRequestParser> parser;
        std::list<Pending> queue; //!< a list: an empty std::deque holds 576 bytes (issue [bench])
        uint32_t requests{0};
        bool inputDone{false}; //!< no further requests are processed on this connection
        bool peerClosed{false};
        EventId idle;
    };

    void StartApplication() override;
    void StopApplication() override;
    void DoDispose() override;

    bool HandleConnectionRequest(Ptr<Socket> socket, const Address& from);
    void HandleAccept(Ptr<Socket> socket, const Address& from);
    void HandleRead(Ptr<Socket> socket);
    void HandleSend(Ptr<Socket> socket, uint32_t available);
    void HandlePeerClose(Ptr<Socket> socket);
    void HandleError(Ptr<Socket> socket);

    void ParseRequests(Ptr<Socket> socket, Connection& c);
    void Dispatch(Ptr<Socket> socket, Connection& c, const std::string& method,
                  const std::string& target, bool keepAlive);
    void Enqueue(Ptr<Socket> socket, Connection& c, Pending p, Time delay);
    void Reject(Ptr<Socket> socket, Connection& c, uint16_t status, const std::string& reason, bool close);
    void MarkReady(Ptr<Socket> socket, uint64_t id);
    void Pump(Ptr<Socket> socket);
    bool SendSome(Ptr<Socket> socket, Pending& p);
    void ArmIdle(Ptr<Socket> socket, Connection& c);
    /** The idle timeout of \p socket's connection, named by address: the event holds no Ptr,
     *  so a closed socket is freed at once, not when its cancelled event comes due. */
    void CloseIdle(const Socket* socket);
    void CloseConnection(Ptr<Socket> socket);
    void Forget(Ptr<Socket> socket);
    /** Body size and status for a GET/HEAD of \p path; false if no route matches. */
    bool Lookup(const std::string& path, uint64_t& size, uint16_t& status, std::string& contentType);

    uint16_t m_port;
    TypeId m_socketTid;
    Ptr<RandomVariableStream> m_delay;
    Time m_idleTimeout;
    uint32_t m_maxRequests;
    uint32_t m_maxConnections;
    uint32_t m_headerLimit;
    uint32_t m_requestBodyLimit;
    bool m_bytesRoute;
    uint64_t m_maxBodySize;

    Ptr<Socket> m_listener;
    std::map<std::string, Route> m_routes;
    std::map<Ptr<Socket>, Connection, SocketOrder> m_connections;
    std::map<uint16_t, uint64_t> m_statusCounts;
    uint64_t m_refused{0};
    uint64_t m_accepted{0};
    uint64_t m_nextId{0};

    TracedCallback<uint16_t, const std::string&, const std::string&, uint64_t> m_responseTrace;
    TracedCallback<uint16_t, const std::string&> m_badRequestTrace;
};

} // namespace ns3

#endif // HANDSHAKE_HTTP_SERVER_APPLICATION_H
