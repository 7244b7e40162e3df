#include "http-request-parser.h"

// GCC 12 with -fsanitize reports false maybe-uninitialized in Beast 1.74's boost::optional use.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#pragma GCC diagnostic pop

#include "http-header-limit.ipp"

#include <optional>

namespace ns3
{

namespace http = boost::beast::http;

struct HttpRequestParser::Impl
{
    uint32_t headerLimit;
    uint64_t bodyLimit;
    uint32_t headerUsed{0}; //!< bytes of the current message's header the parser took
    std::string buffer; //!< bytes received and not yet consumed by the parser
    std::optional<http::request_parser<http::string_body>> parser;
    std::optional<Status> failure;
    std::string error;

    void Fresh()
    {
        parser.emplace();
        headerUsed = 0;
        parser->eager(true); // parse the body in the same put() as the header
        parser->header_limit(headerLimit);
        parser->body_limit(bodyLimit);
    }
};

HttpRequestParser::HttpRequestParser(uint32_t headerLimit, uint64_t bodyLimit)
    : m_impl(std::make_unique<Impl>())
{
    m_impl->headerLimit = headerLimit;
    m_impl->bodyLimit = bodyLimit;
}

HttpRequestParser::~HttpRequestParser() = default;

void
HttpRequestParser::Append(const uint8_t* data, size_t size)
{
    m_impl->buffer.append(reinterpret_cast<const char*>(data), size);
}

HttpRequestParser::Status
HttpRequestParser::Next(Request& out)
{
    Impl& s = *m_impl;
    if (s.failure)
    {
        return *s.failure;
    }
    if (!s.parser)
    {
        s.Fresh();
    }
    while (!s.buffer.empty())
    {
        boost::beast::error_code ec;
        size_t used = PutWithinHeaderLimit(*s.parser, s.buffer, s.headerLimit, s.headerUsed, ec);
        s.buffer.erase(0, used);
        if (ec == http::error::need_more)
        {
            return Status::NEED_MORE;
        }
        if (ec)
        {
            s.error = ec.message();
            s.failure = ec == http::error::header_limit ? Status::HEADER_TOO_LARGE
                        : ec == http::error::body_limit ? Status::BODY_TOO_LARGE
                                                        : Status::MALFORMED;
            return *s.failure;
        }
        if (s.parser->is_done())
        {
            const auto& message = s.parser->get();
            out.method = std::string(message.method_string());
            out.target = std::string(message.target());
            out.version = message.version();
            out.keepAlive = message.keep_alive();
            out.bodyBytes = message.body().size();
            s.parser.reset();
            return Status::DONE;
        }
        if (used == 0)
        {
            break;
        }
    }
    return Status::NEED_MORE;
}

size_t
HttpRequestParser::Pending() const
{
    return m_impl->buffer.size();
}

std::string
HttpRequestParser::Error() const
{
    return m_impl->error;
}

} // namespace ns3
