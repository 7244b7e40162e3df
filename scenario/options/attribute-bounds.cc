#include "attribute-bounds.h"

#include "ns3/attribute-text.h"

#include "ns3/nstime.h"
#include "ns3/type-id.h"
#include "ns3/uinteger.h"

#include <cstdint>
#include <sstream>

namespace ns3
{

namespace
{

/** One attribute's accepted range, as an integer or (for times) in nanoseconds. */
struct Bound
{
    const char* typeName;
    const char* attribute;
    int64_t min;
    int64_t max;
    const char* why;
};

constexpr int64_t NO_MAX = INT64_MAX;
constexpr int64_t MS = 1000000; // nanoseconds

const Bound g_bounds[] = {
    {"ns3::TcpSocket", "SegmentSize", 88, 65495,
     "Linux's smallest MSS (TCP_MIN_MSS) up to what one IPv4 datagram carries"},
    {"ns3::TcpSocket", "SndBufSize", 4608, NO_MAX, "Linux's smallest send buffer (SOCK_MIN_SNDBUF)"},
    {"ns3::TcpSocket", "RcvBufSize", 2304, 1 << 30,
     "Linux's smallest receive buffer (SOCK_MIN_RCVBUF) up to the largest scaled window, RFC 7323 2.3"},
    {"ns3::TcpSocket", "InitialCwnd", 1, 1 << 20, "segments; RFC 5681 3.1 starts at 1 or more"},
    {"ns3::TcpSocket", "ConnCount", 1, 1000, "SYNs sent before connect fails"},
    {"ns3::TcpSocket", "ConnTimeout", 1 * MS, NO_MAX, "the first SYN's timeout, at least a timer tick"},
    {"ns3::TcpSocketBase", "MaxWindowSize", 2304, 65535,
     "bytes before scaling: a segment must fit, as in SOCK_MIN_RCVBUF"},
};

/** The value of \p text in the bound's unit (an integer, or nanoseconds for a Time); false if none. */
bool
ValueOf(const TypeId::AttributeInformation& info, const std::string& text, int64_t& value)
{
    Ptr<AttributeValue> parsed = AttributeText::Parse(info.checker, text);
    if (auto integer = DynamicCast<UintegerValue>(parsed))
    {
        value = static_cast<int64_t>(std::min<uint64_t>(integer->Get(), INT64_MAX));
        return true;
    }
    if (auto time = DynamicCast<TimeValue>(parsed))
    {
        value = time->Get().GetNanoSeconds();
        return true;
    }
    return false;
}

std::string
Describe(const Bound& bound, bool time)
{
    std::ostringstream os;
    auto show = [&](int64_t v) {
        if (time)
        {
            os << v / double(MS) << "ms";
        }
        else
        {
            os << v;
        }
    };
    os << "accepted ";
    show(bound.min);
    os << " to ";
    if (bound.max == NO_MAX)
    {
        os << "any larger value";
    }
    else
    {
        show(bound.max);
    }
    os << " (" << bound.why << ")";
    return os.str();
}

/** The initial value of an unsigned attribute, as every flag has set it. */
uint64_t
DefaultOf(const std::string& typeName, const std::string& attribute)
{
    TypeId::AttributeInformation info;
    UintegerValue value;
    if (TypeId::LookupByName(typeName).LookupAttributeByName(attribute, &info) &&
        info.initialValue && value.DeserializeFromString(info.initialValue->SerializeToString(info.checker),
                                                         info.checker))
    {
        return value.Get();
    }
    return 0;
}

} // namespace

std::string
AttributeBounds::Check(const std::string& path, const std::string& text)
{
    auto split = path.rfind("::");
    TypeId tid;
    if (split == std::string::npos || !TypeId::LookupByNameFailSafe(path.substr(0, split), &tid))
    {
        return "";
    }
    const std::string attribute = path.substr(split + 2);
    for (const Bound& bound : g_bounds)
    {
        TypeId owner;
        if (attribute != bound.attribute || !TypeId::LookupByNameFailSafe(bound.typeName, &owner) ||
            !(tid == owner || tid.IsChildOf(owner)))
        {
            continue;
        }
        TypeId::AttributeInformation info;
        int64_t value = 0;
        if (!tid.LookupAttributeByName(attribute, &info) || !ValueOf(info, text, value))
        {
            return ""; // malformed text is AttributeText's to report
        }
        if (value < bound.min || value > bound.max)
        {
            bool time = info.checker->GetValueTypeName() == "ns3::TimeValue";
            return "'" + text + "' is out of range: " + Describe(bound, time);
        }
    }
    return "";
}

std::string
AttributeBounds::CheckTogether(const std::string& tcp)
{
    uint64_t rcvBuf = DefaultOf("ns3::TcpSocket", "RcvBufSize");
    if (tcp == "ns3" && rcvBuf < STOCK_MIN_RCVBUF)
    {
        return "--ns3::TcpSocket::RcvBufSize=" + std::to_string(rcvBuf) + " with --tcp=ns3: stock " +
               "ns-3 3.37 TCP crashes (SIGSEGV in TcpRateLinux) below " +
               std::to_string(STOCK_MIN_RCVBUF) + " once the window limits the sender";
    }
    const char* l4 = "ns3::HandshakeTcpL4Protocol";
    TypeId tid;
    if (!TypeId::LookupByNameFailSafe(l4, &tid))
    {
        return "";
    }
    uint64_t low = DefaultOf(l4, "EphemeralPortMin");
    uint64_t high = DefaultOf(l4, "EphemeralPortMax");
    if (low > high)
    {
        return "--ns3::HandshakeTcpL4Protocol::EphemeralPortMin=" + std::to_string(low) +
               " is above EphemeralPortMax=" + std::to_string(high) + ": no port to connect from";
    }
    return "";
}

} // namespace ns3
