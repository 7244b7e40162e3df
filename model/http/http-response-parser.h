/*
 * Response side of the client: socket bytes in, parsed HTTP/1.1 responses out in order, with the
 * body handed to a sink as it arrives (never stored). Parsing is Boost.Beast's.
 */
#ifndef HANDSHAKE_HTTP_RESPONSE_PARSER_H
#define HANDSHAKE_HTTP_RESPONSE_PARSER_H

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace ns3
{

class HttpResponseParser
{
  public:
    enum class Status
    {
        NEED_MORE,        //!< the current response is not complete yet
        DONE,             //!< a response was parsed
        MALFORMED,        //!< not an HTTP/1.1 response
        HEADER_TOO_LARGE, //!< header section over the limit
        BODY_TOO_LARGE,   //!< body over the limit
        TRUNCATED         //!< the stream ended inside a response
    };

    struct Response
    {
        unsigned status{0};
        bool keepAlive{true};
        std::optional<uint64_t> contentLength;
        uint64_t bodyBytes{0};
        std::string contentType;
    };

    /** Receives each piece of body as it is parsed, in order. */
    using BodySink = std::function<void(const uint8_t* data, size_t size)>;

    HttpResponseParser(uint32_t headerLimit, uint64_t bodyLimit);
    ~HttpResponseParser();
    HttpResponseParser(const HttpResponseParser&) = delete;
    HttpResponseParser& operator=(const HttpResponseParser&) = delete;

    /** The sink for the body of the current and all following responses. */
    void SetBodySink(BodySink sink);
    /** Buffers bytes from the socket. */
    void Append(const uint8_t* data, size_t size);
    /** Parses as far as the buffered bytes allow; DONE fills \p out. An error is final. */
    Status Next(Response& out);
    /**
     * The peer closed its side: completes a response delimited by the close (RFC 9112 6.3 rule 8)
     * or reports TRUNCATED when a response was under way; NEED_MORE when nothing was pending.
     */
    Status Finish(Response& out);

    /** True once the current response's header section has been parsed. */
    bool HeaderDone() const;
    /** Bytes buffered and not yet consumed. */
    size_t Pending() const;
    /** True when some bytes of the current response were consumed or are buffered. */
    bool InProgress() const;
    std::string Error() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace ns3

#endif // HANDSHAKE_HTTP_RESPONSE_PARSER_H
