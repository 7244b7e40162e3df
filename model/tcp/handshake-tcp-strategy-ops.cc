#include "handshake-tcp-strategy-ops.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(HandshakeTcpCongestionOps);
NS_OBJECT_ENSURE_REGISTERED(HandshakeTcpNewReno);
NS_OBJECT_ENSURE_REGISTERED(HandshakeTcpCubic);
NS_OBJECT_ENSURE_REGISTERED(HandshakeTcpRecoveryOps);
NS_OBJECT_ENSURE_REGISTERED(HandshakeTcpRackTlp);
NS_OBJECT_ENSURE_REGISTERED(HandshakeTcpRfc6675);

TypeId
HandshakeTcpCongestionOps::GetTypeId()
{
    static TypeId tid = TypeId("ns3::HandshakeTcpCongestionOps")
                            .SetParent<Object>()
                            .SetGroupName("Handshake");
    return tid;
}

TypeId
HandshakeTcpNewReno::GetTypeId()
{
    static TypeId tid = TypeId("ns3::HandshakeTcpNewReno")
                            .SetParent<HandshakeTcpCongestionOps>()
                            .SetGroupName("Handshake")
                            .AddConstructor<HandshakeTcpNewReno>();
    return tid;
}

TypeId
HandshakeTcpCubic::GetTypeId()
{
    static TypeId tid = TypeId("ns3::HandshakeTcpCubic")
                            .SetParent<HandshakeTcpCongestionOps>()
                            .SetGroupName("Handshake")
                            .AddConstructor<HandshakeTcpCubic>();
    return tid;
}

std::optional<std::string>
HandshakeTcpCongestionOps::CoreName(TypeId tid)
{
    if (tid == HandshakeTcpNewReno::GetTypeId())
    {
        return "NewReno";
    }
    if (tid == HandshakeTcpCubic::GetTypeId())
    {
        return "Cubic";
    }
    return std::nullopt;
}

TypeId
HandshakeTcpCongestionOps::ForCoreName(const std::string& name)
{
    return name == "NewReno" ? HandshakeTcpNewReno::GetTypeId() : HandshakeTcpCubic::GetTypeId();
}

TypeId
HandshakeTcpRecoveryOps::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::HandshakeTcpRecoveryOps").SetParent<Object>().SetGroupName("Handshake");
    return tid;
}

TypeId
HandshakeTcpRackTlp::GetTypeId()
{
    static TypeId tid = TypeId("ns3::HandshakeTcpRackTlp")
                            .SetParent<HandshakeTcpRecoveryOps>()
                            .SetGroupName("Handshake")
                            .AddConstructor<HandshakeTcpRackTlp>();
    return tid;
}

TypeId
HandshakeTcpRfc6675::GetTypeId()
{
    static TypeId tid = TypeId("ns3::HandshakeTcpRfc6675")
                            .SetParent<HandshakeTcpRecoveryOps>()
                            .SetGroupName("Handshake")
                            .AddConstructor<HandshakeTcpRfc6675>();
    return tid;
}

std::optional<handshake::TcpLossRecovery>
HandshakeTcpRecoveryOps::CoreKind(TypeId tid)
{
    if (tid == HandshakeTcpRackTlp::GetTypeId())
    {
        return handshake::TcpLossRecovery::RACK_TLP;
    }
    if (tid == HandshakeTcpRfc6675::GetTypeId())
    {
        return handshake::TcpLossRecovery::RFC6675;
    }
    return std::nullopt;
}

TypeId
HandshakeTcpRecoveryOps::ForCoreKind(handshake::TcpLossRecovery kind)
{
    return kind == handshake::TcpLossRecovery::RFC6675 ? HandshakeTcpRfc6675::GetTypeId()
                                                       : HandshakeTcpRackTlp::GetTypeId();
}

} // namespace ns3
