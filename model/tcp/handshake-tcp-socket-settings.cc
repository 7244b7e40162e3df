/*
 * HandshakeTcpSocket's settings: the profile gives every default (handshake::ProfileConfig), and
 * an Attribute the user set explicitly wins over it, ns3::TcpSocket's included. "Explicitly" means:
 * set on this socket after construction (SetAttribute, Config::Set), or given a new default
 * before (Config::SetDefault, --ns3::TcpSocket::SegmentSize=... on the command line) even to the
 * value it already had. ns-3 calls every setter at construction with the default, so the setters
 * alone cannot tell; the TypeIds' initial values are remembered when the library loads, and a
 * Config::SetDefault replaces the value object, which NotifyConstructionCompleted notices.
 */
#include "handshake-tcp-socket.h"

#include "handshake-tcp-strategy-ops.h"
#include "handshake-tcp-time.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/nstime.h"
#include "ns3/type-id.h"

#include <array>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HandshakeTcpSocketSettings");

using handshake::TcpConfig;
using handshake::TcpTime;
using handshake::ToTcpTime;
using handshake::ToTime;

namespace
{

/** One profile-governed field: the Attribute that sets it, and how to take it from a profile. */
struct SettingInfo
{
    TypeId (*typeId)();
    const char* attribute;
    void (*take)(TcpConfig& to, const TcpConfig& from);
};

#define HANDSHAKE_SETTING(tid, attribute, field)                                                  \
    SettingInfo                                                                                    \
    {                                                                                              \
        tid, attribute, [](TcpConfig& to, const TcpConfig& from) { to.field = from.field; }        \
    }

// In the order of HandshakeTcpSocket::Setting.
const std::array<SettingInfo, HandshakeTcpSocket::SETTING_COUNT> g_settings{{
    HANDSHAKE_SETTING(&TcpSocket::GetTypeId, "SegmentSize", mss),
    HANDSHAKE_SETTING(&TcpSocket::GetTypeId, "SndBufSize", sendBufferBytes),
    HANDSHAKE_SETTING(&TcpSocket::GetTypeId, "RcvBufSize", receiveBufferBytes),
    HANDSHAKE_SETTING(&TcpSocket::GetTypeId, "InitialSlowStartThreshold", initialSsthresh),
    HANDSHAKE_SETTING(&TcpSocket::GetTypeId, "InitialCwnd", initialCwndSegments),
    HANDSHAKE_SETTING(&TcpSocket::GetTypeId, "ConnCount", synRetries),
    HANDSHAKE_SETTING(&TcpSocket::GetTypeId, "DataRetries", dataRetries),
    HANDSHAKE_SETTING(&TcpSocket::GetTypeId, "DelAckTimeout", delayedAckTimeout),
    HANDSHAKE_SETTING(&TcpSocket::GetTypeId, "TcpNoDelay", noDelay),
    HANDSHAKE_SETTING(&TcpSocket::GetTypeId, "PersistTimeout", persistMin),
    HANDSHAKE_SETTING(&HandshakeTcpSocket::GetTypeId, "InitialRto", initialRto),
    HANDSHAKE_SETTING(&HandshakeTcpSocket::GetTypeId, "MinRto", minRto),
    HANDSHAKE_SETTING(&HandshakeTcpSocket::GetTypeId, "MaxRto", maxRto),
    HANDSHAKE_SETTING(&HandshakeTcpSocket::GetTypeId, "Msl", msl),
    HANDSHAKE_SETTING(&HandshakeTcpSocket::GetTypeId, "PersistMax", persistMax),
    HANDSHAKE_SETTING(&HandshakeTcpSocket::GetTypeId, "SynAckRetries", synAckRetries),
    HANDSHAKE_SETTING(&HandshakeTcpSocket::GetTypeId, "WindowScale", windowScale),
    HANDSHAKE_SETTING(&HandshakeTcpSocket::GetTypeId, "Sack", sack),
    HANDSHAKE_SETTING(&HandshakeTcpSocket::GetTypeId, "Timestamps", timestamps),
    HANDSHAKE_SETTING(&HandshakeTcpSocket::GetTypeId, "QuickAcks", quickAcks),
    HANDSHAKE_SETTING(&HandshakeTcpSocket::GetTypeId, "CongestionControl", congestionControl),
    HANDSHAKE_SETTING(&HandshakeTcpSocket::GetTypeId, "Recovery", lossRecovery),
    HANDSHAKE_SETTING(&HandshakeTcpSocket::GetTypeId, "ReceiveBufferMax", receiveBufferMaxBytes),
    HANDSHAKE_SETTING(&HandshakeTcpSocket::GetTypeId, "SendBufferMax", sendBufferMaxBytes),
    HANDSHAKE_SETTING(&HandshakeTcpSocket::GetTypeId, "FinTimeout", finTimeout),
    HANDSHAKE_SETTING(&HandshakeTcpSocket::GetTypeId, "MinSendMss", minSendMss),
    HANDSHAKE_SETTING(&HandshakeTcpSocket::GetTypeId, "ReceiveWindowGrowth", receiveWindowGrowth),
    HANDSHAKE_SETTING(&HandshakeTcpSocket::GetTypeId, "SackCompressionDelay", sackCompressionDelay),
    HANDSHAKE_SETTING(&HandshakeTcpSocket::GetTypeId, "ReceiveWindowShare", receiveWindowShare),
    HANDSHAKE_SETTING(&HandshakeTcpSocket::GetTypeId, "MinRtoInVariance", minRtoInVariance),
}};

#undef HANDSHAKE_SETTING

/** Where each setting's Attribute sits in its TypeId: found by name once, not per socket. */
const std::array<size_t, HandshakeTcpSocket::SETTING_COUNT>&
AttributeIndexes()
{
    static const auto indexes = [] {
        std::array<size_t, HandshakeTcpSocket::SETTING_COUNT> found{};
        for (size_t i = 0; i < g_settings.size(); ++i)
        {
            TypeId tid = g_settings[i].typeId();
            size_t n = tid.GetAttributeN();
            found[i] = n;
            for (size_t a = 0; a < n; ++a)
            {
                if (tid.GetAttribute(a).name == g_settings[i].attribute)
                {
                    found[i] = a;
                    break;
                }
            }
            NS_ABORT_MSG_IF(found[i] == n, "no attribute " << g_settings[i].attribute);
        }
        return found;
    }();
    return indexes;
}

/**
 * Setting \p i's Attribute's initial value now. The lookup by name cost 234,000 instructions per
 * socket for the 30 settings (issue [bench]); by index it is one TypeId::GetAttribute each.
 */
Ptr<const AttributeValue>
InitialValue(size_t i)
{
    return g_settings[i].typeId().GetAttribute(AttributeIndexes()[i]).initialValue;
}

/** The initial values as the library loaded, before any program could set a default. */
std::array<Ptr<const AttributeValue>, HandshakeTcpSocket::SETTING_COUNT>
ShippedInitialValues()
{
    std::array<Ptr<const AttributeValue>, HandshakeTcpSocket::SETTING_COUNT> values;
    for (size_t i = 0; i < g_settings.size(); ++i)
    {
        values[i] = InitialValue(i);
    }
    return values;
}

const std::array<Ptr<const AttributeValue>, HandshakeTcpSocket::SETTING_COUNT>&
Shipped()
{
    static const auto values = ShippedInitialValues();
    return values;
}

// Taken at load time: a program's Config::SetDefault comes later.
const bool g_shippedTaken = (Shipped(), true);

} // namespace

