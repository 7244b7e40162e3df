/*
 * HTTP/1.1 message heads as bytes, serialised by Boost.Beast (kept out of this header so users of
 * the apps do not compile Beast). Bodies are streamed separately by the server.
 */
#ifndef HANDSHAKE_HTTP_MESSAGE_WRITER_H
#define HANDSHAKE_HTTP_MESSAGE_WRITER_H

#include <cstdint>
#include <string>

namespace ns3
{

class HttpMessageWriter
{
  public:
    /** A bodiless request, e.g. "GET /bytes/10 HTTP/1.1" with Host and, unless \p keepAlive,
     *  "Connection: close" (RFC 9112 9.6). */
    static std::string Request(const std::string& method,
                               const std::string& target,
                               const std::string& host,
                               bool keepAlive);

    /** Status line and header fields of a response whose body of \p contentLength bytes follows
     *  (RFC 9112 6.3: Content-Length frames the body, so the connection can be reused). */
    static std::string ResponseHead(unsigned status,
                                    uint64_t contentLength,
                                    const std::string& contentType,
                                    bool keepAlive);
};

} // namespace ns3

#endif // HANDSHAKE_HTTP_MESSAGE_WRITER_H
