#include "tcp-profile.h"

namespace ns3
{
namespace handshake
{

TcpConfig
ProfileConfig(TcpProfile profile)
{
    TcpConfig config; // the Linux profile
    if (profile == TcpProfile::RFC)
    {
        config.minRto = std::chrono::seconds(1);              // RFC 6298 2.4
        config.minRtoInVariance = false;                      // RFC 6298 2.2-2.4
        config.maxRto = std::chrono::seconds(60);             // RFC 6298 2.5
        config.msl = std::chrono::seconds(120);               // RFC 9293 3.4.2: 2 MSL = 240 s
        config.finTimeout = TcpTime(0);                       // RFC 9293: FIN_WAIT_2 waits on
        config.persistMax = std::chrono::seconds(60);         // as the RTO's bound
        config.delayedAckTimeout = std::chrono::milliseconds(200); // RFC 1122 4.2.3.2's typical
        config.quickAcks = 0;                                 // RFC 9293 3.8.6.3: no such mode
        config.receiveWindowGrowth = false;                   // RFC 9293 3.8.6.2.2: free buffer
        config.receiveWindowShare = 1.0;                      // the whole buffer is window
        config.sackCompressionDelay = TcpTime(0);             // RFC 5681 4.2: each OOO ACK now
        config.initialCwndSegments = 3;                       // RFC 5681 3.1 for a 1460-byte SMSS
        config.congestionControl = "NewReno";                 // RFC 5681, RFC 6582
        config.lossRecovery = TcpLossRecovery::RFC6675;       // RFC 6675, no TLP
    }
    return config;
}

const char*
ToString(TcpProfile profile)
{
    return profile == TcpProfile::RFC ? "Rfc" : "Linux";
}

} // namespace handshake
} // namespace ns3