void
HandshakeTcpSocket::NotifyConstructionCompleted()
{
    TcpSocket::NotifyConstructionCompleted();
    for (size_t i = 0; i < g_settings.size(); ++i)
    {
        if (InitialValue(i) != Shipped()[i])
        {
            m_explicit.set(i); // a new default given by Config::SetDefault or the command line
        }
    }
    m_constructed = true;
    ApplyProfile();
}

void
HandshakeTcpSocket::ApplyProfile()
{
    TcpConfig profile = handshake::ProfileConfig(m_profile);
    for (size_t i = 0; i < g_settings.size(); ++i)
    {
        if (!m_explicit.test(i))
        {
            g_settings[i].take(m_config, profile);
        }
    }
    // As Linux's SO_RCVBUF / SO_SNDBUF: a buffer size set explicitly is not auto-tuned.
    if (m_explicit.test(RCV_BUF) && !m_explicit.test(RECEIVE_BUFFER_MAX))
    {
        m_config.receiveBufferMaxBytes = m_config.receiveBufferBytes;
    }
    if (m_explicit.test(SND_BUF) && !m_explicit.test(SEND_BUFFER_MAX))
    {
        m_config.sendBufferMaxBytes = m_config.sendBufferBytes;
    }
}

void
HandshakeTcpSocket::SetByUser(Setting setting)
{
    if (m_constructed)
    {
        m_explicit.set(setting);
    }
}

