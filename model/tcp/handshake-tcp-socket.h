/*
 * An ns3::TcpSocket backed by handshake's sans-I/O core: it owns one TcpConnection and turns its
 * actions into segments (sent through HandshakeTcpL4Protocol), timers (Simulator::Schedule, one
 * EventId per TcpTimerKind) and Socket callbacks. All TCP rules live in the core; this is glue.
 *
 * A listening socket keeps what the core leaves to its caller (RFC 9293 3.10.7.2): the SYN queue
 * (children in SYN_RCVD) and the accept queue (children established, not yet handed to the app
 * through the accept callback), each with a limit.
 *
 * Attributes: ns3::TcpSocket's own (SegmentSize, SndBufSize, RcvBufSize, InitialCwnd,
 * InitialSlowStartThreshold, ConnCount (the SYN retries), DataRetries, DelAckTimeout,
 * PersistTimeout) map onto the core's TcpConfig, so one Config::SetDefault configures stock TCP
 * and ours alike; the fields TcpSocket has no attribute for are attributes of this class.
 * TcpNoDelay switches Nagle's algorithm. ConnTimeout and DelAckCount are accepted and reported but
 * have no effect (the core follows InitialRto for the SYN too and acknowledges as RFC 9293 3.8.6.3
 * and Linux do). Every default comes from the Profile attribute unless set explicitly
 * (handshake-tcp-socket-settings.cc).
 */
#ifndef HANDSHAKE_TCP_SOCKET_H
#define HANDSHAKE_TCP_SOCKET_H

#include "handshake-tcp-received-header.h"

#include "tcp-connection.h"
#include "tcp-four-tuple.h"
#include "tcp-listener.h"
#include "tcp-profile.h"

#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-socket-state.h"
#include "ns3/traced-value.h"
#include "ns3/tcp-socket.h"
#include "ns3/traced-callback.h"

