/*
 * Request side of the server: socket bytes in, one parsed HTTP/1.1 request at a time out, with
 * pipelined requests kept in order. Parsing is Boost.Beast's (hidden behind this class).
 */
#ifndef HANDSHAKE_HTTP_REQUEST_PARSER_H
#define HANDSHAKE_HTTP_REQUEST_PARSER_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace ns3
{

class HttpRequestParser
{
  public:
    enum class Status
    {
        NEED_MORE,        //!< no complete request buffered yet
        DONE,             //!< a request was parsed
        MALFORMED,        //!< syntax error: answer 400 (RFC 9112 2.2)
        HEADER_TOO_LARGE, //!< header section over the limit: answer 431 (RFC 6585 5)
        BODY_TOO_LARGE    //!< request content over the limit: answer 413 (RFC 9110 15.5.14)
    };

    struct Request
    {
        std::string method;
        std::string target;
        unsigned version{11}; //!< 10 or 11
        bool keepAlive{true}; //!< false after "Connection: close" or HTTP/1.0 without keep-alive
        uint64_t bodyBytes{0};
    };

    HttpRequestParser(uint32_t headerLimit, uint64_t bodyLimit);
    ~HttpRequestParser();
    HttpRequestParser(const HttpRequestParser&) = delete;
    HttpRequestParser& operator=(const HttpRequestParser&) = delete;

    /** Buffers bytes from the socket. */
    void Append(const uint8_t* data, size_t size);

    /**
     * Parses the next request from the buffered bytes. After DONE, \p out holds it and the bytes
     * that follow (a pipelined request) stay buffered for the next call. An error is final.
     */
    Status Next(Request& out);

    /** Bytes buffered and not yet part of a parsed request. */
    size_t Pending() const;
    /** The parser's text for the last error. */
    std::string Error() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace ns3

#endif // HANDSHAKE_HTTP_REQUEST_PARSER_H
