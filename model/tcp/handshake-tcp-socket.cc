#include "handshake-tcp-socket.h"

#include "handshake-tcp-l4-protocol.h"
#include "handshake-tcp-strategy-ops.h"
#include "handshake-tcp-time.h"
#include "tcp-congestion-control.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum-accessor.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/type-id.h"
#include "ns3/uinteger.h"

#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HandshakeTcpSocket");
NS_OBJECT_ENSURE_REGISTERED(HandshakeTcpSocket);

using handshake::TcpAddressBytes;
using handshake::TcpEvent;
using handshake::TcpOutcome;
using handshake::TcpSegment;
using handshake::TcpState;
using handshake::TcpTime;
using handshake::ToTcpTime;
using handshake::ToTime;
using handshake::TcpTimerKind;

TypeId
HandshakeTcpSocket::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::HandshakeTcpSocket")
            .SetParent<TcpSocket>()
            .SetGroupName("Handshake")
            .AddConstructor<HandshakeTcpSocket>()
            .AddAttribute("Profile",
                          "Where every default of ours comes from: Linux (Linux 6.x) or Rfc (the "
                          "RFCs' values); see doc/tcp-core.rst. An attribute set explicitly, "
                          "ns3::TcpSocket's included, wins over the profile.",
                          EnumValue(static_cast<int>(handshake::TcpProfile::LINUX)),
                          MakeEnumAccessorOf<int>(&HandshakeTcpSocket::SetProfileValue,
                                                  &HandshakeTcpSocket::GetProfileValue),
                          MakeEnumChecker(static_cast<int>(handshake::TcpProfile::LINUX),
                                          "Linux",
                                          static_cast<int>(handshake::TcpProfile::RFC),
                                          "Rfc"))
            // The RTO bounds take at least 1 ms: below a timer's granularity an RTO means nothing,
            // and 1 ns gave up every SYN before its SYN-ACK could come back (issue 23).
            .AddAttribute("InitialRto",
                          "Initial retransmission timeout, SYN included (both profiles: 1 s, RFC "
                          "6298 2.1).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&HandshakeTcpSocket::SetInitialRto,
                                           &HandshakeTcpSocket::GetInitialRto),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("MinRto",
                          "Lower bound of the RTO (Linux: 200 ms, TCP_RTO_MIN; Rfc: 1 s, RFC 6298 "
                          "2.4). Default: the profile's.",
                          TimeValue(MilliSeconds(200)),
                          MakeTimeAccessor(&HandshakeTcpSocket::SetMinRto,
                                           &HandshakeTcpSocket::GetMinRto),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("MaxRto",
                          "Upper bound of the RTO (Linux: 120 s, TCP_RTO_MAX; Rfc: 60 s, RFC 6298 "
                          "2.5). Default: the profile's.",
                          TimeValue(Seconds(120)),
                          MakeTimeAccessor(&HandshakeTcpSocket::SetMaxRto,
                                           &HandshakeTcpSocket::GetMaxRto),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("Msl",
                          "Maximum segment lifetime; TIME_WAIT lasts 2 MSL (Linux: 30 s, so "
                          "TCP_TIMEWAIT_LEN = 60 s; Rfc: 2 min, RFC 9293 3.4.2). Default: the "
                          "profile's.",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&HandshakeTcpSocket::SetMsl, &HandshakeTcpSocket::GetMsl),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("FinTimeout",
                          "How long a connection the application has closed (Close, not "
                          "ShutdownSend) waits in FIN_WAIT_2 for the peer's FIN before it ends "
                          "TIMED_OUT, nothing sent (Linux: net.ipv4.tcp_fin_timeout = 60 s; Rfc: "
                          "0 = no limit, RFC 9293 has none). Default: the profile's.",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&HandshakeTcpSocket::SetFinTimeout,
                                           &HandshakeTcpSocket::GetFinTimeout),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("PersistMax",
                          "Upper bound of the zero-window probe interval (RFC 9293 3.8.6.1; "
                          "PersistTimeout is the lower bound; Linux 120 s, Rfc 60 s).",
                          TimeValue(Seconds(120)),
                          MakeTimeAccessor(&HandshakeTcpSocket::SetPersistMax,
                                           &HandshakeTcpSocket::GetPersistMax),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("WindowScale",
                          "Window scale shift offered on SYN (RFC 7323 2.2; 0 offers none; "
                          "both profiles: 7, as Linux for tcp_rmem's 6 MB).",
                          UintegerValue(7),
                          MakeUintegerAccessor(&HandshakeTcpSocket::SetWindowScale,
                                               &HandshakeTcpSocket::GetWindowScale),
                          MakeUintegerChecker<uint8_t>(0, 14))
            .AddAttribute("Sack",
                          "Offer and use SACK (RFC 2018) and D-SACK (RFC 2883); both profiles: "
                          "on (Linux tcp_sack).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&HandshakeTcpSocket::SetSack,
                                              &HandshakeTcpSocket::GetSack),
                          MakeBooleanChecker())
            .AddAttribute("Timestamps",
                          "Offer and use timestamps (RFC 7323 3-5: RTT samples, PAWS); both "
                          "profiles: on (Linux tcp_timestamps).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&HandshakeTcpSocket::SetTimestamps,
                                              &HandshakeTcpSocket::GetTimestamps),
                          MakeBooleanChecker())
            .AddAttribute("QuickAcks",
                          "Data segments acknowledged at once at the start of a transfer (Linux "
                          "TCP_MAX_QUICKACKS: 16; Rfc: 0).",
                          UintegerValue(16),
                          MakeUintegerAccessor(&HandshakeTcpSocket::SetQuickAcks,
                                               &HandshakeTcpSocket::GetQuickAcks),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MinSendMss",
                          "The smallest MSS our segments are cut to, whatever the peer's SYN "
                          "announces (an announced 0 counts as no option: 536). Linux: "
                          "net.ipv4.tcp_min_snd_mss = 48, against CVE-2019-11479; both profiles.",
                          UintegerValue(48),
                          MakeUintegerAccessor(&HandshakeTcpSocket::SetMinSendMss,
                                               &HandshakeTcpSocket::GetMinSendMss),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("ReceiveWindowGrowth",
                          "Open the advertised window as Linux's rcv_ssthresh: from the SYN's "
                          "(65535 rounded down to whole MSS) by up to two segments per segment "
                          "received, each step ACKed at once (tcp_grow_window); false: the whole "
                          "free buffer (RFC 9293 3.8.6.2.2). Linux: true; Rfc: false.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&HandshakeTcpSocket::SetReceiveWindowGrowth,
                                              &HandshakeTcpSocket::GetReceiveWindowGrowth),
                          MakeBooleanChecker())
            .AddAttribute("MinRtoInVariance",
                          "MinRto bounds the RTO's variance term, as Linux's tcp_rtt_estimator: "
                          "RTO = SRTT + max(4 * mean deviation, MinRto), 210 ms on a 10 ms path "
                          "and about 300 ms on a 100 ms one; false: MinRto bounds the RTO itself, "
                          "RTO = max(MinRto, SRTT + 4 * RTTVAR) (RFC 6298 2.4). Linux: true; "
                          "Rfc: false.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&HandshakeTcpSocket::SetMinRtoInVariance,
                                              &HandshakeTcpSocket::GetMinRtoInVariance),
                          MakeBooleanChecker())
            .AddAttribute("ReceiveWindowShare",
                          "Part of the receive buffer (RcvBufSize, grown up to ReceiveBufferMax) "
                          "offered as window. Linux counts buffer memory by skb truesize and "
                          "offers scaling_ratio/256 of it (tcp_win_from_space); 158/256 = 0.617 "
                          "for 1448-byte segments, as measured on the Linux reference captures. "
                          "Linux: 0.6171875; Rfc: 1 (the whole buffer).",
                          DoubleValue(158.0 / 256.0),
                          MakeDoubleAccessor(&HandshakeTcpSocket::SetReceiveWindowShare,
                                             &HandshakeTcpSocket::GetReceiveWindowShare),
                          MakeDoubleChecker<double>(1.0 / 256.0, 1.0))
            .AddAttribute("SackCompressionDelay",
                          "After three immediate ACKs for one RCV.NXT, out-of-order segments are "
                          "ACKed together after min(this, SRTT/20) or 44 of them (Linux "
                          "tcp_comp_sack_delay_ns, tcp_comp_sack_nr). Linux: 1 ms; Rfc: 0, each "
                          "at once (RFC 5681 4.2).",
                          TimeValue(MilliSeconds(1)),
                          MakeTimeAccessor(&HandshakeTcpSocket::SetSackCompressionDelay,
                                           &HandshakeTcpSocket::GetSackCompressionDelay),
                          MakeTimeChecker(Seconds(0), Seconds(1)))
            .AddAttribute("CongestionControl",
                          "Congestion control: ns3::HandshakeTcpCubic (Linux: CUBIC, RFC 9438, "
                          "with HyStart++) or ns3::HandshakeTcpNewReno (Rfc: RFC 5681 + 6582).",
                          TypeIdValue(HandshakeTcpCubic::GetTypeId()),
                          MakeTypeIdAccessor(&HandshakeTcpSocket::SetCongestionControl,
                                             &HandshakeTcpSocket::GetCongestionControl),
                          MakeTypeIdChecker())
            .AddAttribute("Recovery",
                          "SACK-based loss detection: ns3::HandshakeTcpRackTlp (Linux: RFC 8985, "
                          "tail loss probes included) or ns3::HandshakeTcpRfc6675 (Rfc).",
                          TypeIdValue(HandshakeTcpRackTlp::GetTypeId()),
                          MakeTypeIdAccessor(&HandshakeTcpSocket::SetRecovery,
                                             &HandshakeTcpSocket::GetRecovery),
                          MakeTypeIdChecker())
            .AddAttribute("ReceiveBufferMax",
                          "Receive-buffer auto-tuning bound, bytes (Linux tcp_rmem[2]: 6 MB). "
                          "Setting ns3::TcpSocket::RcvBufSize explicitly turns auto-tuning off, as "
                          "SO_RCVBUF does, unless this is set too.",
                          UintegerValue(6291456),
                          MakeUintegerAccessor(&HandshakeTcpSocket::SetReceiveBufferMax,
                                               &HandshakeTcpSocket::GetReceiveBufferMax),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("SendBufferMax",
                          "Send-buffer growth bound, bytes (Linux tcp_wmem[2]: 4 MB); "
                          "ns3::TcpSocket::SndBufSize set explicitly fixes the buffer, as "
                          "SO_SNDBUF does.",
                          UintegerValue(4194304),
                          MakeUintegerAccessor(&HandshakeTcpSocket::SetSendBufferMax,
                                               &HandshakeTcpSocket::GetSendBufferMax),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("SynAckRetries",
                          "SYN-ACK retransmissions before a passive open in SYN_RCVD is given up "
                          "(Linux net.ipv4.tcp_synack_retries: 5, so 63 s). Active opens follow "
                          "ns3::TcpSocket::ConnCount.",
                          UintegerValue(5),
                          MakeUintegerAccessor(&HandshakeTcpSocket::SetSynAckRetries,
                                               &HandshakeTcpSocket::GetSynAckRetries),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("SynQueueLimit",
                          "Connections in SYN_RCVD a listener keeps; more SYNs are dropped "
                          "(Linux net.ipv4.tcp_max_syn_backlog is at least 128).",
                          UintegerValue(128),
                          MakeUintegerAccessor(&HandshakeTcpSocket::SetSynQueueLimit,
                                               &HandshakeTcpSocket::GetSynQueueLimit),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("AcceptQueueLimit",
                          "Established connections a listener holds before the application takes "
                          "them; the handshake ACK is dropped beyond (Linux SOMAXCONN before 5.4: "
                          "128).",
                          UintegerValue(128),
                          MakeUintegerAccessor(&HandshakeTcpSocket::SetAcceptQueueLimit,
                                               &HandshakeTcpSocket::GetAcceptQueueLimit),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("SynCookies",
                          "When a listener answers a SYN statelessly with a SYN cookie (RFC 4987 "
                          "3.6) instead of queueing it, as Linux's net.ipv4.tcp_syncookies: Off, "
                          "OnOverflow (when the SYN queue is full; Linux's default) or Always. A "
                          "cookie connection has no window scaling.",
                          EnumValue(SYN_COOKIES_ON_OVERFLOW),
                          MakeEnumAccessorOf<SynCookieMode>(&HandshakeTcpSocket::SetSynCookies,
                                                            &HandshakeTcpSocket::GetSynCookies),
                          MakeEnumChecker(SYN_COOKIES_OFF,
                                          "Off",
                                          SYN_COOKIES_ON_OVERFLOW,
                                          "OnOverflow",
                                          SYN_COOKIES_ALWAYS,
                                          "Always"))
            .AddTraceSource("StateTransition",
                            "The connection changed state (connection id, old, new).",
                            MakeTraceSourceAccessor(&HandshakeTcpSocket::m_stateTrace),
                            "ns3::HandshakeTcpSocket::StateTransitionCallback")
            .AddTraceSource("Tx",
                            "A segment was sent (packet without header, header, socket).",
                            MakeTraceSourceAccessor(&HandshakeTcpSocket::m_txTrace),
                            "ns3::HandshakeTcpSocket::SegmentCallback")
            .AddTraceSource("Rx",
                            "A segment of this connection arrived (payload, header, socket).",
                            MakeTraceSourceAccessor(&HandshakeTcpSocket::m_rxTrace),
                            "ns3::HandshakeTcpSocket::SegmentCallback")
            .AddTraceSource("Retransmission",
                            "A segment was sent again (connection id, sequence number).",
                            MakeTraceSourceAccessor(&HandshakeTcpSocket::m_retransmissionTrace),
                            "ns3::HandshakeTcpSocket::ConnectionValueCallback")
            .AddTraceSource("RtoExpired",
                            "The retransmission timer fired (connection id, backoff count).",
                            MakeTraceSourceAccessor(&HandshakeTcpSocket::m_rtoTrace),
                            "ns3::HandshakeTcpSocket::ConnectionValueCallback")
            .AddTraceSource("CongestionWindow",
                            "The congestion window, bytes (as TcpSocketBase's).",
                            MakeTraceSourceAccessor(&HandshakeTcpSocket::m_cWnd),
                            "ns3::TracedValueCallback::Uint32")
            .AddTraceSource("SlowStartThreshold",
                            "The slow-start threshold, bytes (as TcpSocketBase's).",
                            MakeTraceSourceAccessor(&HandshakeTcpSocket::m_ssThresh),
                            "ns3::TracedValueCallback::Uint32")
            .AddTraceSource("BytesInFlight",
                            "Bytes in flight: RFC 6675's pipe with SACK (as TcpSocketBase's).",
                            MakeTraceSourceAccessor(&HandshakeTcpSocket::m_bytesInFlight),
                            "ns3::TracedValueCallback::Uint32")
            .AddTraceSource("RTT",
                            "The latest RTT sample (as TcpSocketBase's).",
                            MakeTraceSourceAccessor(&HandshakeTcpSocket::m_lastRtt),
                            "ns3::TracedValueCallback::Time")
            .AddTraceSource("RTO",
                            "The retransmission timeout (as TcpSocketBase's).",
                            MakeTraceSourceAccessor(&HandshakeTcpSocket::m_rto),
                            "ns3::TracedValueCallback::Time")
            .AddTraceSource("CongState",
                            "Loss recovery state: CA_OPEN, CA_DISORDER, CA_RECOVERY, CA_LOSS (as "
                            "TcpSocketBase's).",
                            MakeTraceSourceAccessor(&HandshakeTcpSocket::m_congState),
                            "ns3::TcpSocketState::TcpCongStatesTracedValueCallback")
            .AddTraceSource("TLP",
                            "A tail loss probe was sent (connection id, sequence number; RFC 8985 "
                            "7).",
                            MakeTraceSourceAccessor(&HandshakeTcpSocket::m_tlpTrace),
                            "ns3::HandshakeTcpSocket::ConnectionValueCallback")
            .AddTraceSource("Outcome",
                            "The connection ended (connection id, outcome).",
                            MakeTraceSourceAccessor(&HandshakeTcpSocket::m_outcomeTrace),
                            "ns3::HandshakeTcpSocket::OutcomeCallback");
    return tid;
}

HandshakeTcpSocket::HandshakeTcpSocket()
{
    NS_LOG_FUNCTION(this);
}

HandshakeTcpSocket::HandshakeTcpSocket(const HandshakeTcpSocket& listener)
    : TcpSocket(listener), // copies the Socket callbacks: close callbacks reach children, as in ns-3
      m_node(listener.m_node),
      m_tcp(listener.m_tcp),
      m_config(listener.m_config),
      m_profile(listener.m_profile),
      m_explicit(listener.m_explicit),
      m_constructed(listener.m_constructed),
      m_shutdownSend(false),
      m_shutdownRecv(listener.m_shutdownRecv),
      m_finOnPeerClose(listener.m_shutdownSend),
      m_listenerRules(listener.m_listenerRules.Config()),
      m_connTimeout(listener.m_connTimeout),
      m_delAckMaxCount(listener.m_delAckMaxCount),
      m_stateTrace(listener.m_stateTrace),
      m_txTrace(listener.m_txTrace),
      m_rxTrace(listener.m_rxTrace),
      m_retransmissionTrace(listener.m_retransmissionTrace),
      m_rtoTrace(listener.m_rtoTrace),
      m_outcomeTrace(listener.m_outcomeTrace)
{
    NS_LOG_FUNCTION(this);
    // As ns-3's TcpSocketBase::Fork: the child's data callbacks are the application's to set in its
    // accept callback.
    Callback<void, Ptr<Socket>> none = MakeNullCallback<void, Ptr<Socket>>();
    Callback<void, Ptr<Socket>, uint32_t> noneSize = MakeNullCallback<void, Ptr<Socket>, uint32_t>();
    SetConnectCallback(none, none);
    SetDataSentCallback(noneSize);
    SetSendCallback(noneSize);
    SetRecvCallback(none);
}

HandshakeTcpSocket::~HandshakeTcpSocket()
{
    NS_LOG_FUNCTION(this);
    CancelTimers();
}

void
HandshakeTcpSocket::DoDispose()
{
    NS_LOG_FUNCTION(this);
    CancelTimers();
    Simulator::Cancel(m_acceptEvent);
    m_acceptQueue.clear();
    m_synQueue.clear();
    m_listener = nullptr;
    m_tcp = nullptr;
    m_node = nullptr;
    TcpSocket::DoDispose();
}

void
HandshakeTcpSocket::SetNode(Ptr<Node> node)
{
    m_node = node;
}

void
HandshakeTcpSocket::SetTcp(Ptr<HandshakeTcpL4Protocol> tcp)
{
    m_tcp = tcp;
}

TcpTime
HandshakeTcpSocket::Now()
{
    return ToTcpTime(Simulator::Now());
}

// ---- Socket API: naming --------------------------------------------------------------------------

enum Socket::SocketErrno
HandshakeTcpSocket::GetErrno() const
{
    return m_errno;
}

enum Socket::SocketType
HandshakeTcpSocket::GetSocketType() const
{
    return NS3_SOCK_STREAM;
}

Ptr<Node>
HandshakeTcpSocket::GetNode() const
{
    return m_node;
}

int
HandshakeTcpSocket::BindTo(const TcpAddressBytes& address, uint16_t port)
{
    if (m_bound || m_connection)
    {
        m_errno = ERROR_INVAL;
        return -1;
    }
    if (port == 0)
    {
        auto ephemeral = m_tcp->AllocateEphemeralPort(address);
        if (!ephemeral)
        {
            m_errno = ERROR_ADDRNOTAVAIL;
            return -1;
        }
        port = *ephemeral;
    }
    if (!m_tcp->Bind(address, port, this))
    {
        m_errno = ERROR_ADDRINUSE;
        return -1;
    }
    m_tuple.localAddress = address;
    m_tuple.localPort = port;
    m_bindAddress = address;
    m_bound = true;
    return 0;
}

int
HandshakeTcpSocket::Bind()
{
    NS_LOG_FUNCTION(this);
    return BindTo(HandshakeTcpL4Protocol::ToBytes(Ipv4Address::GetAny()), 0);
}

int
HandshakeTcpSocket::Bind6()
{
    m_errno = ERROR_AFNOSUPPORT; // IPv6 is not supported yet
    return -1;
}

int
HandshakeTcpSocket::Bind(const Address& address)
{
    NS_LOG_FUNCTION(this << address);
    if (!InetSocketAddress::IsMatchingType(address))
    {
        m_errno = ERROR_AFNOSUPPORT;
        return -1;
    }
    InetSocketAddress inet = InetSocketAddress::ConvertFrom(address);
    return BindTo(HandshakeTcpL4Protocol::ToBytes(inet.GetIpv4()), inet.GetPort());
}

int
HandshakeTcpSocket::GetSockName(Address& address) const
{
    address = InetSocketAddress(HandshakeTcpL4Protocol::ToIpv4(m_tuple.localAddress),
                                m_tuple.localPort);
    return 0;
}

Address
HandshakeTcpSocket::PeerAddress() const
{
    return InetSocketAddress(HandshakeTcpL4Protocol::ToIpv4(m_tuple.remoteAddress),
                             m_tuple.remotePort);
}

int
HandshakeTcpSocket::GetPeerName(Address& address) const
{
    if (!m_connection)
    {
        m_errno = ERROR_NOTCONN;
        return -1;
    }
    address = PeerAddress();
    return 0;
}

bool
HandshakeTcpSocket::SetAllowBroadcast(bool allowBroadcast)
{
    return !allowBroadcast; // TCP has no broadcast
}

bool
HandshakeTcpSocket::GetAllowBroadcast() const
{
    return false;
}

// ---- Socket API: opening -------------------------------------------------------------------------

int
HandshakeTcpSocket::Connect(const Address& address)
{
    NS_LOG_FUNCTION(this << address);
    if (!InetSocketAddress::IsMatchingType(address))
    {
        m_errno = ERROR_AFNOSUPPORT;
        return -1;
    }
    if (m_connection || m_listening)
    {
        m_errno = ERROR_ISCONN;
        return -1;
    }
    InetSocketAddress peer = InetSocketAddress::ConvertFrom(address);
    m_tuple.remoteAddress = HandshakeTcpL4Protocol::ToBytes(peer.GetIpv4());
    m_tuple.remotePort = peer.GetPort();
    if (!m_bound || m_tuple.localAddress.IsAny())
    {
        auto source = m_tcp->SourceAddressFor(m_tuple.remoteAddress);
        if (!source)
        {
            m_errno = ERROR_NOROUTETOHOST;
            return -1;
        }
        m_tuple.localAddress = *source;
    }
    if (!m_bound)
    {
        // RFC 6056: the port is chosen knowing the peer, so Algorithm 3 can spread it.
        auto port = m_tcp->AllocateEphemeralPort(m_tuple.localAddress,
                                                 m_tuple.remoteAddress,
                                                 m_tuple.remotePort);
        if (!port)
        {
            m_errno = ERROR_ADDRNOTAVAIL;
            return -1;
        }
        m_tuple.localPort = *port;
    }
    if (m_tcp->ConnectionLimitReached())
    {
        m_tcp->NotifyOverflow(HandshakeTcpL4Protocol::CONNECTIONS, 0);
        m_errno = ERROR_AGAIN;
        return -1;
    }
    if (!CreateConnection())
    {
        m_errno = ERROR_ADDRINUSE;
        return -1;
    }
    m_connection->Connect(Now());
    ProcessActions();
    return 0;
}

bool
HandshakeTcpSocket::CreateConnection(std::optional<uint32_t> iss)
{
    if (!m_tcp->AddConnection(m_tuple, this))
    {
        return false;
    }
    m_inDemux = true;
    m_connectionId = m_tcp->NextConnectionId();
    m_tcp->NotifyConnectionCreated(m_connectionId, m_tuple);
    m_connection = std::make_unique<handshake::TcpConnection>(m_config,
                                                              m_tuple.localPort,
                                                              m_tuple.remotePort,
                                                              iss ? *iss : m_tcp->GenerateIsn(m_tuple));
    m_lastSendSpace = m_connection->SendSpace();
    return true;
}

int
HandshakeTcpSocket::Listen()
{
    NS_LOG_FUNCTION(this);
    if (m_connection || m_listening)
    {
        m_errno = ERROR_INVAL;
        return -1;
    }
    if (!m_bound && Bind() != 0)
    {
        return -1;
    }
    m_listening = true;
    m_stateTrace(0, TcpState::CLOSED, TcpState::LISTEN);
    return 0;
}

// ---- Socket API: data ----------------------------------------------------------------------------

int
HandshakeTcpSocket::Send(Ptr<Packet> p, uint32_t /* flags */)
{
    NS_LOG_FUNCTION(this << p);
    if (!m_connection || m_outcome)
    {
        m_errno = ERROR_NOTCONN;
        return -1;
    }
    if (m_shutdownSend)
    {
        m_errno = ERROR_SHUTDOWN;
        return -1;
    }
    uint32_t size = p->GetSize();
    // As ns-3's TcpSocketBase: all or nothing; the send callback tells when there is room again.
    if (size > m_connection->SendSpace())
    {
        m_tcp->NotifyOverflow(HandshakeTcpL4Protocol::SEND_BUFFER, m_connectionId);
        m_errno = ERROR_MSGSIZE;
        return -1;
    }
    std::vector<uint8_t> bytes(size);
    p->CopyData(bytes.data(), size);
    size_t accepted = m_connection->Send(bytes.data(), size, Now());
    m_lastSendSpace = m_connection->SendSpace();
    ProcessActions();
    if (accepted != size)
    {
        // The core takes nothing in a state that does not allow sending (RFC 9293 3.10.2).
        m_errno = accepted == 0 ? ERROR_NOTCONN : ERROR_MSGSIZE;
        return accepted == 0 ? -1 : static_cast<int>(accepted);
    }
    return static_cast<int>(size);
}

int
HandshakeTcpSocket::SendTo(Ptr<Packet> p, uint32_t flags, const Address& /* toAddress */)
{
    return Send(p, flags); // connected: the address is the peer's
}

uint32_t
HandshakeTcpSocket::GetTxAvailable() const
{
    if (!m_connection)
    {
        return m_config.sendBufferBytes;
    }
    return m_outcome ? 0 : static_cast<uint32_t>(m_connection->SendSpace());
}

uint32_t
HandshakeTcpSocket::GetRxAvailable() const
{
    return m_connection ? static_cast<uint32_t>(m_connection->BytesReadable()) : 0;
}

Ptr<Packet>
HandshakeTcpSocket::Recv(uint32_t maxSize, uint32_t /* flags */)
{
    NS_LOG_FUNCTION(this << maxSize);
    if (!m_connection)
    {
        m_errno = ERROR_NOTCONN;
        return nullptr;
    }
    size_t readable = std::min<size_t>(maxSize, m_connection->BytesReadable());
    if (readable == 0)
    {
        if (m_connection->PeerFinished())
        {
            return Create<Packet>(); // end of stream, as ns-3's TCP signals it
        }
        m_errno = ERROR_AGAIN;
        return nullptr;
    }
    std::vector<uint8_t> bytes(readable);
    size_t copied = m_connection->Receive(bytes.data(), readable, Now());
    ProcessActions(); // reading may open the window: the core may want to send an update
    return Create<Packet>(bytes.data(), static_cast<uint32_t>(copied));
}

Ptr<Packet>
HandshakeTcpSocket::RecvFrom(uint32_t maxSize, uint32_t flags, Address& fromAddress)
{
    Ptr<Packet> packet = Recv(maxSize, flags);
    if (packet && packet->GetSize() > 0)
    {
        fromAddress = PeerAddress();
    }
    return packet;
}

// ---- Socket API: closing -------------------------------------------------------------------------

int
HandshakeTcpSocket::Close()
{
    NS_LOG_FUNCTION(this);
    if (m_listening)
    {
        // Stop listening; children already created live on.
        m_listening = false;
        m_tcp->Unbind(m_bindAddress, m_tuple.localPort);
        m_bound = false;
        Simulator::Cancel(m_acceptEvent);
        // Connections the application never received are aborted (RST), as Linux does when a
        // listening socket is closed with pending connections.
        std::vector<Ptr<HandshakeTcpSocket>> pending(m_acceptQueue.begin(), m_acceptQueue.end());
        for (HandshakeTcpSocket* child : m_synQueue)
        {
            pending.push_back(child);
        }
        m_synQueue.clear();
        m_acceptQueue.clear();
        for (const auto& child : pending)
        {
            child->m_listener = nullptr;
            if (child->m_connection && !child->m_outcome)
            {
                child->m_connection->Abort(Now());
                child->ProcessActions();
            }
        }
        m_stateTrace(0, TcpState::LISTEN, TcpState::CLOSED);
        return 0;
    }
    if (!m_connection)
    {
        if (m_bound)
        {
            m_tcp->Unbind(m_bindAddress, m_tuple.localPort);
            m_bound = false;
        }
        return 0;
    }
    if (m_outcome)
    {
        return 0;
    }
    m_shutdownSend = true;
    m_connection->Close(Now());
    // ns-3's Close is Linux's close(): the application reads no more, so FIN_WAIT_2 is bounded
    // (FinTimeout). Receiving goes on meanwhile (RFC 9293 3.10.4).
    m_connection->Orphan(Now());
    ProcessActions();
    return 0;
}

int
HandshakeTcpSocket::ShutdownSend()
{
    NS_LOG_FUNCTION(this);
    if (m_listening || !m_connection)
    {
        m_shutdownSend = true; // a listener's children inherit it (see the copy constructor)
        return 0;
    }
    if (m_outcome)
    {
        return 0;
    }
    // shutdown(SHUT_WR): a FIN after the data; FIN_WAIT_2 lasts until the peer's FIN.
    m_shutdownSend = true;
    m_connection->Close(Now());
    ProcessActions();
    return 0;
}

int
HandshakeTcpSocket::ShutdownRecv()
{
    m_shutdownRecv = true;
    return 0;
}

// ---- the core's actions ----------------------------------------------------------------------

void
HandshakeTcpSocket::ProcessActions()
{
    if (!m_connection)
    {
        return;
    }
    Ptr<HandshakeTcpSocket> self = this; // callbacks below may drop the last other reference
    // Take the actions out first: callbacks may call back into the core and produce more.
    handshake::TcpActions actions;
    std::swap(actions, m_connection->Actions());
    // Segments leave before the application hears of this batch: an ACK the core sends at once
    // (quick-ACK mode, out-of-order text, a filled gap, every second segment) goes out as Linux's
    // softirq sends it, before the reader wakes; only a delayed ACK can ride on the reply.
    for (const auto& segment : actions.segments)
    {
        SendSegment(segment);
    }
    for (const auto& timer : actions.timers)
    {
        ApplyTimer(timer);
    }
    // State changes are traced before any application callback runs: a callback may call back
    // into the core (Close from the normal-close callback), whose own state changes must be
    // traced after this batch's, or the trace would show CLOSE_WAIT -> LAST_ACK before
    // ESTABLISHED -> CLOSE_WAIT.
    for (const auto& event : actions.events)
    {
        if (event.kind == TcpEvent::STATE_CHANGED)
        {
            HandleEvent(event);
        }
    }
    for (const auto& event : actions.events)
    {
        if (event.kind != TcpEvent::STATE_CHANGED)
        {
            HandleEvent(event);
        }
    }
    UpdateTracedValues();
}

void
HandshakeTcpSocket::UpdateTracedValues()
{
    if (!m_connection)
    {
        return;
    }
    // TracedValues fire only on change: assigning the same value again is free.
    m_cWnd = m_connection->CongestionWindow();
    m_ssThresh = m_connection->CongestionControl().Ssthresh();
    m_bytesInFlight = m_connection->BytesInFlight();
    m_rto = ToTime(m_connection->Rto());
    if (auto rtt = m_connection->LatestRtt())
    {
        m_lastRtt = ToTime(*rtt);
    }
}

void
HandshakeTcpSocket::SendSegment(const TcpSegment& segment)
{
    NS_LOG_LOGIC(this << " send " << segment.Describe());
    HandshakeTcpSentHeader header(segment, m_tuple);
    Ptr<Packet> packet =
        Create<Packet>(segment.payload.data(), static_cast<uint32_t>(segment.payload.size()));
    if (!m_txTrace.IsEmpty())
    {
        m_txTrace(packet, header.Parsed(), this);
    }
    m_tcp->Send(packet, header, m_tuple);
}

void
HandshakeTcpSocket::ApplyTimer(const handshake::TcpTimerRequest& request)
{
    EventId& event = m_timers[static_cast<size_t>(request.kind)];
    Time deadline = Max(ToTime(request.deadline), Simulator::Now());
    if (request.arm && !event.IsExpired() && TimeStep(event.GetTs()) <= deadline)
    {
        return; // due no later than the deadline: OnTimerFired reschedules it for the rest
    }
    Simulator::Cancel(event);
    if (request.arm)
    {
        ScheduleTimer(request.kind, deadline);
    }
}

void
HandshakeTcpSocket::ScheduleTimer(TcpTimerKind kind, Time deadline)
{
    if (kind == TcpTimerKind::TIME_WAIT)
    {
        // Through the L4, by 4-tuple and connection id: the event outlives this socket when the
        // L4 keeps the connection's TIME_WAIT without it (DetachTimeWait).
        m_timers[static_cast<size_t>(kind)] =
            m_tcp->ScheduleTimeWaitTimeout(m_tuple, m_connectionId, deadline);
        return;
    }
    m_timers[static_cast<size_t>(kind)] =
        Simulator::Schedule(deadline - Simulator::Now(), &HandshakeTcpSocket::OnTimerFired, this, kind);
}

void
HandshakeTcpSocket::OnTimerFired(TcpTimerKind kind)
{
    m_timers[static_cast<size_t>(kind)] = EventId();
    if (!m_connection)
    {
        return;
    }
    std::optional<handshake::TcpTime> deadline = m_connection->TimerDeadline(kind);
    if (!deadline)
    {
        return; // disarmed since
    }
    Time due = ToTime(*deadline);
    if (due > Simulator::Now())
    {
        ScheduleTimer(kind, due);
        return;
    }
    m_connection->OnTimer(kind, Now());
    ProcessActions();
}

void
HandshakeTcpSocket::CancelTimers()
{
    for (EventId& event : m_timers)
    {
        Simulator::Cancel(event);
    }
}

void
HandshakeTcpSocket::HandleEvent(const TcpEvent& event)
{
    switch (event.kind)
    {
    case TcpEvent::STATE_CHANGED:
        NS_LOG_INFO("connection " << m_connectionId << " " << handshake::ToString(event.from)
                                  << " -> " << handshake::ToString(event.to));
        m_stateTrace(m_connectionId, event.from, event.to);
        m_tcp->NotifyStateTransition(m_connectionId, event.from, event.to);
        if (event.to == TcpState::TIME_WAIT && m_tcp->TimeWaitLimitReached())
        {
            // As Linux when its TIME_WAIT table is full: no TIME_WAIT for this one. Closed once
            // this batch of actions is done; both FINs are through, so nothing is sent.
            m_tcp->NotifyOverflow(HandshakeTcpL4Protocol::TIME_WAIT, m_connectionId);
            Simulator::ScheduleNow(&HandshakeTcpSocket::EndTimeWait, Ptr<HandshakeTcpSocket>(this));
        }
        break;
    case TcpEvent::ESTABLISHED:
        m_wasEstablished = true;
        if (m_listener)
        {
            m_listener->ChildEstablished(this);
        }
        else
        {
            NotifyConnectionSucceeded();
            if (GetTxAvailable() > 0)
            {
                NotifySend(GetTxAvailable());
            }
        }
        break;
    case TcpEvent::DATA_READABLE:
        if (!m_shutdownRecv)
        {
            NotifyDataRecv();
        }
        break;
    case TcpEvent::SEND_SPACE: {
        size_t space = m_connection->SendSpace();
        if (space > m_lastSendSpace)
        {
            NotifyDataSent(static_cast<uint32_t>(space - m_lastSendSpace));
        }
        m_lastSendSpace = space;
        NotifySend(static_cast<uint32_t>(space));
        break;
    }
    case TcpEvent::PEER_CLOSED:
        // As ns-3's TCP: the peer's FIN is reported through the normal-close callback, and a
        // reader sees the end of the stream (an empty packet from Recv).
        if (!m_closeNotified)
        {
            m_closeNotified = true;
            NotifyNormalClose();
        }
        NotifyDataRecv();
        if (m_finOnPeerClose && !m_shutdownSend)
        {
            Close();
        }
        break;
    case TcpEvent::RETRANSMISSION:
        m_retransmissionTrace(m_connectionId, event.value);
        m_tcp->NotifyRetransmission(m_connectionId, event.value);
        break;
    case TcpEvent::TAIL_LOSS_PROBE:
        m_tlpTrace(m_connectionId, event.value);
        break;
    case TcpEvent::CONG_STATE:
        m_congState = static_cast<TcpSocketState::TcpCongState_t>(event.value);
        break;
    case TcpEvent::RTO_EXPIRED:
        m_rtoTrace(m_connectionId, event.value);
        m_tcp->NotifyRtoExpired(m_connectionId, event.value);
        break;
    case TcpEvent::CLOSED:
        HandleClosed(event.outcome);
        break;
    }
}

void
HandshakeTcpSocket::HandleClosed(TcpOutcome outcome)
{
    NS_LOG_INFO("connection " << m_connectionId << " closed: " << handshake::ToString(outcome));
    m_outcome = outcome;
    CancelTimers();
    m_outcomeTrace(m_connectionId, outcome);
    m_tcp->NotifyOutcome(m_connectionId, outcome);
    Ptr<HandshakeTcpSocket> self = this;
    ReleaseDemux();
    if (m_listener)
    {
        m_listener->ChildClosed(this);
        m_listener = nullptr;
        return; // never handed to the application: nobody to tell
    }
    if (!m_wasEstablished)
    {
        // RFC 9293 3.10.7.3: a RST answering our SYN means "connection refused"; or the SYN
        // retries ran out. Either way the connect failed.
        m_errno = outcome == TcpOutcome::REFUSED ? ERROR_NOTCONN : ERROR_NOROUTETOHOST;
        NotifyConnectionFailed();
        return;
    }
    if (outcome == TcpOutcome::CLOSED_NORMALLY)
    {
        if (!m_closeNotified)
        {
            m_closeNotified = true;
            NotifyNormalClose();
        }
        return;
    }
    m_closeNotified = true;
    NotifyErrorClose();
}

void
HandshakeTcpSocket::ReleaseDemux()
{
    // TIME_WAIT connections stay in the demux until the core reports CLOSED (2 MSL later).
    if (m_inDemux)
    {
        m_inDemux = false;
        m_tcp->RemoveConnection(m_tuple);
    }
    if (m_bound && !m_listening)
    {
        m_bound = false;
        m_tcp->Unbind(m_bindAddress, m_tuple.localPort);
    }
}

// ---- segments in ----------------------------------------------------------------------------

void
HandshakeTcpSocket::ReceiveSegment(const TcpSegment& segment,
                                   Ptr<const Packet> packet,
                                   const HandshakeTcpReceivedHeader& header)
{
    NS_LOG_LOGIC(this << " receive " << segment.Describe());
    if (!m_rxTrace.IsEmpty())
    {
        m_rxTrace(packet, header.Get(), this);
    }
    if (!m_connection || m_outcome)
    {
        return;
    }
    if (m_listener && m_connection->State() == TcpState::SYN_RCVD && segment.Has(TcpSegment::ACK) &&
        !segment.Has(TcpSegment::RST) && !m_listener->AcceptQueueHasRoom())
    {
        // The core's listener rule (TcpListener::AcceptQueueHasRoom): ignore the handshake's ACK.
        m_tcp->NotifyDrop(packet, header, HandshakeTcpL4Protocol::ACCEPT_QUEUE_FULL);
        return;
    }
    uint64_t beyondWindow = m_connection->GetStats().bytesBeyondWindow;
    m_connection->OnSegment(segment, Now());
    if (m_connection->GetStats().bytesBeyondWindow > beyondWindow)
    {
        m_tcp->NotifyOverflow(HandshakeTcpL4Protocol::RECEIVE_BUFFER, m_connectionId);
    }
    ProcessActions();
}

std::optional<handshake::TcpTimeWait>
HandshakeTcpSocket::DetachTimeWait(EventId& timeout)
{
    if (!m_connection || m_outcome || m_listening || m_bound || m_listener || !m_inDemux)
    {
        return std::nullopt;
    }
    if (!m_stateTrace.IsEmpty() || !m_txTrace.IsEmpty() || !m_rxTrace.IsEmpty() ||
        !m_retransmissionTrace.IsEmpty() || !m_rtoTrace.IsEmpty() || !m_outcomeTrace.IsEmpty() ||
        !m_tlpTrace.IsEmpty())
    {
        return std::nullopt; // somebody watches this socket: it keeps its whole connection
    }
    std::optional<handshake::TcpTimeWait> state = m_connection->CompactTimeWait();
    if (!state)
    {
        return std::nullopt;
    }
    EventId& own = m_timers[static_cast<size_t>(TcpTimerKind::TIME_WAIT)];
    timeout = own;
    own = EventId();
    CancelTimers(); // events kept for timers since disarmed (ApplyTimer) name this socket
    m_inDemux = false;
    m_connection.reset();
    return state;
}

void
HandshakeTcpSocket::EndTimeWait()
{
    if (m_connection && m_connection->State() == TcpState::TIME_WAIT)
    {
        m_connection->Abort(Now()); // in TIME_WAIT: CLOSED, CLOSED_NORMALLY, no RST
        ProcessActions();
    }
}

// ---- host crash ---------------------------------------------------------------------------------

void
HandshakeTcpSocket::Forget()
{
    NS_LOG_FUNCTION(this);
    Ptr<HandshakeTcpSocket> self = this; // the application may drop its reference when told
    if (m_listening)
    {
        // Children still in the queues are connections of their own: the L4 forgets them too.
        m_listening = false;
        Simulator::Cancel(m_acceptEvent);
        for (HandshakeTcpSocket* child : m_synQueue)
        {
            child->m_listener = nullptr;
        }
        m_synQueue.clear();
        m_acceptQueue.clear();
        m_stateTrace(0, TcpState::LISTEN, TcpState::CLOSED);
    }
    if (m_connection && !m_outcome)
    {
        // RFC 9293 3.5.1: memory lost in a crash; the core reports CLOSED (LOST) with no segment.
        m_connection->Forget(Now());
        ProcessActions();
    }
    ReleaseDemux();
}

// ---- observation -----------------------------------------------------------------------------

TcpState
HandshakeTcpSocket::GetState() const
{
    if (m_listening)
    {
        return TcpState::LISTEN;
    }
    return m_connection ? m_connection->State() : TcpState::CLOSED;
}

handshake::TcpConnection::Stats
HandshakeTcpSocket::GetStats() const
{
    return m_connection ? m_connection->GetStats() : handshake::TcpConnection::Stats{};
}

uint32_t
HandshakeTcpSocket::GetIss() const
{
    return m_connection ? m_connection->Iss() : 0;
}

} // namespace ns3
