#include "http-message-writer.h"

// GCC 12 with -fsanitize reports false maybe-uninitialized in Beast 1.74's boost::optional use.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/beast/http.hpp>
#pragma GCC diagnostic pop

#include <sstream>

namespace ns3
{

namespace http = boost::beast::http;

std::string
HttpMessageWriter::Request(const std::string& method,
                           const std::string& target,
                           const std::string& host,
                           bool keepAlive)
{
    http::request<http::empty_body> request;
    request.method_string(method);
    request.target(target);
    request.version(11);
    request.set(http::field::host, host); // RFC 9112 3.2: Host is mandatory in HTTP/1.1
    request.set(http::field::user_agent, "ns-3 handshake HttpClientApplication");
    request.keep_alive(keepAlive);
    http::serializer<true, http::empty_body> serializer(request);
    std::ostringstream bytes;
    boost::beast::error_code ec;
    do
    {
        serializer.next(ec, [&](boost::beast::error_code&, const auto& buffers) {
            for (auto buffer : boost::beast::buffers_range_ref(buffers))
            {
                bytes.write(static_cast<const char*>(buffer.data()), buffer.size());
            }
            serializer.consume(boost::beast::buffer_bytes(buffers));
        });
    } while (!ec && !serializer.is_done());
    return bytes.str();
}

std::string
HttpMessageWriter::ResponseHead(unsigned status,
                                uint64_t contentLength,
                                const std::string& contentType,
                                bool keepAlive)
{
    http::response<http::empty_body> response;
    response.result(status);
    response.version(11);
    response.set(http::field::server, "ns-3 handshake HttpServerApplication");
    response.set(http::field::content_type, contentType);
    response.content_length(contentLength);
    response.keep_alive(keepAlive);
    std::ostringstream bytes;
    bytes << response.base(); // the head only: status line, fields, empty line
    return bytes.str();
}

} // namespace ns3
