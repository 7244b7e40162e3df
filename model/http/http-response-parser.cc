#include "http-response-parser.h"

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

namespace
{

/** A Beast Body that hands each parsed piece of body to a sink instead of storing it. */
struct SinkBody
{
    struct value_type
    {
        const HttpResponseParser::BodySink* sink{nullptr};
        uint64_t bytes{0};
    };

    class reader
    {
      public:
        template <bool isRequest, class Fields>
        reader(http::header<isRequest, Fields>&, value_type& body)
            : m_body(body)
        {
        }

        void init(const boost::optional<std::uint64_t>&, boost::beast::error_code& ec)
        {
            ec = {};
        }

        template <class ConstBufferSequence>
        std::size_t put(const ConstBufferSequence& buffers, boost::beast::error_code& ec)
        {
            std::size_t total = 0;
            for (auto buffer : boost::beast::buffers_range_ref(buffers))
            {
                if (m_body.sink && *m_body.sink)
                {
                    (*m_body.sink)(static_cast<const uint8_t*>(buffer.data()), buffer.size());
                }
                total += buffer.size();
            }
            m_body.bytes += total;
            ec = {};
            return total;
        }

        void finish(boost::beast::error_code& ec)
        {
            ec = {};
        }

      private:
        value_type& m_body;
    };
};

} // namespace

struct HttpResponseParser::Impl
{
    uint32_t headerLimit;
    uint64_t bodyLimit;
    uint32_t headerUsed{0}; //!< bytes of the current message's header the parser took
    BodySink sink;
    std::string buffer;
    std::optional<http::response_parser<SinkBody>> parser;
    std::optional<Status> failure;
    std::string error;

    void Fresh()
    {
        parser.emplace();
        headerUsed = 0;
        parser->eager(true);
        parser->header_limit(headerLimit);
        parser->body_limit(bodyLimit);
        parser->get().body().sink = &sink;
    }

    Status Fail(const boost::beast::error_code& ec)
    {
        error = ec.message();
        failure = ec == http::error::header_limit ? Status::HEADER_TOO_LARGE
                  : ec == http::error::body_limit ? Status::BODY_TOO_LARGE
                  : ec == http::error::partial_message ? Status::TRUNCATED
                                                        : Status::MALFORMED;
        return *failure;
    }

    Status Done(Response& out)
    {
        const auto& message = parser->get();
        if (message.result_int() < 100 || message.result_int() > 599)
        {
            // RFC 9110 15: values outside 100..599 are invalid (Beast takes any three digits).
            error = "status " + std::to_string(message.result_int()) + " outside 100..599";
            failure = Status::MALFORMED;
            return *failure;
        }
        out.status = message.result_int();
        out.keepAlive = message.keep_alive();
        out.contentLength.reset();
        if (auto length = parser->content_length())
        {
            out.contentLength = *length;
        }
        out.bodyBytes = message.body().bytes;
        out.contentType = std::string(message[http::field::content_type]);
        parser.reset();
        return Status::DONE;
    }
};

HttpResponseParser::HttpResponseParser(uint32_t headerLimit, uint64_t bodyLimit)
    : m_impl(std::make_unique<Impl>())
{
    m_impl->headerLimit = headerLimit;
    m_impl->bodyLimit = bodyLimit;
}

HttpResponseParser::~HttpResponseParser() = default;

void
HttpResponseParser::SetBodySink(BodySink sink)
{
    m_impl->sink = std::move(sink);
}

void
HttpResponseParser::Append(const uint8_t* data, size_t size)
{
    m_impl->buffer.append(reinterpret_cast<const char*>(data), size);
}

HttpResponseParser::Status
HttpResponseParser::Next(Response& out)
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
            return s.Fail(ec);
        }
        if (s.parser->is_done())
        {
            return s.Done(out);
        }
        if (used == 0)
        {
            break;
        }
    }
    return Status::NEED_MORE;
}

HttpResponseParser::Status
HttpResponseParser::Finish(Response& out)
{
    Impl& s = *m_impl;
    if (s.failure)
    {
        return *s.failure;
    }
    if (!InProgress())
    {
        return Status::NEED_MORE; // a clean end between responses
    }
    if (!s.buffer.empty())
    {
        // Bytes that never formed a complete header: the stream ended inside a response.
        s.error = "end of stream inside a response header";
        s.failure = Status::TRUNCATED;
        return *s.failure;
    }
    boost::beast::error_code ec;
    s.parser->put_eof(ec);
    if (ec)
    {
        return s.Fail(ec);
    }
    return s.parser->is_done() ? s.Done(out) : Status::TRUNCATED;
}

bool
HttpResponseParser::HeaderDone() const
{
    return m_impl->parser && m_impl->parser->is_header_done();
}

size_t
HttpResponseParser::Pending() const
{
    return m_impl->buffer.size();
}

bool
HttpResponseParser::InProgress() const
{
    return !m_impl->buffer.empty() || (m_impl->parser && m_impl->parser->got_some());
}

std::string
HttpResponseParser::Error() const
{
    return m_impl->error;
}

} // namespace ns3
