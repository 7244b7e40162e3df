/*
 * Included by the HTTP parsers' .cc files only (an .ipp, as Boost names them: not a public header).
 * Beast's put() with the header size limit applied to the whole header section (start line and
 * fields), however the bytes arrived. Beast 1.74 counts the start line and the fields against the
 * limit separately when a header arrives in one piece, and together when it arrives in pieces: the
 * same message would be accepted or refused depending on how TCP segmented it (found by fuzz/).
 * Offering Beast no more than the limit until the header is done makes the limit exact.
 */
#ifndef HANDSHAKE_HTTP_HEADER_LIMIT_IPP
#define HANDSHAKE_HTTP_HEADER_LIMIT_IPP

#include <boost/beast/http/error.hpp>

#include <algorithm>
#include <cstdint>
#include <string>

namespace ns3
{

/**
 * Puts the front of \p buffer into \p parser (a Beast parser whose header_limit is \p headerLimit)
 * and returns how many bytes it used. \p headerUsed counts the bytes of the current message's
 * header Beast took so far (it takes the start line before the fields are complete); the caller
 * sets it to 0 for each new message. \p ec as Beast's, or header_limit once \p headerLimit bytes
 * of header are there and it is still not complete.
 *
 * The header is put on its own, eager parsing off: when Beast 1.74 goes on from a response header
 * into its body in the same put(), it loses the body_limit error of a Content-Length over the
 * limit (its body0 state clears the error code; found by fuzz/ too).
 */
template <class Parser>
size_t
PutWithinHeaderLimit(Parser& parser,
                     const std::string& buffer,
                     uint32_t headerLimit,
                     uint32_t& headerUsed,
                     boost::beast::error_code& ec)
{
    namespace http = boost::beast::http;
    if (parser.is_header_done())
    {
        return parser.put(boost::asio::buffer(buffer.data(), buffer.size()), ec);
    }
    size_t room = headerLimit - std::min(headerUsed, headerLimit);
    parser.eager(false);
    size_t used = parser.put(boost::asio::buffer(buffer.data(), std::min(buffer.size(), room)), ec);
    parser.eager(true);
    headerUsed += static_cast<uint32_t>(used);
    if (!parser.is_header_done())
    {
        if (ec == http::error::need_more && headerUsed + (buffer.size() - used) >= headerLimit)
        {
            ec = http::error::header_limit;
        }
        return used;
    }
    if (ec || parser.is_done() || used == buffer.size())
    {
        return used;
    }
    // The header ended within the room; the body wants what was held back.
    return used + parser.put(boost::asio::buffer(buffer.data() + used, buffer.size() - used), ec);
}

} // namespace ns3

#endif // HANDSHAKE_HTTP_HEADER_LIMIT_IPP
