/*
 * The ranges of TCP attributes whose ns-3 checkers accept values that cannot work: with stock ns-3
 * TCP, SegmentSize=0 died of SIGFPE, RcvBufSize=0 and MaxWindowSize=0 of SIGSEGV, ConnCount=0 of an
 * uncaught exception; with ours SegmentSize=0 reset every request (issue 23). handshake-sim checks
 * every ns3:: flag and config entry against these before the run, for both TCPs.
 */
#ifndef HANDSHAKE_ATTRIBUTE_BOUNDS_H
#define HANDSHAKE_ATTRIBUTE_BOUNDS_H

#include <cstdint>
#include <string>

namespace ns3
{

class AttributeBounds
{
  public:
    /**
     * "" when \p text is a value \p path may take, else what is wrong and the accepted range.
     * \p path is TypeName::Attribute as on the command line; an attribute is found through the
     * TypeId that declares it or any child (ns3::HandshakeTcpSocket::SegmentSize is
     * ns3::TcpSocket::SegmentSize). Attributes without known bounds pass.
     */
    static std::string Check(const std::string& path, const std::string& text);

    /**
     * Bounds between attributes and on the TCP that runs (\p tcp: "handshake" or "ns3"), on the
     * defaults as they stand once every flag is set: "" or what is wrong. Our TCP's ephemeral port
     * range must not be empty; stock ns-3 TCP needs RcvBufSize >= STOCK_MIN_RCVBUF.
     */
    static std::string CheckTogether(const std::string& tcp);

    /**
     * Smallest ns3::TcpSocket::RcvBufSize stock ns-3 3.37 TCP survives: below it (a window scale
     * under 2) ns-3's TcpRateLinux::SkbSent dies of SIGSEGV as soon as the peer's window limits the
     * sender. Measured with handshake-sim (1 MB responses, 5% loss, RngRun 1-3): 131071 crashes every
     * run, 131072 none.
     */
    static constexpr uint64_t STOCK_MIN_RCVBUF = 131072;
};

} // namespace ns3

#endif // HANDSHAKE_ATTRIBUTE_BOUNDS_H