void
HandshakeTcpSocket::SetProfile(handshake::TcpProfile profile)
{
    m_profile = profile;
    if (m_constructed)
    {
        ApplyProfile();
    }
}

handshake::TcpProfile
HandshakeTcpSocket::GetProfile() const
{
    return m_profile;
}

void
HandshakeTcpSocket::SetProfileValue(int profile)
{
    SetProfile(static_cast<handshake::TcpProfile>(profile));
}

int
HandshakeTcpSocket::GetProfileValue() const
{
    return static_cast<int>(m_profile);
}

bool
HandshakeTcpSocket::IsExplicit(Setting setting) const
{
    return m_explicit.test(setting);
}

std::vector<std::string>
HandshakeTcpSocket::SettingAttributes()
{
    std::vector<std::string> names;
    for (const SettingInfo& setting : g_settings)
    {
        names.push_back(setting.typeId().GetName() + "::" + setting.attribute);
    }
    return names;
}

// ---- accessors -----------------------------------------------------------------------------------

// clang-format off
void HandshakeTcpSocket::SetSndBufSize(uint32_t size) { m_config.sendBufferBytes = size; SetByUser(SND_BUF); if (m_constructed) ApplyProfile(); }
uint32_t HandshakeTcpSocket::GetSndBufSize() const { return m_config.sendBufferBytes; }
void HandshakeTcpSocket::SetRcvBufSize(uint32_t size) { m_config.receiveBufferBytes = size; SetByUser(RCV_BUF); if (m_constructed) ApplyProfile(); }
void HandshakeTcpSocket::SetReceiveBufferMax(uint32_t size) { m_config.receiveBufferMaxBytes = size; SetByUser(RECEIVE_BUFFER_MAX); }
uint32_t HandshakeTcpSocket::GetReceiveBufferMax() const { return m_config.receiveBufferMaxBytes; }
void HandshakeTcpSocket::SetSendBufferMax(uint32_t size) { m_config.sendBufferMaxBytes = size; SetByUser(SEND_BUFFER_MAX); }
uint32_t HandshakeTcpSocket::GetSendBufferMax() const { return m_config.sendBufferMaxBytes; }
uint32_t HandshakeTcpSocket::GetRcvBufSize() const { return m_config.receiveBufferBytes; }
void HandshakeTcpSocket::SetSegSize(uint32_t size) { m_config.mss = static_cast<uint16_t>(size); SetByUser(MSS); }
uint32_t HandshakeTcpSocket::GetSegSize() const { return m_config.mss; }
void HandshakeTcpSocket::SetInitialSSThresh(uint32_t t) { m_config.initialSsthresh = t; SetByUser(INITIAL_SSTHRESH); }
uint32_t HandshakeTcpSocket::GetInitialSSThresh() const { return m_config.initialSsthresh; }
void HandshakeTcpSocket::SetInitialCwnd(uint32_t cwnd) { m_config.initialCwndSegments = cwnd; SetByUser(INITIAL_CWND); }
uint32_t HandshakeTcpSocket::GetInitialCwnd() const { return m_config.initialCwndSegments; }
void HandshakeTcpSocket::SetConnTimeout(Time timeout) { m_connTimeout = timeout; }
Time HandshakeTcpSocket::GetConnTimeout() const { return m_connTimeout; }
void HandshakeTcpSocket::SetSynRetries(uint32_t count) { m_config.synRetries = count; SetByUser(SYN_RETRIES); }
uint32_t HandshakeTcpSocket::GetSynRetries() const { return m_config.synRetries; }
void HandshakeTcpSocket::SetDataRetries(uint32_t retries) { m_config.dataRetries = retries; SetByUser(DATA_RETRIES); }
uint32_t HandshakeTcpSocket::GetDataRetries() const { return m_config.dataRetries; }
void HandshakeTcpSocket::SetDelAckTimeout(Time t) { m_config.delayedAckTimeout = ToTcpTime(t); SetByUser(DELAYED_ACK); }
Time HandshakeTcpSocket::GetDelAckTimeout() const { return ToTime(m_config.delayedAckTimeout); }
void HandshakeTcpSocket::SetDelAckMaxCount(uint32_t count) { m_delAckMaxCount = count; }
uint32_t HandshakeTcpSocket::GetDelAckMaxCount() const { return m_delAckMaxCount; }
void HandshakeTcpSocket::SetTcpNoDelay(bool noDelay) { m_config.noDelay = noDelay; SetByUser(NO_DELAY); }
bool HandshakeTcpSocket::GetTcpNoDelay() const { return m_config.noDelay; }
void HandshakeTcpSocket::SetPersistTimeout(Time t) { m_config.persistMin = ToTcpTime(t); SetByUser(PERSIST_MIN); }
Time HandshakeTcpSocket::GetPersistTimeout() const { return ToTime(m_config.persistMin); }
void HandshakeTcpSocket::SetInitialRto(Time t) { m_config.initialRto = ToTcpTime(t); SetByUser(INITIAL_RTO); }
Time HandshakeTcpSocket::GetInitialRto() const { return ToTime(m_config.initialRto); }
void HandshakeTcpSocket::SetMinRto(Time t) { m_config.minRto = ToTcpTime(t); SetByUser(MIN_RTO); }
Time HandshakeTcpSocket::GetMinRto() const { return ToTime(m_config.minRto); }
void HandshakeTcpSocket::SetMaxRto(Time t) { m_config.maxRto = ToTcpTime(t); SetByUser(MAX_RTO); }
Time HandshakeTcpSocket::GetMaxRto() const { return ToTime(m_config.maxRto); }
void HandshakeTcpSocket::SetMsl(Time t) { m_config.msl = ToTcpTime(t); SetByUser(MSL); }
Time HandshakeTcpSocket::GetMsl() const { return ToTime(m_config.msl); }
void HandshakeTcpSocket::SetFinTimeout(Time t) { m_config.finTimeout = ToTcpTime(t); SetByUser(FIN_TIMEOUT); }
Time HandshakeTcpSocket::GetFinTimeout() const { return ToTime(m_config.finTimeout); }
void HandshakeTcpSocket::SetPersistMax(Time t) { m_config.persistMax = ToTcpTime(t); SetByUser(PERSIST_MAX); }
Time HandshakeTcpSocket::GetPersistMax() const { return ToTime(m_config.persistMax); }
void HandshakeTcpSocket::SetSynAckRetries(uint32_t count) { m_config.synAckRetries = count; SetByUser(SYN_ACK_RETRIES); }
uint32_t HandshakeTcpSocket::GetSynAckRetries() const { return m_config.synAckRetries; }
void HandshakeTcpSocket::SetWindowScale(uint8_t shift) { m_config.windowScale = shift; SetByUser(WINDOW_SCALE); }
uint8_t HandshakeTcpSocket::GetWindowScale() const { return m_config.windowScale; }
void HandshakeTcpSocket::SetSack(bool on) { m_config.sack = on; SetByUser(SACK); }
bool HandshakeTcpSocket::GetSack() const { return m_config.sack; }
void HandshakeTcpSocket::SetTimestamps(bool on) { m_config.timestamps = on; SetByUser(TIMESTAMPS); }
bool HandshakeTcpSocket::GetTimestamps() const { return m_config.timestamps; }
void HandshakeTcpSocket::SetQuickAcks(uint32_t count) { m_config.quickAcks = count; SetByUser(QUICK_ACKS); }
uint32_t HandshakeTcpSocket::GetQuickAcks() const { return m_config.quickAcks; }
void HandshakeTcpSocket::SetMinSendMss(uint16_t bytes) { m_config.minSendMss = bytes; SetByUser(MIN_SEND_MSS); }
uint16_t HandshakeTcpSocket::GetMinSendMss() const { return m_config.minSendMss; }
void HandshakeTcpSocket::SetReceiveWindowGrowth(bool on) { m_config.receiveWindowGrowth = on; SetByUser(RECEIVE_WINDOW_GROWTH); }
bool HandshakeTcpSocket::GetReceiveWindowGrowth() const { return m_config.receiveWindowGrowth; }
void HandshakeTcpSocket::SetSackCompressionDelay(Time t) { m_config.sackCompressionDelay = ToTcpTime(t); SetByUser(SACK_COMPRESSION_DELAY); }
Time HandshakeTcpSocket::GetSackCompressionDelay() const { return ToTime(m_config.sackCompressionDelay); }
void HandshakeTcpSocket::SetReceiveWindowShare(double share) { m_config.receiveWindowShare = share; SetByUser(RECEIVE_WINDOW_SHARE); }
double HandshakeTcpSocket::GetReceiveWindowShare() const { return m_config.receiveWindowShare; }
void HandshakeTcpSocket::SetMinRtoInVariance(bool on) { m_config.minRtoInVariance = on; SetByUser(MIN_RTO_IN_VARIANCE); }
bool HandshakeTcpSocket::GetMinRtoInVariance() const { return m_config.minRtoInVariance; }
void HandshakeTcpSocket::SetSynQueueLimit(uint32_t count) { m_listenerRules.Configure().synQueueLimit = count; }
uint32_t HandshakeTcpSocket::GetSynQueueLimit() const { return m_listenerRules.Config().synQueueLimit; }
void HandshakeTcpSocket::SetAcceptQueueLimit(uint32_t count) { m_listenerRules.Configure().acceptQueueLimit = count; }
uint32_t HandshakeTcpSocket::GetAcceptQueueLimit() const { return m_listenerRules.Config().acceptQueueLimit; }
void HandshakeTcpSocket::SetSynCookies(SynCookieMode mode) { m_listenerRules.Configure().synCookies = static_cast<handshake::TcpSynCookieMode>(mode); }
HandshakeTcpSocket::SynCookieMode HandshakeTcpSocket::GetSynCookies() const { return static_cast<SynCookieMode>(m_listenerRules.Config().synCookies); }
// clang-format on

bool
HandshakeTcpSocket::SetCongestionControl(TypeId tid)
{
    auto name = HandshakeTcpCongestionOps::CoreName(tid);
    if (!name)
    {
        return false; // not one of ours: the attribute system reports the failed set
    }
    m_config.congestionControl = *name;
    SetByUser(CONGESTION_CONTROL);
    return true;
}

TypeId
HandshakeTcpSocket::GetCongestionControl() const
{
    return HandshakeTcpCongestionOps::ForCoreName(m_config.congestionControl);
}

bool
HandshakeTcpSocket::SetRecovery(TypeId tid)
{
    auto kind = HandshakeTcpRecoveryOps::CoreKind(tid);
    if (!kind)
    {
        return false;
    }
    m_config.lossRecovery = *kind;
    SetByUser(RECOVERY);
    return true;
}

TypeId
HandshakeTcpSocket::GetRecovery() const
{
    return HandshakeTcpRecoveryOps::ForCoreKind(m_config.lossRecovery);
}

} // namespace ns3