#include <array>
#include <bitset>
#include <list>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ns3
{

class HandshakeTcpL4Protocol;
class Node;
class Packet;

class HandshakeTcpSocket : public TcpSocket
{
  public:
    static TypeId GetTypeId();

    /** When a listener answers SYNs with cookies (RFC 4987 3.6), as Linux's tcp_syncookies. */
    enum SynCookieMode
    {
        SYN_COOKIES_OFF,         //!< never: SYNs beyond SynQueueLimit are dropped (0)
        SYN_COOKIES_ON_OVERFLOW, //!< when the SYN queue is full (1, Linux's default)
        SYN_COOKIES_ALWAYS,      //!< for every SYN: no SYN queue at all (2)
    };

    typedef void (*StateTransitionCallback)(uint64_t connectionId,
                                            handshake::TcpState from,
                                            handshake::TcpState to);
    typedef void (*SegmentCallback)(Ptr<const Packet> packet,
                                    const TcpHeader& header,
                                    Ptr<const HandshakeTcpSocket> socket);
    typedef void (*ConnectionValueCallback)(uint64_t connectionId, uint32_t value);
    typedef void (*OutcomeCallback)(uint64_t connectionId, handshake::TcpOutcome outcome);

    /** The fields of TcpConfig a profile governs, each set by one Attribute (see
     *  handshake-tcp-socket-settings.cc). */
    enum Setting : uint8_t
    {
        MSS,
        SND_BUF,
        RCV_BUF,
        INITIAL_SSTHRESH,
        INITIAL_CWND,
        SYN_RETRIES,
        DATA_RETRIES,
        DELAYED_ACK,
        NO_DELAY,
        PERSIST_MIN,
        INITIAL_RTO,
        MIN_RTO,
        MAX_RTO,
        MSL,
        PERSIST_MAX,
        SYN_ACK_RETRIES,
        WINDOW_SCALE,
        SACK,
        TIMESTAMPS,
        QUICK_ACKS,
        CONGESTION_CONTROL,
        RECOVERY,
        RECEIVE_BUFFER_MAX,
        SEND_BUFFER_MAX,
        FIN_TIMEOUT,
        MIN_SEND_MSS,
        RECEIVE_WINDOW_GROWTH,
        SACK_COMPRESSION_DELAY,
        RECEIVE_WINDOW_SHARE,
        MIN_RTO_IN_VARIANCE,
        SETTING_COUNT
    };

    HandshakeTcpSocket();
    ~HandshakeTcpSocket() override;

    /** Profile (Attribute "Profile"): every setting not set explicitly takes the profile's value. */
    void SetProfile(handshake::TcpProfile profile);
    handshake::TcpProfile GetProfile() const;
    /** True when the user set \p setting's Attribute (its value then wins over the profile). */
    bool IsExplicit(Setting setting) const;
    /** Every setting's Attribute as "ns3::TypeName::Attribute", in the order of Setting. */
    static std::vector<std::string> SettingAttributes();

    void SetNode(Ptr<Node> node);
    void SetTcp(Ptr<HandshakeTcpL4Protocol> tcp);

    // ---- ns3::Socket ---------------------------------------------------------------------------
    using Socket::Recv;
    using Socket::RecvFrom;
    using Socket::Send;
    enum SocketErrno GetErrno() const override;
    enum SocketType GetSocketType() const override;
    Ptr<Node> GetNode() const override;
    int Bind() override;
    int Bind6() override;
    int Bind(const Address& address) override;
    int Close() override;
    int ShutdownSend() override;
    int ShutdownRecv() override;
    int Connect(const Address& address) override;
    int Listen() override;
    uint32_t GetTxAvailable() const override;
    int Send(Ptr<Packet> p, uint32_t flags) override;
    int SendTo(Ptr<Packet> p, uint32_t flags, const Address& toAddress) override;
    uint32_t GetRxAvailable() const override;
    Ptr<Packet> Recv(uint32_t maxSize, uint32_t flags) override;
    Ptr<Packet> RecvFrom(uint32_t maxSize, uint32_t flags, Address& fromAddress) override;
    int GetSockName(Address& address) const override;
    int GetPeerName(Address& address) const override;
    bool SetAllowBroadcast(bool allowBroadcast) override;
    bool GetAllowBroadcast() const override;

    // ---- observation -----------------------------------------------------------------------
    /** The core's state; LISTEN for a listener, CLOSED before connect and after the end. */
    handshake::TcpState GetState() const;
    /** How the connection ended; nothing while it has not. */
    std::optional<handshake::TcpOutcome> GetOutcome() const { return m_outcome; }
    uint64_t GetConnectionId() const { return m_connectionId; }
    /** The core's counters (zero before a connection exists). */
    handshake::TcpConnection::Stats GetStats() const;
    uint32_t GetIss() const;
    const handshake::TcpConfig& GetConfig() const { return m_config; }

    // ---- for HandshakeTcpL4Protocol ------------------------------------------------------------
    /** A segment of this connection arrived (the L4 has demultiplexed it). */
    void ReceiveSegment(const handshake::TcpSegment& segment,
                        Ptr<const Packet> packet,
                        const HandshakeTcpReceivedHeader& header);
    /** A segment for our (address, port) that matched no connection, while we listen. */
    void ReceiveOnListener(const handshake::TcpSegment& segment,
                           const handshake::TcpFourTuple& tuple,
                           Ptr<const Packet> packet,
                           const HandshakeTcpReceivedHeader& header);
    bool IsListening() const { return m_listening; }
    /** Timer \p kind's event fired (TIME_WAIT's comes through the L4). */
    void OnTimerFired(handshake::TcpTimerKind kind);
    /**
     * TIME_WAIT without this socket (HandshakeTcpL4Protocol::CompactTimeWait): when the connection
     * is a plain one (not a listener's child still queued, no bound port of its own), nothing
     * watches this socket's own trace sources, and the core has nothing pending but the
     * time-wait timeout, the connection's TcpTimeWait and the timeout's event (\p timeout); this
     * socket then holds no connection and leaves the demux. Nothing otherwise.
     */
    std::optional<handshake::TcpTimeWait> DetachTimeWait(EventId& timeout);
    /**
     * Our host crashed (HandshakeTcpL4Protocol::Crash): the connection, if any, ends with outcome
     * LOST, a listener stops listening, the port and the 4-tuple are released; nothing is sent.
     * The application hears of it as of any broken connection (error close or connect failed).
     */
    void Forget();

    /** A child for a SYN that reached this listener: its settings and callbacks, no connection
     *  (public for CopyObject, as ns-3's TcpSocketBase copy constructor). */
    HandshakeTcpSocket(const HandshakeTcpSocket& listener);

  protected:
    void DoDispose() override;
    void NotifyConstructionCompleted() override;

  private:
    // TcpSocket's attribute accessors, mapped onto m_config where the core has the field.
    void SetSndBufSize(uint32_t size) override;
    uint32_t GetSndBufSize() const override;
    void SetRcvBufSize(uint32_t size) override;
    uint32_t GetRcvBufSize() const override;
    void SetSegSize(uint32_t size) override;
    uint32_t GetSegSize() const override;
    void SetInitialSSThresh(uint32_t threshold) override;
    uint32_t GetInitialSSThresh() const override;
    void SetInitialCwnd(uint32_t cwnd) override;
    uint32_t GetInitialCwnd() const override;
    void SetConnTimeout(Time timeout) override;
    Time GetConnTimeout() const override;
    void SetSynRetries(uint32_t count) override;
    uint32_t GetSynRetries() const override;
    void SetDataRetries(uint32_t retries) override;
    uint32_t GetDataRetries() const override;
    void SetDelAckTimeout(Time timeout) override;
    Time GetDelAckTimeout() const override;
    void SetDelAckMaxCount(uint32_t count) override;
    uint32_t GetDelAckMaxCount() const override;
    void SetTcpNoDelay(bool noDelay) override;
    bool GetTcpNoDelay() const override;
    void SetPersistTimeout(Time timeout) override;
    Time GetPersistTimeout() const override;

    // Our own attributes (TcpTime fields of TcpConfig).
    void SetInitialRto(Time t);
    Time GetInitialRto() const;
    void SetMinRto(Time t);
    Time GetMinRto() const;
    void SetMaxRto(Time t);
    Time GetMaxRto() const;
    void SetMsl(Time t);
    Time GetMsl() const;
    void SetFinTimeout(Time t);
    Time GetFinTimeout() const;
    void SetPersistMax(Time t);
    Time GetPersistMax() const;
    void SetSynAckRetries(uint32_t count);
    uint32_t GetSynAckRetries() const;
    void SetWindowScale(uint8_t shift);
    uint8_t GetWindowScale() const;
    void SetSack(bool on);
    bool GetSack() const;
    void SetTimestamps(bool on);
    bool GetTimestamps() const;
    void SetQuickAcks(uint32_t count);
    uint32_t GetQuickAcks() const;
    void SetMinSendMss(uint16_t bytes);
    uint16_t GetMinSendMss() const;
    void SetReceiveWindowGrowth(bool on);
    bool GetReceiveWindowGrowth() const;
    void SetSackCompressionDelay(Time t);
    Time GetSackCompressionDelay() const;
    void SetReceiveWindowShare(double share);
    double GetReceiveWindowShare() const;
    void SetMinRtoInVariance(bool on);
    bool GetMinRtoInVariance() const;
    void SetSynQueueLimit(uint32_t count);
    uint32_t GetSynQueueLimit() const;
    void SetAcceptQueueLimit(uint32_t count);
    uint32_t GetAcceptQueueLimit() const;
    void SetSynCookies(SynCookieMode mode);
    SynCookieMode GetSynCookies() const;
    bool SetCongestionControl(TypeId tid);
    TypeId GetCongestionControl() const;
    void SetReceiveBufferMax(uint32_t size);
    uint32_t GetReceiveBufferMax() const;
    void SetSendBufferMax(uint32_t size);
    uint32_t GetSendBufferMax() const;
    bool SetRecovery(TypeId tid);
    TypeId GetRecovery() const;
    /** The Profile attribute (ns-3 3.37's EnumValue holds an int). */
    void SetProfileValue(int profile);
    int GetProfileValue() const;
    /** Marks \p setting as the user's once construction is over. */
    void SetByUser(Setting setting);
    /** Takes every setting the user did not set from m_profile. */
    void ApplyProfile();

    int BindTo(const handshake::TcpAddressBytes& address, uint16_t port);
    /** Creates the connection for m_tuple (ISS from the L4, or \p iss) and enters it into the demux. */
    bool CreateConnection(std::optional<uint32_t> iss = std::nullopt);
    /** Drains the core's actions: segments to the L4, timers to the scheduler, events to callbacks. */
    void ProcessActions();
    void SendSegment(const handshake::TcpSegment& segment);
    /** The core's window, threshold, pipe, RTT and RTO into the TracedValues. */
    void UpdateTracedValues();
    void ApplyTimer(const handshake::TcpTimerRequest& request);
    /** Timer \p kind's event at \p deadline (not in the past), replacing the one it had. */
    void ScheduleTimer(handshake::TcpTimerKind kind, Time deadline);
    void HandleEvent(const handshake::TcpEvent& event);
    void HandleClosed(handshake::TcpOutcome outcome);
    void CancelTimers();
    void ReleaseDemux();
    // Listener side.
    void ChildEstablished(Ptr<HandshakeTcpSocket> child);
    void ChildClosed(HandshakeTcpSocket* child);
    void DeliverAccepted();
    /** Ends TIME_WAIT at once when the node's MaxTimeWait was passed. */
    void EndTimeWait();
    /** Carries out the core listener's verdict on a SYN or cookie ACK that opens a child. */
    void OpenChild(const handshake::TcpSegment& segment,
                   const handshake::TcpFourTuple& tuple,
                   const handshake::TcpListener::Decision& decision,
                   Ptr<const Packet> packet,
                   const HandshakeTcpReceivedHeader& header);
    void SendCookieSynAck(const handshake::TcpSegment& syn,
                          const handshake::TcpFourTuple& tuple,
                          Ptr<const Packet> packet,
                          const HandshakeTcpReceivedHeader& header);
    /** Creates the child of this listener for \p tuple; nothing when the tuple is taken. */
    Ptr<HandshakeTcpSocket> CreateChild(const handshake::TcpFourTuple& tuple,
                                        std::optional<uint32_t> iss);
    /** The adapter's count and trace of a listener's drop verdict. */
    void NotifyListenerDrop(handshake::TcpListener::Verdict verdict,
                            Ptr<const Packet> packet,
                            const HandshakeTcpReceivedHeader& header);
    bool AcceptQueueHasRoom() const;
    Address PeerAddress() const;
    static handshake::TcpTime Now();

    Ptr<Node> m_node;
    Ptr<HandshakeTcpL4Protocol> m_tcp;
    handshake::TcpConfig m_config;
    handshake::TcpProfile m_profile{handshake::TcpProfile::LINUX};
    std::bitset<SETTING_COUNT> m_explicit; //!< settings the user set: they win over the profile
    bool m_constructed{false};             //!< setters called from now on are the user's
    std::unique_ptr<handshake::TcpConnection> m_connection;
    handshake::TcpFourTuple m_tuple;
    bool m_bound{false};        //!< m_bindAddress:m_tuple.localPort is in the L4's bound table
    handshake::TcpAddressBytes m_bindAddress; //!< as bound (may be the wildcard)
    bool m_inDemux{false};      //!< m_tuple is in the L4's connection table
    bool m_listening{false};
    bool m_shutdownSend{false};
    bool m_shutdownRecv{false};
    bool m_closeNotified{false};
    bool m_wasEstablished{false};
    bool m_finOnPeerClose{false}; //!< inherited ShutdownSend of a listener: FIN when the peer's comes
    std::optional<handshake::TcpOutcome> m_outcome;
    mutable SocketErrno m_errno{ERROR_NOTERROR};
    uint64_t m_connectionId{0};
    size_t m_lastSendSpace{0};
    /**
     * The scheduler's event of each core timer. It may be due before the core's deadline: a timer
     * moved later (the RTO and the loss probe, on every ACK) keeps its event, which asks the core
     * again when it fires (as Linux's sk_reset_timer keeps one timer_list), instead of a cancelled
     * event and a new one per ACK in the scheduler (issue [bench]).
     */
    std::array<EventId, handshake::TCP_TIMER_KINDS> m_timers;

    // Listener state.
    Ptr<HandshakeTcpSocket> m_listener; //!< a child's listener until it is accepted or closes
    std::set<HandshakeTcpSocket*> m_synQueue;
    std::list<Ptr<HandshakeTcpSocket>> m_acceptQueue; //!< a list: every socket has one, and an
                                                      //!< empty std::deque holds 576 bytes
    EventId m_acceptEvent;
    handshake::TcpListener m_listenerRules; //!< the core's decisions in LISTEN, and their limits

    // TcpSocket attributes the core has no field for: kept so that Get returns what Set stored.
    Time m_connTimeout;
    uint32_t m_delAckMaxCount{2};

    TracedCallback<uint64_t, handshake::TcpState, handshake::TcpState> m_stateTrace;
    TracedCallback<Ptr<const Packet>, const TcpHeader&, Ptr<const HandshakeTcpSocket>> m_txTrace;
    TracedCallback<Ptr<const Packet>, const TcpHeader&, Ptr<const HandshakeTcpSocket>> m_rxTrace;
    TracedCallback<uint64_t, uint32_t> m_retransmissionTrace;
    TracedCallback<uint64_t, uint32_t> m_rtoTrace;
    TracedCallback<uint64_t, handshake::TcpOutcome> m_outcomeTrace;
    TracedCallback<uint64_t, uint32_t> m_tlpTrace;
    TracedValue<uint32_t> m_cWnd{0};
    TracedValue<uint32_t> m_ssThresh{0};
    TracedValue<uint32_t> m_bytesInFlight{0};
    TracedValue<Time> m_lastRtt{Seconds(0)};
    TracedValue<Time> m_rto{Seconds(0)};
    TracedValue<TcpSocketState::TcpCongState_t> m_congState{TcpSocketState::CA_OPEN};
};

} // namespace ns3

#endif // HANDSHAKE_TCP_SOCKET_H
